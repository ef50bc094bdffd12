// The boundary between a batch run (core) and a batch engine (src/teacher implements it on the
// openai SDK's files and batches APIs). Core never sees HTTP or the file format's wire details.
import type { ChatRequest, ChatResult } from '../model/chat.ts';
import type { BatchEngineKind } from '../journal/batchEvents.ts';

export interface BatchRequestLine {
  readonly customId: string;
  readonly request: ChatRequest;
}

/** A provider's view of a batch, as polled. */
export interface BatchPoll {
  readonly status: string;
  /** completed, expired, cancelled or failed: nothing more will run. */
  readonly terminal: boolean;
  readonly outputFileId: string | null;
  readonly errorFileId: string | null;
  readonly counts: { readonly total: number; readonly completed: number; readonly failed: number };
  /** The provider's validation errors (failed batches), each with its line when it said. */
  readonly errors: readonly string[];
  readonly expiresAt: string | null;
}

/** One line of an output or error file, read and joined by custom_id. */
export type BatchResultLine =
  | { readonly customId: string; readonly kind: 'completed'; readonly result: ChatResult }
  /** Never ran: batch_expired or batch_cancelled. */
  | { readonly customId: string; readonly kind: 'unrun'; readonly code: string }
  /** Ran or may have run, and failed (a non-200 status, or an error other than expiry/cancel). */
  | { readonly customId: string; readonly kind: 'error'; readonly status: number | null; readonly message: string };

export interface BatchSubmission {
  readonly batchId: string;
  readonly inputFileId: string | null;
  readonly expiresAt: string | null;
}

export interface BatchEngine {
  readonly kind: Exclude<BatchEngineKind, 'offline'>;
  /** One input line as it goes into the file (no trailing newline): the size limits are counted on it. */
  encodeLine(line: BatchRequestLine): string;
  /** Uploads the file and creates the batch, tagged with `batchKey` so find() can recover it. */
  submit(lines: readonly string[], batchKey: string, signal: AbortSignal): Promise<BatchSubmission>;
  /** The batch created for `batchKey`, if the provider has one (a crash may have hidden its id from us). */
  find(batchKey: string, signal: AbortSignal): Promise<BatchSubmission | null>;
  poll(batchId: string, signal: AbortSignal): Promise<BatchPoll>;
  /** The output and error files' lines (call only at a terminal status with file ids). */
  results(poll: BatchPoll, signal: AbortSignal): Promise<BatchResultLine[]>;
  cancel(batchId: string, signal: AbortSignal): Promise<void>;
}
