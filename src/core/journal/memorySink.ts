// A JournalSink that keeps events in memory: for tests of anything that writes the journal, and
// for dry runs. It keeps the contract's ordering; `durable` only shows up in `durableCount`.
import type { JournalEvent } from './events.ts';
import type { AppendOptions, JournalSink } from './sink.ts';

export class MemoryJournal implements JournalSink {
  readonly events: JournalEvent[] = [];
  durableCount = 0;
  private closed = false;

  async append(event: JournalEvent, opts?: AppendOptions): Promise<void> {
    if (this.closed) throw new Error('The journal is closed.');
    // A copy through JSON, so a test sees exactly what a file journal would have kept.
    this.events.push(JSON.parse(JSON.stringify(event)) as JournalEvent);
    if (opts?.durable) this.durableCount += 1;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
