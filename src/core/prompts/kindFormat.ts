// The format instruction of each answer kind (issue 10): the teacher is told the shape of the
// user's own seed answers, so a student fine-tuned on the accepted samples learns that shape.
// Numeric answers keep the seeds' own final-answer marker: a GSM8K file still asks for `####`.
import type { AnswerProfile, NumericMarker } from '../profile/types.ts';

const REASON = `Work through the question step by step in a few short sentences. State each fact you use from the question and each calculation or deduction you make, so that a student could follow and check every step. Do not add material the question does not ask for.`;

const MARKER_ENDINGS: Readonly<Record<NumericMarker, string>> = {
  '####': `End with the final answer alone on the last line, written as:
#### <final answer>
After the four hash marks write only the answer itself; for a number, write just the number, without units.`,
  '\\boxed{}': `End with the final answer written as \\boxed{<final answer>}; inside the box write only the answer itself; for a number, just the number, without units.`,
  'The answer is': `End with a last line written as:
The answer is <final answer>.
For a number, write just the number, without units.`,
  none: '',
};

/** The instruction for answers of the profile's kind; numeric with `####` when there is no profile. */
export function formatInstruction(profile: AnswerProfile | undefined): string {
  const kind = profile?.kind ?? 'numeric';
  switch (kind) {
    case 'numeric': {
      const marker = profile?.marker ?? '####';
      if (marker === 'none') return 'Reply with the final answer only: just the number, without units, working or any other text, as in the examples.';
      return `${REASON}\n${MARKER_ENDINGS[marker]}`;
    }
    case 'label': {
      const labels = profile?.labels ?? [];
      const list = labels.length > 0 ? labels.map((l) => JSON.stringify(l)).join(', ') : 'the labels the examples use';
      return `Reply with exactly one of these labels and nothing else: ${list}. Write the label exactly as given, with no explanation.`;
    }
    case 'json': {
      const schema = profile?.schema === undefined ? '' : ` that fits this JSON Schema:\n${JSON.stringify(profile.schema)}`;
      return `Reply with one JSON value only${schema}\nNo prose, no explanation and no code fence: the reply must parse as JSON, with the keys and types the examples use.`;
    }
    case 'sql': {
      const fence = profile?.fenced === true ? ' Write it in one ```sql code block, with nothing outside the block.' : ' Write the query alone: no prose, no explanation and no code fence.';
      return `Reply with one SQL query that answers the question, using only the tables and columns of the schema given with it.${fence}`;
    }
    case 'code': {
      const language = profile?.language ?? 'the language of the examples';
      const fence = profile?.fenced === false ? `Reply with the ${language} code only, with no prose before or after it.` : `Reply with one fenced code block in ${language} (\`\`\`${profile?.language ?? ''} … \`\`\`) and nothing outside the block.`;
      return `${fence} Write code that does what the question asks, in the style of the examples.`;
    }
    case 'text': {
      const range = profile?.lengthRange;
      const length = range === undefined ? 'of the length of the examples' : `of ${range.min}–${range.max} words, as the examples are`;
      return `Answer in the register, tone and form of the examples, ${length}. Reply with the answer text only, without a preamble or a label.`;
    }
  }
}

/** What a profile adds to a prompt's lineage: the kind and what its instruction depends on. */
export function profileLineage(profile: AnswerProfile | undefined): string {
  if (profile === undefined) return 'numeric:####';
  switch (profile.kind) {
    case 'numeric':
      return `numeric:${profile.marker ?? '####'}`;
    case 'code':
      return `code:${profile.language ?? ''}`;
    default:
      return profile.kind;
  }
}
