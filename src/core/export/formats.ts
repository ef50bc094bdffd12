// The training-file formats: one JSON object per line, nothing but the fields the format defines
// (lineage goes to the sidecar, so fine-tuning tools that reject unknown keys accept the file).
export type ExportFormat = 'openai-chat' | 'alpaca' | 'sharegpt' | 'qa';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['openai-chat', 'alpaca', 'sharegpt', 'qa'];

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** Formats with a place for a system prompt; alpaca and qa have none. */
export function takesSystemPrompt(format: ExportFormat): boolean {
  return format === 'openai-chat' || format === 'sharegpt';
}

/**
 * The record of one (question, answer) pair, keys in the format's usual order. `context`: the
 * seed's Alpaca input when the question carries it appended (seeds/detectedShapes.ts); Alpaca
 * gets it back as its `input`, the other formats keep the question whole.
 */
export function formatRecord(format: ExportFormat, question: string, answer: string, system?: string, context?: string): object {
  switch (format) {
    case 'openai-chat':
      return {
        messages: [...(system !== undefined ? [{ role: 'system', content: system }] : []), { role: 'user', content: question }, { role: 'assistant', content: answer }],
      };
    case 'alpaca': {
      const appended = context === undefined || context === '' ? '' : `\n\n${context}`;
      if (appended !== '' && question.endsWith(appended) && question.length > appended.length) return { instruction: question.slice(0, -appended.length), input: context, output: answer };
      return { instruction: question, input: '', output: answer };
    }
    case 'sharegpt':
      return {
        conversations: [...(system !== undefined ? [{ from: 'system', value: system }] : []), { from: 'human', value: question }, { from: 'gpt', value: answer }],
      };
    case 'qa':
      return { question, answer };
  }
}
