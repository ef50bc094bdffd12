// The file journal: group commit (many durable appends, few fsyncs, none acknowledged early),
// ordering, the flush of non-durable events, repair of a torn end, and failing closed.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JournalEvent } from '../../src/core/journal/events.ts';
import { parseJournalText } from '../../src/core/journal/parse.ts';
import { JournalWriteError, openFileJournal } from '../../src/node/fileJournal.ts';
import { nodeJournalFs } from '../../src/node/journalFs.ts';
import type { JournalFileHandle, JournalFileSystem } from '../../src/node/journalFs.ts';
import { createRng } from '../teacher/rng.ts';

const at = '2025-03-01T12:00:00.000Z';
const reserve = (attemptId: string): JournalEvent => ({ type: 'reserve', at, attemptId, role: 'teacher', runId: 'r' });
const line = (e: JournalEvent) => JSON.stringify(e) + '\n';
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let root = '';
let n = 0;
before(async () => void (root = await mkdtemp(path.join(tmpdir(), 'seedsmith-journal-'))));
after(async () => rm(root, { recursive: true, force: true }));
const freshPath = () => path.join(root, `j${++n}.jsonl`);

interface Probe {
  syncs: number;
  /** Of those, fdatasyncs made on the event loop's thread (syncOnLoop). */
  syncsOnLoop: number;
  writes: number;
  /** Bytes written through the handle. */
  written: number;
  /** How many of them an fsync has covered. */
  synced: number;
  /** Whether this exact line is in the fsync'd part of the file. */
  isDurable(line: string): boolean;
}

/** The real file system, watched: counts writes and fsyncs and knows which lines are durable. */
function probeFs(options: { syncDelayMs?: number; beforeSync?: () => Promise<void>; failWrite?: (call: number) => 'partial' | 'throw' | null; failSync?: boolean } = {}): { fs: JournalFileSystem; probe: Probe } {
  const chunks: Buffer[] = [];
  const durableLines = new Set<string>();
  let carry = '';
  let decodedUpTo = 0;
  const probe: Probe = { syncs: 0, syncsOnLoop: 0, writes: 0, written: 0, synced: 0, isDurable: (l) => durableLines.has(l) };
  // Splits the newly fsync'd bytes into lines (kept as a set so each check is O(1)).
  const markSynced = (upTo: number) => {
    if (upTo <= decodedUpTo) return;
    const all = Buffer.concat(chunks);
    const text = carry + all.subarray(decodedUpTo, upTo).toString('utf8');
    const parts = text.split('\n');
    carry = parts.pop() ?? '';
    for (const part of parts) durableLines.add(part + '\n');
    decodedUpTo = upTo;
    probe.synced = upTo;
  };
  const fs: JournalFileSystem = {
    async openAppend(p: string): Promise<JournalFileHandle> {
      const h = await nodeJournalFs.openAppend(p);
      return {
        ...h,
        async write(buffer, offset, length) {
          const call = ++probe.writes;
          const fault = options.failWrite?.(call) ?? null;
          if (fault === 'throw') throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
          const len = fault === 'partial' ? Math.max(1, Math.floor(length / 2)) : length;
          const r = await h.write(buffer, offset, len);
          chunks.push(Buffer.from(buffer.subarray(offset, offset + r.bytesWritten)));
          probe.written += r.bytesWritten;
          return r;
        },
        async datasync() {
          const upTo = probe.written;
          probe.syncs += 1;
          if (options.beforeSync) await options.beforeSync();
          if (options.syncDelayMs) await delay(options.syncDelayMs);
          if (options.failSync) throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
          await h.datasync();
          markSynced(upTo);
        },
        datasyncNow() {
          const upTo = probe.written;
          probe.syncs += 1;
          probe.syncsOnLoop += 1;
          if (options.failSync) throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
          h.datasyncNow();
          markSynced(upTo);
        },
      };
    },
  };
  return { fs, probe };
}

describe('FileJournal group commit', { timeout: 10_000 }, () => {
  it('256 durable appends at once: one write, one fsync, each acknowledged only once fsync’d', async (t) => {
    const { fs, probe } = probeFs();
    const file = freshPath();
    const journal = await openFileJournal(file, { fs });
    const events = Array.from({ length: 256 }, (_, i) => reserve(`a${i}`));
    const early: string[] = [];
    await Promise.all(
      events.map((e) =>
        journal.append(e, { durable: true }).then(() => {
          if (!probe.isDurable(line(e))) early.push(JSON.stringify(e));
        }),
      ),
    );
    t.diagnostic(`256 concurrent durable appends: ${probe.syncs} fsync(s), ${journal.stats.writes} write(s)`);
    assert.deepEqual(early, [], 'no durable append resolved before its line was fsync’d');
    assert.ok(probe.syncs <= 2, `${probe.syncs} fsyncs for 256 appends`);
    await journal.close();
    assert.equal(await readFile(file, 'utf8'), events.map(line).join(''), 'every line, in call order');
  });

  it('64 requests in flight (reserve, request, settle, sample): far fewer fsyncs than durable appends', async (t) => {
    for (const syncDelayMs of [0, 2]) {
      const { fs, probe } = probeFs({ syncDelayMs });
      const file = freshPath();
      const journal = await openFileJournal(file, { fs });
      const rng = createRng(5);
      let early = 0;
      const durable = async (e: JournalEvent) => {
        await journal.append(e, { durable: true });
        if (!probe.isDurable(line(e))) early += 1;
      };
      const worker = async (w: number) => {
        for (let i = 0; i < 8; i++) {
          const id = `w${w}.${i}`;
          await durable(reserve(id));
          await delay(rng.int(0, 3)); // the HTTP request
          await durable({ type: 'settle', at, attemptId: id, role: 'teacher', outcome: { kind: 'completed', status: 200 } });
          await journal.append({ type: 'completion', at, cacheKey: id, role: 'teacher', result: { content: id, refusal: null, finishReason: 'stop', usage: { promptTokens: 1, completionTokens: 1 }, model: 'm', requestId: null, attempts: 1, latencyMs: 1 } });
          await durable({ type: 'decision', at, sampleId: id, decision: 'reset', source: 'auto' });
        }
      };
      await Promise.all(Array.from({ length: 64 }, (_, w) => worker(w)));
      const durableAppends = 64 * 8 * 3;
      t.diagnostic(`64 in flight, fsync ${syncDelayMs} ms extra: ${durableAppends} durable + ${64 * 8} plain appends → ${probe.syncs} fsyncs, ${journal.stats.writes} writes`);
      assert.equal(early, 0);
      assert.ok(probe.syncs * 8 < durableAppends, `${probe.syncs} fsyncs for ${durableAppends} durable appends`);
      await journal.close();
      const { events, report } = parseJournalText(await readFile(file, 'utf8'));
      assert.equal(events.length, 64 * 8 * 4);
      assert.equal(report.tornTail, null);
    }
  });

  it('a durable append made while an fsync is running waits for the next fsync', async () => {
    let release: () => void = () => {};
    let gateNext = true;
    const { fs, probe } = probeFs({
      beforeSync: async () => {
        if (!gateNext) return;
        gateNext = false;
        await new Promise<void>((resolve) => (release = resolve));
      },
    });
    const journal = await openFileJournal(freshPath(), { fs });
    const order: string[] = [];
    const a = journal.append(reserve('a'), { durable: true }).then(() => order.push(`a after ${probe.synced} synced bytes`));
    // Until the fsync is asked for; the bound only ends a wait that would never end (a loaded machine is slow to write).
    for (const deadline = Date.now() + 30_000; probe.syncs === 0 && Date.now() < deadline; ) await delay(1);
    assert.equal(probe.syncs, 1, 'a durable append asks for an fsync');
    const b = journal.append(reserve('b'), { durable: true }).then(() => order.push('b'));
    await delay(5);
    assert.deepEqual(order, [], 'nothing acknowledged while the first fsync is running');
    release();
    await Promise.all([a, b]);
    assert.equal(order[1], 'b');
    assert.equal(probe.syncs, 2, 'b needed its own fsync');
    assert.ok(probe.isDurable(line(reserve('b'))));
    await journal.close();
  });

  it('writes plain appends in order without an fsync, then flushes them soon, and on close', async () => {
    const { fs, probe } = probeFs();
    const file = freshPath();
    const journal = await openFileJournal(file, { fs, flushDelayMs: 30 });
    await journal.append(reserve('a'));
    await journal.append(reserve('b'));
    assert.equal(probe.syncs, 0, 'a plain append does not wait for an fsync');
    assert.equal(await readFile(file, 'utf8'), line(reserve('a')) + line(reserve('b')), 'but it is written');
    await delay(80);
    assert.equal(probe.syncs, 1, 'flushed soon after');
    assert.equal(probe.synced, probe.written);
    await Promise.all([journal.append(reserve('c')), journal.append(reserve('d'), { durable: true }), journal.append(reserve('e'))]);
    assert.equal(probe.syncs, 2);
    await journal.append(reserve('f'));
    await journal.close();
    assert.equal(probe.syncs, 3, 'close makes the rest durable');
    assert.equal(probe.synced, probe.written);
    assert.equal(await readFile(file, 'utf8'), ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => line(reserve(id))).join(''));
    await assert.rejects(journal.append(reserve('g')), /closed/);
    await journal.close(); // twice is fine
  });

  it('rejects an event that cannot be serialised without harming the others', async () => {
    const file = freshPath();
    const journal = await openFileJournal(file);
    const bad = { ...reserve('x'), extra: BigInt(1) } as unknown as JournalEvent;
    await assert.rejects(journal.append(bad, { durable: true }), TypeError);
    await journal.append(reserve('ok'), { durable: true });
    await journal.close();
    assert.equal(await readFile(file, 'utf8'), line(reserve('ok')));
  });
});

describe('FileJournal failures', { timeout: 10_000 }, () => {
  it('after a failed write, rejects everything, cuts the partial line off and writes nothing more', async () => {
    const file = freshPath();
    const { fs } = probeFs({ failWrite: (call) => (call === 2 ? 'partial' : call === 3 ? 'throw' : null) });
    const journal = await openFileJournal(file, { fs });
    await journal.append(reserve('a'), { durable: true });
    const results = await Promise.allSettled([journal.append(reserve('b'), { durable: true }), journal.append(reserve('c'))]);
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected']);
    const reason = (results[0] as PromiseRejectedResult).reason;
    assert.ok(reason instanceof JournalWriteError && /ENOSPC/.test(reason.message), String(reason));
    await assert.rejects(journal.append(reserve('d'), { durable: true }), JournalWriteError);
    await journal.close().catch(() => undefined);
    assert.equal(await readFile(file, 'utf8'), line(reserve('a')), 'the half-written batch is gone');
  });

  it('with syncOnLoop, a durable round is synced on the loop itself, shared by the round, and a failure acts as before', async () => {
    const { fs, probe } = probeFs();
    const journal = await openFileJournal(freshPath(), { fs, syncOnLoop: true });
    await Promise.all([journal.append(reserve('a'), { durable: true }), journal.append(reserve('b'), { durable: true }), journal.append(reserve('c'))]);
    assert.equal(probe.syncsOnLoop, 1, 'one fsync for the round, on the loop');
    assert.equal(probe.syncs, 1, 'and none through the thread pool');
    assert.ok(probe.isDurable(line(reserve('b'))) && probe.isDurable(line(reserve('c'))));
    await journal.close();

    const failing = probeFs({ failSync: true });
    const file = freshPath();
    const broken = await openFileJournal(file, { fs: failing.fs, syncOnLoop: true });
    await broken.append(reserve('a'));
    await assert.rejects(broken.append(reserve('b'), { durable: true }), /EIO/);
    await assert.rejects(broken.append(reserve('c')), /EIO/);
    await broken.close().catch(() => undefined);
    assert.equal(await readFile(file, 'utf8'), line(reserve('a')), 'the rejected round is cut off');
  });

  it('after a failed fsync, acknowledges nothing and refuses further appends', async () => {
    const { fs } = probeFs({ failSync: true });
    const file = freshPath();
    const journal = await openFileJournal(file, { fs });
    await journal.append(reserve('a')); // plain: written, no fsync yet
    await assert.rejects(journal.append(reserve('b'), { durable: true }), /EIO/);
    await assert.rejects(journal.append(reserve('c')), /EIO/);
    await journal.close().catch(() => undefined);
    assert.equal(await readFile(file, 'utf8'), line(reserve('a')), 'the rejected round is cut off; what was acknowledged stays');
  });
});

describe('the journal file system', { timeout: 10_000 }, () => {
  it('writes small appends at once and large ones through the thread pool, and reports a failed write as a rejection', async () => {
    const file = freshPath();
    const handle = await nodeJournalFs.openAppend(file);
    const small = new TextEncoder().encode('a\n');
    const large = new Uint8Array(200 * 1024).fill(0x62);
    large[large.length - 1] = 0x0a;
    assert.deepEqual(await handle.write(small, 0, small.length), { bytesWritten: small.length });
    assert.equal((await handle.write(large, 0, large.length)).bytesWritten, large.length);
    assert.equal(await handle.size(), small.length + large.length);
    await handle.close();
    // A write to a closed file fails: as a rejected promise, never a throw out of write().
    let written: Promise<unknown> | undefined;
    assert.doesNotThrow(() => void (written = handle.write(small, 0, small.length)));
    await assert.rejects(written!);
    assert.equal((await readFile(file)).length, small.length + large.length);
  });
});

describe('FileJournal repair on open', { timeout: 10_000 }, () => {
  it('cuts a torn last line, so the next append starts on a clean line', async () => {
    const file = freshPath();
    const whole = line(reserve('a')) + line(reserve('b'));
    const torn = JSON.stringify(reserve('c')).slice(0, 30);
    await writeFile(file, whole + torn);
    const journal = await openFileJournal(file);
    assert.deepEqual(journal.repair, { truncatedBytes: Buffer.byteLength(torn), terminated: false });
    await journal.append(reserve('d'), { durable: true });
    await journal.close();
    const text = await readFile(file, 'utf8');
    assert.equal(text, whole + line(reserve('d')));
    assert.equal(parseJournalText(text).report.tornTail, null);
  });

  it('cuts a journal that is nothing but a torn line down to empty, and finds the last newline far back', async () => {
    const file = freshPath();
    await writeFile(file, '{"type":"rese');
    const journal = await openFileJournal(file);
    assert.equal(journal.repair.truncatedBytes, 13);
    await journal.close();
    assert.equal(await readFile(file, 'utf8'), '');
    // A torn line longer than the 64 KiB backwards-read chunk.
    const big = freshPath();
    const longTorn = '{"type":"sample","at":"x","sample":{"question":"' + 'q'.repeat(200_000);
    await writeFile(big, line(reserve('a')) + longTorn);
    const j2 = await openFileJournal(big);
    assert.equal(j2.repair.truncatedBytes, longTorn.length);
    await j2.close();
    assert.equal(await readFile(big, 'utf8'), line(reserve('a')));
  });

  it('adds the missing newline after a whole last event instead of cutting it', async () => {
    const file = freshPath();
    await writeFile(file, line(reserve('a')) + JSON.stringify(reserve('b')));
    const journal = await openFileJournal(file);
    assert.deepEqual(journal.repair, { truncatedBytes: 0, terminated: true });
    await journal.append(reserve('c'));
    await journal.close();
    assert.equal(await readFile(file, 'utf8'), ['a', 'b', 'c'].map((id) => line(reserve(id))).join(''));
  });

  it('leaves a clean file alone', async () => {
    const file = freshPath();
    await writeFile(file, line(reserve('a')));
    const journal = await openFileJournal(file);
    assert.deepEqual(journal.repair, { truncatedBytes: 0, terminated: false });
    await journal.close();
    assert.equal(await readFile(file, 'utf8'), line(reserve('a')));
  });
});
