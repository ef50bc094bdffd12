// Labels through structured output (issue 10): where the endpoint supports it, the teacher's
// answer to a label question is constrained by a JSON schema whose one field is an enum of the
// seeds' labels, so it cannot answer outside the set. The format instruction still says the same
// in words: an endpoint that ignores or refuses response_format (the client then drops it for the
// run) still gets asked for the bare label, and the reply is read tolerantly either way.
import type { JsonSchemaFormat } from '../model/chat.ts';
import type { AnswerProfile } from '../profile/types.ts';
import { parseLooseJson } from './parseJson.ts';

export const LABEL_FORMAT_NAME = 'label';

/** For a label profile with its set; none for other kinds. */
export function labelResponseFormat(profile: AnswerProfile | undefined): JsonSchemaFormat | undefined {
  const labels = profile?.kind === 'label' ? profile.labels : undefined;
  if (labels === undefined || labels.length === 0) return undefined;
  return {
    name: LABEL_FORMAT_NAME,
    schema: { type: 'object', properties: { label: { type: 'string', enum: [...labels] } }, required: ['label'], additionalProperties: false },
    strict: true,
  };
}

/** The label of a structured reply ({"label": "…"}), or the reply as it is when it is not one (a plain label, prose). */
export function labelFromReply(content: string): string {
  const trimmed = content.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('```')) return content;
  const parsed = parseLooseJson(trimmed);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return content;
  const label = (parsed.value as { label?: unknown }).label;
  return typeof label === 'string' ? label : content;
}
