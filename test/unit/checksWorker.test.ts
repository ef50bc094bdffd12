// The review card's checks are computed on a worker thread, fed only the samples it has not seen:
// the first batch gives exactly what `seedsmith check` (runChecks) gives, later batches check only
// the new samples against everything before them, and the host's event loop keeps turning while
// the worker works. The worker runs from its source file here (the extension loads dist/checksWorker.js).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { currentText } from '../../src/core/checks/currentText.ts';
import { IncrementalChecks } from '../../src/core/checks/incrementalChecks.ts';
import { runChecks, SampleChecker } from '../../src/core/checks/runChecks.ts';
import type { JournalEvent } from '../../src/core/journal/events.ts';
import { reduceJournal } from '../../src/core/journal/reduce.ts';
import type { SessionState } from '../../src/core/journal/state.ts';
import type { Sample } from '../../src/core/samples/sample.ts';
import { seedHash } from '../../src/core/seeds/seedHash.ts';
import type { Seed } from '../../src/core/seeds/types.ts';
import { ChecksCache } from '../../src/host/checks/checksCache.ts';
import { countEventLoopTurns } from '../support/eventLoopTurns.ts';
import { NO_SETUP } from '../../src/host/checks/checksJob.ts';
import type { ChecksJob, ChecksReply } from '../../src/host/checks/checksJob.ts';
import { SQL_WASM_FILE, SQL_WORKER_FILE } from '../support/sqliteFixture.ts';
import { inventQuestions } from '../teacher/questionWriter.ts';
import { createRng } from '../teacher/rng.ts';
import { gsm8kSeed } from '../support/seedFixtures.ts';

const WORKER = new URL('../../src/host/checks/checksWorker.ts', import.meta.url);
const at = '2025-03-01T12:00:00.000Z';

const seeds: Seed[] = Array.from({ length: 20 }, (_, i) => {
  const { question, answer } = gsm8kSeed(i);
  return { line: i + 1, question, answer, hash: seedHash(question, answer) };
});

/** New questions from the test teacher's templates (mostly near duplicates), every seventh a copy of a seed. */
function samples(count: number, from: number): Sample[] {
  const invented = inventQuestions(count, createRng(from));
  return invented.map((q, k): Sample => {
    const i = from + k;
    const seed = seeds[i % seeds.length] as Seed;
    return {
      id: `s${i}`, unitKey: `u${i}`, runId: 'r1', outputKey: `s${i}`, strategy: 'new-question',
      question: i % 7 === 0 ? seed.question : q.question, answer: `${q.reason}\n#### ${q.answer}`, flags: [],
      seedLines: [seed.line], seedHashes: [seed.hash], exampleSampleIds: [], calls: [],
      teacher: { model: 't', endpoint: 'http://t' }, augmenter: null, createdAt: at,
    };
  });
}

/** Every fifth sample accepted (every tenth with an edit), every eleventh rejected: runChecks orders by these. */
function stateOf(all: readonly Sample[]): SessionState {
  const events: JournalEvent[] = all.map((sample) => ({ type: 'sample', at, sample }));
  for (const [i, sample] of all.entries()) {
    if (i % 11 === 0) events.push({ type: 'decision', at, sampleId: sample.id, decision: 'reject', reason: 'wrong', source: 'editor' });
    else if (i % 10 === 0) events.push({ type: 'decision', at, sampleId: sample.id, decision: 'accept', edited: { question: `${sample.question} Show your work.`, answer: sample.answer }, source: 'editor' });
    else if (i % 5 === 0) events.push({ type: 'decision', at, sampleId: sample.id, decision: 'accept', source: 'editor' });
  }
  return reduceJournal(events);
}

/** Resolves on the next call of the returned callback. */
function updates(): { onUpdated: () => void; next: () => Promise<void> } {
  let wake: (() => void) | undefined;
  let queued = 0;
  return {
    onUpdated: () => (wake ? (wake(), (wake = undefined)) : (queued += 1)),
    next: () => (queued > 0 ? ((queued -= 1), Promise.resolve()) : new Promise<void>((resolve) => (wake = resolve))),
  };
}

describe('incremental checks', () => {
  it('check a first batch as runChecks does, then only new samples, each against everything before it', () => {
    const first = samples(600, 0);
    const later = samples(200, 600);
    const state = stateOf(first);
    const checks = new IncrementalChecks(seeds);
    const entries = (list: readonly Sample[], s: SessionState) => list.map((sample) => ({ sample, review: s.reviews.get(sample.id) }));
    assert.deepEqual(checks.add(entries(first, state)), runChecks(state, seeds).results);
    // The same sample stream checked one at a time from the start gives the later samples' results.
    // The reference holds what runChecks' pass leaves behind: answers of all but rejected
    // samples, accepted then pending questions indexed.
    const reference = new SampleChecker(seeds, { frequencies: frequenciesOf(first) });
    const kept = first.filter((sample) => state.reviews.get(sample.id)?.state !== 'rejected');
    for (const sample of kept) reference.noteAnswer(sample, currentText(sample, state.reviews.get(sample.id)));
    for (const group of ['accepted', 'pending']) for (const sample of kept) if (state.reviews.get(sample.id)?.state === group) reference.add(sample, currentText(sample, state.reviews.get(sample.id)));
    const laterState = stateOf([...first, ...later]);
    const got = checks.add(entries(later, laterState));
    assert.deepEqual([...got.keys()], later.map((s) => s.id));
    for (const sample of later) assert.deepEqual(got.get(sample.id), reference.checkAndAdd(sample, laterState.reviews.get(sample.id)), sample.id);
    assert.ok([...got.values()].filter((r) => r.some((c) => c.check === 'duplicate' && c.status === 'fail')).length > 100, 'the later samples should mostly be near duplicates');
  });
});

function frequenciesOf(list: readonly Sample[]): Map<string, number> {
  const frequencies = new Map<string, number>();
  const count = (text: string) => {
    for (const token of new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])) frequencies.set(token, (frequencies.get(token) ?? 0) + 1);
  };
  for (const seed of seeds) count(seed.question);
  const state = stateOf(list);
  for (const sample of list) count(currentText(sample, state.reviews.get(sample.id)).question);
  return frequencies;
}

describe('the editor’s checks worker', () => {
  it('answers with runChecks’ results while the host keeps turning, then checks only what is new', async () => {
    const { onUpdated, next } = updates();
    const cache = new ChecksCache('/nowhere', onUpdated, WORKER);
    try {
      const first = samples(3000, 0);
      const state = stateOf(first);
      cache.refresh(state, seeds, 'seeds-v1');
      // While the worker checks, this thread keeps serving its event loop.
      const loop = countEventLoopTurns();
      await next();
      const turns = loop.stop();
      assert.ok(turns > 10, `the host's event loop turned ${turns} times while the checks ran`);
      assert.deepEqual(new Map(cache.all()), runChecks(state, seeds).results);
      const before = cache.get('s1');
      const version = cache.version;

      const later = samples(50, 3000);
      cache.refresh(stateOf([...first, ...later]), seeds, 'seeds-v1');
      await next();
      assert.ok(cache.version > version);
      assert.equal(cache.all().size, 3050);
      // Earlier results were not recomputed (not even copied back): the very same objects.
      assert.equal(cache.get('s1'), before);
      // Every seventh new question copies a seed: caught against the indexes the worker kept.
      for (const sample of later) if (Number(sample.id.slice(1)) % 7 === 0) assert.equal(cache.get(sample.id).find((c) => c.check === 'duplicate')?.status, 'fail', sample.id);

      // Other seeds: everything is checked again, against them.
      const fewer = seeds.slice(0, 5);
      cache.refresh(stateOf([...first, ...later]), fewer, 'seeds-v2');
      await next();
      assert.deepEqual(new Map(cache.all()), runChecks(stateOf([...first, ...later]), fewer).results);
    } finally {
      cache.dispose();
    }
  });
});

describe('the checks worker’s replies', () => {
  it('come in parts of at most 500 results, the batch ended by the one marked last', async () => {
    const worker = new Worker(WORKER);
    try {
      const replies: ChecksReply[] = [];
      const ended = new Promise<void>((resolve, reject) => {
        worker.on('message', (reply: ChecksReply) => {
          replies.push(reply);
          if ('error' in reply) reject(new Error(reply.error));
          else if ('last' in reply && reply.last) resolve();
        });
        worker.once('error', reject);
      });
      const list = samples(1200, 0);
      const state = stateOf(list);
      worker.postMessage({ kind: 'reset', generation: 1, seeds, setup: NO_SETUP, sqlFiles: { workerFile: fileURLToPath(SQL_WORKER_FILE), wasmFile: SQL_WASM_FILE } } satisfies ChecksJob);
      worker.postMessage({ kind: 'samples', generation: 1, entries: list.map((sample) => ({ sample, review: state.reviews.get(sample.id) })), last: true } satisfies ChecksJob);
      await ended;
      const parts = replies.map((reply) => ('results' in reply ? reply.results.length : -1));
      assert.deepEqual(parts, [500, 500, 200]);
      assert.deepEqual(replies.map((reply) => 'last' in reply && reply.last), [false, false, true]);
      const merged = new Map(replies.flatMap((reply) => ('results' in reply ? reply.results : [])));
      assert.deepEqual(merged, runChecks(state, seeds).results);
    } finally {
      await worker.terminate();
    }
  });
});
