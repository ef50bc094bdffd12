// The live journal applies each event to the state only once its own write has answered and
// every earlier append has been dealt with: the state shows events in append order even when the
// sink answers out of order, a failed write is never applied and does not hold up the rest, and
// an append resolves only once its event is in the state.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JournalEvent } from '../../src/core/journal/events.ts';
import { createSessionState } from '../../src/core/journal/reduce.ts';
import type { JournalSink } from '../../src/core/journal/sink.ts';
import { createLiveJournal } from '../../src/core/session/liveJournal.ts';

const reserve = (attemptId: string): JournalEvent => ({ type: 'reserve', at: '2026-01-01T00:00:00.000Z', attemptId, role: 'teacher', runId: 'r1' });

/** A sink whose writes answer only when the test says so. */
function manualSink() {
  const writes: { event: JournalEvent; resolve: () => void; reject: (error: Error) => void }[] = [];
  const sink: JournalSink = {
    append: (event) => new Promise<void>((resolve, reject) => writes.push({ event, resolve, reject })),
    close: async () => {},
  };
  return { sink, writes };
}

const idOf = (event: JournalEvent): string => (event.type === 'reserve' ? event.attemptId : event.type);

describe('live journal', () => {
  it('applies events in append order whatever order the sink answers in', async () => {
    const { sink, writes } = manualSink();
    const journal = createLiveJournal(sink, createSessionState());
    const seen: string[] = [];
    journal.subscribe((event) => seen.push(idOf(event)));
    const settled: string[] = [];
    const appends = ['a', 'b', 'c'].map((id) => journal.append(reserve(id)).then(() => settled.push(id)));
    writes[2]!.resolve();
    writes[1]!.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(seen, [], 'applied before the first write answered');
    assert.deepEqual(settled, []);
    writes[0]!.resolve();
    await Promise.all(appends);
    assert.deepEqual(seen, ['a', 'b', 'c']);
    assert.deepEqual(settled, ['a', 'b', 'c']);
  });

  it('rejects a failed write without applying it, and still applies the appends after it', async () => {
    const { sink, writes } = manualSink();
    const state = createSessionState();
    const journal = createLiveJournal(sink, state);
    const seen: string[] = [];
    journal.subscribe((event, current) => {
      assert.equal(current, state);
      seen.push(idOf(event));
    });
    const first = journal.append(reserve('a'));
    const second = journal.append(reserve('b'));
    const third = journal.append(reserve('c'));
    writes[1]!.reject(new Error('disk full'));
    writes[2]!.resolve();
    writes[0]!.resolve();
    await first;
    await assert.rejects(second, /disk full/);
    await third;
    assert.deepEqual(seen, ['a', 'c']);
  });

  it('resolves an append only once its event is in the state', async () => {
    const { sink, writes } = manualSink();
    const state = createSessionState();
    const journal = createLiveJournal(sink, state);
    const appended = journal.append(reserve('a'));
    writes[0]!.resolve();
    assert.equal(state.budget.teacher.spent, 0, 'applied before the write answered');
    await appended;
    assert.equal(state.budget.teacher.spent, 1);
    assert.equal(state.budget.teacher.unsettled, 1);
  });

  it('keeps applying when a listener throws', async () => {
    const { sink, writes } = manualSink();
    const journal = createLiveJournal(sink, createSessionState());
    const seen: string[] = [];
    journal.subscribe(() => {
      throw new Error('a view bug');
    });
    journal.subscribe((event) => seen.push(idOf(event)));
    const both = [journal.append(reserve('a')), journal.append(reserve('b'))];
    writes[0]!.resolve();
    writes[1]!.resolve();
    await Promise.all(both);
    assert.deepEqual(seen, ['a', 'b']);
  });
});
