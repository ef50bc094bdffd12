// Group commit seen from the meter: concurrent reserves share fsyncs, and no reserve resolves (no
// request may go out) before an fsync that started after its line was written has finished.
// Ordering is checked on a log of events from the journal's fs interface, never on timing.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BudgetLedger } from '../../src/core/budget/ledger.ts';
import { createMeter } from '../../src/core/budget/meter.ts';
import { openFileJournal } from '../../src/node/fileJournal.ts';
import { nodeJournalFs } from '../../src/node/journalFs.ts';
import type { JournalFileHandle, JournalFileSystem } from '../../src/node/journalFs.ts';

type Step = { kind: 'write'; ids: string[] } | { kind: 'sync-start'; n: number } | { kind: 'sync-end'; n: number } | { kind: 'resolved'; id: string };

let root = '';
let files = 0;
before(async () => void (root = await mkdtemp(path.join(tmpdir(), 'seedsmith-groupcommit-'))));
after(async () => rm(root, { recursive: true, force: true }));

/** The real file system, logging each write (with the attempt ids in it) and each fsync's start and end. */
function loggingFs(log: Step[], hold: { firstSync: Promise<void> | null; onSyncStart?: () => void }): JournalFileSystem {
  let syncs = 0;
  return {
    async openAppend(p: string): Promise<JournalFileHandle> {
      const h = await nodeJournalFs.openAppend(p);
      return {
        ...h,
        async write(buffer, offset, length) {
          const text = Buffer.from(buffer.subarray(offset, offset + length)).toString('utf8');
          log.push({ kind: 'write', ids: [...text.matchAll(/"attemptId":"([^"]+)"/g)].map((m) => m[1]!) });
          return h.write(buffer, offset, length);
        },
        async datasync() {
          const n = ++syncs;
          log.push({ kind: 'sync-start', n });
          hold.onSyncStart?.();
          if (n === 1 && hold.firstSync) await hold.firstSync;
          await h.datasync();
          log.push({ kind: 'sync-end', n });
        },
      };
    },
  };
}

/** For each reserve: the step index of its write, of the first fsync started after it, of that fsync's end, and of its resolution. */
function assertEachCoveredBeforeResolved(log: readonly Step[], ids: readonly string[]): void {
  for (const id of ids) {
    const written = log.findIndex((s) => s.kind === 'write' && s.ids.includes(id));
    const resolved = log.findIndex((s) => s.kind === 'resolved' && s.id === id);
    assert.ok(written >= 0, `${id} was written`);
    assert.ok(resolved > written, `${id} resolved after its write`);
    const syncStart = log.findIndex((s, i) => i > written && s.kind === 'sync-start');
    assert.ok(syncStart > written, `an fsync started after ${id} was written`);
    const n = (log[syncStart] as { n: number }).n;
    const syncEnd = log.findIndex((s) => s.kind === 'sync-end' && s.n === n);
    assert.ok(syncEnd > syncStart && syncEnd < resolved, `${id} resolved only after fsync ${n}, which covers it, completed (write ${written}, fsync ${syncStart}–${syncEnd}, resolved ${resolved})`);
  }
}

describe('group commit of reserves', { timeout: 10_000 }, () => {
  it('N concurrent reserves cost fewer than N fsyncs, and none resolves before the fsync covering it', async (t) => {
    const N = 32;
    const log: Step[] = [];
    const journal = await openFileJournal(path.join(root, `j${++files}.jsonl`), { fs: loggingFs(log, { firstSync: null }) });
    const syncsAtOpen = log.filter((s) => s.kind === 'sync-start').length;
    const ledger = BudgetLedger.withLimits({ teacher: N, augmenter: 0 });
    const ids = Array.from({ length: N }, (_, i) => `a${i}`);
    await Promise.all(
      ids.map(async (id) => {
        const meter = createMeter(ledger, journal, 'teacher', 'r', () => id);
        await meter.beforeAttempt();
        log.push({ kind: 'resolved', id });
      }),
    );
    const syncs = log.filter((s) => s.kind === 'sync-start').length - syncsAtOpen;
    t.diagnostic(`${N} concurrent reserves: ${syncs} fsync(s)`);
    assert.ok(syncs >= 1 && syncs < N, `${syncs} fsyncs for ${N} reserves`);
    assertEachCoveredBeforeResolved(log, ids);
    await journal.close();
  });

  it('reserves arriving while an fsync runs are written together and acknowledged by the next single fsync', async () => {
    const log: Step[] = [];
    let release: () => void = () => {};
    let syncStarted: () => void = () => {};
    const firstSyncRunning = new Promise<void>((resolve) => (syncStarted = resolve));
    const hold = { firstSync: new Promise<void>((resolve) => (release = resolve)), onSyncStart: () => syncStarted() };
    const journal = await openFileJournal(path.join(root, `j${++files}.jsonl`), { fs: loggingFs(log, hold) });
    const ledger = BudgetLedger.withLimits({ teacher: 64, augmenter: 0 });
    const reserveAll = (ids: readonly string[]) =>
      ids.map(async (id) => {
        await createMeter(ledger, journal, 'teacher', 'r', () => id).beforeAttempt();
        log.push({ kind: 'resolved', id });
      });
    const first = Array.from({ length: 16 }, (_, i) => `first${i}`);
    const second = Array.from({ length: 16 }, (_, i) => `second${i}`);
    const firstDone = reserveAll(first);
    await firstSyncRunning;
    const secondDone = reserveAll(second);
    assert.equal(log.filter((s) => s.kind === 'resolved').length, 0, 'nothing acknowledged while the first fsync is held');
    release();
    await Promise.all([...firstDone, ...secondDone]);

    const writes = log.filter((s) => s.kind === 'write');
    assert.deepEqual(writes.map((w) => (w.kind === 'write' ? w.ids : [])), [first, second], 'one write per wave, in call order');
    assert.equal(log.filter((s) => s.kind === 'sync-start').length, 2, 'two fsyncs for 32 reserves: one per wave');
    assertEachCoveredBeforeResolved(log, [...first, ...second]);
    // The second wave rode on the second fsync, not the first (which began before it was written).
    const secondWrite = log.findIndex((s) => s.kind === 'write' && s.ids.includes('second0'));
    assert.ok(secondWrite > log.findIndex((s) => s.kind === 'sync-start' && s.n === 1));
    assert.ok(log.findIndex((s) => s.kind === 'resolved' && s.id.startsWith('second')) > log.findIndex((s) => s.kind === 'sync-end' && s.n === 2));
    await journal.close();
  });
});
