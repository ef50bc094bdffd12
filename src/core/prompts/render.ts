// Turns a template and its values into the messages sent to a model, and into the text the
// editor shows for "preview prompt". Both go through the same function, so the preview is
// exactly what the model will read.
import type { ChatMessage } from '../model/chat.ts';
import { replacePlaceholders } from './placeholders.ts';
import type { PromptTemplate } from './template.ts';

export type PromptVars = Readonly<Record<string, string | number>>;

/** The routing line endpoints without structured output (and the test teacher) read. */
export function taskLine(template: PromptTemplate): string {
  return `Task: ${template.task}`;
}

/** [system, user] messages. Throws when a placeholder the template uses has no value. */
export function renderPrompt(template: PromptTemplate, vars: PromptVars): ChatMessage[] {
  const fill = (name: string): string => {
    const value = vars[name] ?? (template.optional?.includes(name) === true ? '' : undefined);
    if (value === undefined) throw new Error(`Prompt ${template.id}: no value for {{${name}}}.`);
    return String(value);
  };
  return [
    { role: 'system', content: `${taskLine(template)}\n\n${replacePlaceholders(template.system, fill)}` },
    { role: 'user', content: replacePlaceholders(template.user, fill) },
  ];
}

/**
 * The rendered prompt as one readable text. Needed placeholders without a value stay visible as
 * `{{name}}`, so a template can be previewed before any seed is chosen; optional ones render as
 * '' as they would be sent.
 */
export function previewPrompt(template: PromptTemplate, vars: Partial<PromptVars> = {}): string {
  const fill = (name: string): string | undefined => {
    const value = vars[name] ?? (template.optional?.includes(name) === true ? '' : undefined);
    return value === undefined ? undefined : String(value);
  };
  const system = `${taskLine(template)}\n\n${replacePlaceholders(template.system, fill)}`;
  const user = replacePlaceholders(template.user, fill);
  return `--- system (${template.id} ${template.hash}) ---\n${system}\n\n--- user ---\n${user}\n`;
}
