// The training-file formats: one JSON object per line, nothing but the fields the format defines
// (lineage goes to the sidecar, so fine-tuning tools that reject unknown keys accept the file).
import type { SeedContextSource } from '../seeds/types.ts';

export type ExportFormat = 'openai-chat' | 'alpaca' | 'sharegpt' | 'qa';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['openai-chat', 'alpaca', 'sharegpt', 'qa'];

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** Formats with a place for a system prompt; alpaca and qa have none. */
export function takesSystemPrompt(format: ExportFormat): boolean {
  return format === 'openai-chat' || format === 'sharegpt';
}

/** A seed's context and where it came from (Seed.context, Seed.contextSource). */
export interface ExportContext {
  readonly text: string;
  readonly source: SeedContextSource;
}

/**
 * The record of one (question, answer) pair, keys in the format's usual order, self-contained:
 * the seed's context goes back where it came from.
 * - an Alpaca input (the question carries it appended, as seeds/detectedShapes.ts reads it):
 *   Alpaca's `input`; the other formats keep the question whole, input included. A question that
 *   no longer carries it (a person's edit took it out) gets none back.
 * - a `context`/`schema` field (a passage, a database schema): after the question, a blank line
 *   between, in the user turn (openai-chat, sharegpt, qa); Alpaca's `input`.
 * - a chat's system message: the system message (after `system`, the export's own, when both
 *   are given); qa and Alpaca have no system turn, so it goes before the question.
 * The answer is written exactly as given.
 */
export function formatRecord(format: ExportFormat, question: string, answer: string, system?: string, context?: ExportContext): object {
  const parts = splitContext(question, context);
  const systemText = [system, parts.system].filter((s) => s !== undefined);
  const withSystem = (text: string) => (parts.system === undefined ? text : `${parts.system}\n\n${text}`);
  switch (format) {
    case 'openai-chat':
      return {
        messages: [...(systemText.length > 0 ? [{ role: 'system', content: systemText.join('\n\n') }] : []), { role: 'user', content: parts.user }, { role: 'assistant', content: answer }],
      };
    case 'alpaca':
      return { instruction: withSystem(parts.question), input: parts.input, output: answer };
    case 'sharegpt':
      return {
        conversations: [...(systemText.length > 0 ? [{ from: 'system', value: systemText.join('\n\n') }] : []), { from: 'human', value: parts.user }, { from: 'gpt', value: answer }],
      };
    case 'qa':
      return { question: withSystem(parts.user), answer };
  }
}

interface ContextParts {
  /** The question without the context. */
  readonly question: string;
  /** Alpaca's input: the context, when it goes with the question. */
  readonly input: string;
  /** The user turn: the question with the context that goes with it. */
  readonly user: string;
  /** A chat seed's system message. */
  readonly system?: string;
}

function splitContext(question: string, context: ExportContext | undefined): ContextParts {
  if (context === undefined || context.text.trim() === '') return { question, input: '', user: question };
  if (context.source === 'system') return { question, input: '', user: question, system: context.text };
  const appended = `\n\n${context.text}`;
  if (question.endsWith(appended) && question.length > appended.length) return { question: question.slice(0, -appended.length), input: context.text, user: question };
  if (context.source === 'input') return { question, input: '', user: question };
  return { question, input: context.text, user: `${question}${appended}` };
}
