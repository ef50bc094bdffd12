// The lines a batch engine writes back, in OpenAI's batch output format: one JSON object per
// request, joined to the input by custom_id. A request that ran has a `response` (status 200 in
// the output file, other statuses in the error file); one that never ran has `error` with
// batch_expired or batch_cancelled (error file). vLLM's run-batch writes the same shapes.
import { randomUUID } from 'node:crypto';
import type { ExecutedChat } from './chatExecution.ts';
import type { TeacherKnobs } from './knobs.ts';
import { rngFor } from './rng.ts';

export type LineFate = 'run' | 'error' | 'expire' | 'drop';

export interface BatchRecord {
  readonly id: string;
  readonly custom_id: string;
  readonly response: { readonly status_code: number; readonly request_id: string; readonly body: unknown } | null;
  readonly error: { readonly code: string; readonly message: string } | null;
}

/** Seeded per (knob seed, custom id): the same file meets the same fates. Expiry spares a request that expired before. */
export function lineFate(knobs: Readonly<TeacherKnobs>, customId: string, expiredBefore: boolean): LineFate {
  const rng = rngFor('batch-line', knobs.seed, customId);
  const draw = rng.next();
  if (draw < knobs.batchDropRate) return 'drop';
  if (draw < knobs.batchDropRate + knobs.batchLineErrorRate) return 'error';
  if (!expiredBefore && draw < knobs.batchDropRate + knobs.batchLineErrorRate + knobs.batchExpireRate) return 'expire';
  return 'run';
}

export function ranRecord(customId: string, executed: ExecutedChat): BatchRecord {
  return { id: recordId(), custom_id: customId, response: { status_code: executed.statusCode, request_id: requestId(), body: executed.body }, error: null };
}

/** A line the model ran and the server then failed: the model's work may be billed. */
export function failedRecord(customId: string): BatchRecord {
  const body = { error: { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null } };
  return { id: recordId(), custom_id: customId, response: { status_code: 500, request_id: requestId(), body }, error: null };
}

export function unrunRecord(customId: string, code: 'batch_expired' | 'batch_cancelled'): BatchRecord {
  const message = code === 'batch_expired' ? 'This request could not be executed before the completion window expired.' : 'This request was not executed because the batch was cancelled.';
  return { id: recordId(), custom_id: customId, response: null, error: { code, message } };
}

export function toJsonl(records: readonly BatchRecord[]): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join('');
}

/** Fisher–Yates with a seeded stream, so a shuffled file is reproducible. */
export function shuffled<T>(items: readonly T[], seed: number, salt: string): T[] {
  const out = [...items];
  const rng = rngFor('batch-shuffle', seed, salt);
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const recordId = (): string => `batch_req_${randomUUID().replace(/-/g, '')}`;
const requestId = (): string => `req_${randomUUID().replace(/-/g, '')}`;
