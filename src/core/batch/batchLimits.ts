// A batch input file's limits per engine, and the split of a stage's lines into files that keep
// them: OpenAI takes 50,000 lines and 200 MB per file, Azure OpenAI's global batch 100,000
// lines (and 200 MB). One model per file is the caller's job (lines are grouped by model first).
import type { BatchEngineKind } from '../journal/batchEvents.ts';

export interface FileLimits {
  readonly maxLines: number;
  readonly maxBytes: number;
}

const MB = 1024 * 1024;

export const BATCH_FILE_LIMITS: Readonly<Record<BatchEngineKind, FileLimits>> = {
  openai: { maxLines: 50_000, maxBytes: 200 * MB },
  azure: { maxLines: 100_000, maxBytes: 200 * MB },
  // An offline runner has no limit of its own; one file per model keeps the import simple.
  offline: { maxLines: Number.MAX_SAFE_INTEGER, maxBytes: Number.MAX_SAFE_INTEGER },
};

/**
 * Splits encoded lines (each without its newline) into files within the limits, in order. A
 * single line over the byte limit cannot go into any file: it is an error, not a silent drop.
 */
export function splitIntoFiles<T>(items: readonly T[], encoded: (item: T) => string, limits: FileLimits): T[][] {
  const files: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = utf8Length(encoded(item)) + 1;
    if (size > limits.maxBytes) throw new RangeError(`A batch line of ${size} bytes is over the engine's file limit of ${limits.maxBytes} bytes.`);
    if (current.length > 0 && (current.length >= limits.maxLines || bytes + size > limits.maxBytes)) {
      files.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) files.push(current);
  return files;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
