// Reads a batch engine's output and error files (OpenAI's format; vLLM run-batch writes the same
// shapes, successes and errors in one file) into core's BatchResultLine, joined by custom_id.
// Loose reads: the declared types describe OpenAI, not every runner.
import type OpenAI from 'openai';
import type { BatchResultLine } from '../core/batch/batchEngine.ts';
import { scrubSecrets } from '../core/model/scrubSecrets.ts';
import { toChatResult } from './chatResult.ts';

export interface ReadRecords {
  readonly lines: BatchResultLine[];
  /** Lines that are not JSON or carry no custom_id (1-based line numbers). */
  readonly unreadable: number[];
}

export function readBatchRecords(text: string): ReadRecords {
  const lines: BatchResultLine[] = [];
  const unreadable: number[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    if (raw.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(raw);
    } catch {
      unreadable.push(i + 1);
      continue;
    }
    const line = toResultLine(record);
    if (line) lines.push(line);
    else unreadable.push(i + 1);
  }
  return { lines, unreadable };
}

function toResultLine(record: unknown): BatchResultLine | null {
  const r = record as { custom_id?: unknown; response?: { status_code?: unknown; request_id?: unknown; body?: unknown } | null; error?: { code?: unknown; message?: unknown } | null } | null;
  if (typeof r !== 'object' || r === null || typeof r.custom_id !== 'string') return null;
  const customId = r.custom_id;
  const response = r.response ?? null;
  const status = typeof response?.status_code === 'number' ? response.status_code : null;
  if (status === 200 && isCompletion(response?.body)) {
    const body = response!.body as OpenAI.ChatCompletion;
    const requestId = typeof response?.request_id === 'string' ? response.request_id : null;
    return { customId, kind: 'completed', result: toChatResult(body, { requestId, attempts: 1, latencyMs: 0, requestedModel: typeof body.model === 'string' ? body.model : '' }) };
  }
  const error = r.error ?? null;
  const code = typeof error?.code === 'string' ? error.code : null;
  // Never ran: the engine says so with an error and no response.
  if (response === null && code !== null) return { customId, kind: 'unrun', code };
  const bodyError = (response?.body as { error?: { message?: unknown } } | null | undefined)?.error;
  const message = typeof bodyError?.message === 'string' ? bodyError.message : typeof error?.message === 'string' ? error.message : status === 200 ? 'the answer is not a chat completion' : 'no message';
  return { customId, kind: 'error', status, message: scrubSecrets(message) };
}

function isCompletion(body: unknown): boolean {
  return typeof body === 'object' && body !== null && Array.isArray((body as { choices?: unknown }).choices);
}
