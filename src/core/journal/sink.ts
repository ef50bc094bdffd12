// Where journal events go. Core writes through this; src/node implements it on a file.
import type { JournalEvent } from './events.ts';

export interface AppendOptions {
  /**
   * Resolve only once the event is on stable storage (fsync'd). Used where losing the event in a
   * power cut would be wrong: reserves (spend must never be forgotten), settles, samples,
   * decisions. Durable appends issued close together share one fsync.
   */
  readonly durable?: boolean;
}

export interface JournalSink {
  /**
   * Appends one event. Events land in the order append was called. A non-durable append
   * resolves once written (flushed to disk soon after); a durable one once fsync'd.
   */
  append(event: JournalEvent, opts?: AppendOptions): Promise<void>;
  /** Waits for pending appends, makes everything durable and releases the file. */
  close(): Promise<void>;
}
