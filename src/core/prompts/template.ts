// A prompt template is data: the text a person can read, override in seedsmith.jsonc and see in
// every sample's lineage through its hash. The `Task:` line the test teacher (and any endpoint
// that ignores response_format) reads is not part of the overridable text: renderPrompt adds it,
// so an override can never break task routing.
import { sha256Hex } from '../sha256.ts';

/** The task names of the model-facing contract (response_format name and the `Task:` line). */
export type PromptTask = 'answer' | 'rephrase' | 'new_questions' | 'self_check';

export type PromptId = 'answer.cot.v1' | 'rephrase.v1' | 'new-question.v1' | 'self-check.v1';

export const PROMPT_IDS: readonly PromptId[] = ['answer.cot.v1', 'rephrase.v1', 'new-question.v1', 'self-check.v1'];

export type PromptSource = 'default' | 'override';

export type PromptSet = Readonly<Record<PromptId, PromptTemplate>>;

/** A template as written: what a default or an override provides. */
export interface TemplateText {
  readonly id: PromptId;
  readonly task: PromptTask;
  /** What the template is for, in one line (shown next to the preview). */
  readonly title: string;
  readonly system: string;
  readonly user: string;
  /** Every placeholder the template needs; each must appear at least once (system or user). */
  readonly placeholders: readonly string[];
  /**
   * Placeholders it may use or leave out (the answer kind's format, few-shot examples, the
   * context): an override written before they existed stays valid. Rendered as '' when not given.
   */
  readonly optional?: readonly string[];
}

export interface PromptTemplate extends TemplateText {
  /** First 16 hex digits of sha256 over id, task and both texts: changes with any override. */
  readonly hash: string;
  readonly source: PromptSource;
}

export function templateHash(text: Pick<TemplateText, 'id' | 'task' | 'system' | 'user'>): string {
  // JSON of an array keeps the fields apart, so moving text between system and user changes it.
  return sha256Hex(JSON.stringify([text.id, text.task, text.system, text.user])).slice(0, 16);
}

export function makeTemplate(text: TemplateText, source: PromptSource = 'default'): PromptTemplate {
  return Object.freeze({ ...text, placeholders: Object.freeze([...text.placeholders]), optional: Object.freeze([...(text.optional ?? [])]), hash: templateHash(text), source });
}

export function isPromptId(value: string): value is PromptId {
  return (PROMPT_IDS as readonly string[]).includes(value);
}
