// The journal checkpoint: opening from it plus the journal's tail gives exactly the state (and the
// ledger) of reducing the whole journal; anything wrong with it (stale, truncated or replaced
// journal, a corrupt file, none at all) only means the whole journal is read and a fresh one written.
import assert from 'node:assert/strict';
import { appendFile, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ledgerFromState } from '../../src/core/budget/rebuild.ts';
import type { JournalEvent } from '../../src/core/journal/events.ts';
import { applyEvent, createSessionState } from '../../src/core/journal/reduce.ts';
import type { SessionState } from '../../src/core/journal/state.ts';
import { CHECKPOINT_VERSION } from '../../src/core/journal/checkpoint.ts';
import type { ChatResult, ModelRole } from '../../src/core/model/chat.ts';
import { seededRandom as random } from '../../src/core/seededRandom.ts';
import type { Sample, SampleFlag } from '../../src/core/samples/sample.ts';
import { readJournalFile } from '../../src/node/readJournalFile.ts';
import { CHECKPOINT_FILE, loadSessionState, saveCheckpoint } from '../../src/node/sessionCheckpoint.ts';
import { openSession } from '../../src/node/sessionFolder.ts';
import { makeTempDir } from '../support/seedFixtures.ts';

const at = '2025-03-01T12:00:00.000Z';

const result = (content: string): ChatResult => ({ content, refusal: null, finishReason: 'stop', usage: { promptTokens: 10, completionTokens: 5 }, model: 't', requestId: null, attempts: 1, latencyMs: 3 });

function sample(id: string, unitKey: string, runId: string, flags: SampleFlag[]): Sample {
  return {
    id, unitKey, runId, outputKey: id, strategy: 'answer-augmentation', question: `Q ${id}? ${'x'.repeat(id.length * 7)}`, answer: `A ${id}.`, flags,
    seedLines: [1], seedHashes: ['h1'], exampleSampleIds: [], calls: [], teacher: { model: 't', endpoint: 'http://t' }, augmenter: null, createdAt: at,
  };
}

/**
 * A journal of every kind of event, with the oddities the reducer tolerates (a reserve or settle
 * twice, a settle of nothing, a decision on an unknown sample, a sample id again, a run ended twice).
 */
function randomJournal(seed: number, count: number): JournalEvent[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const role = (): ModelRole => (next() < 0.7 ? 'teacher' : 'augmenter');
  const events: JournalEvent[] = [];
  const runs: string[] = [];
  const attempts: string[] = [];
  const batches: string[] = [];
  let n = 0;
  const startRun = () => {
    const runId = `run-${runs.length}`;
    runs.push(runId);
    const limit = 20 + Math.floor(next() * 200);
    events.push({ type: 'run-start', at, runId, strategy: 'answer-augmentation', seedFile: 's.jsonl', seedCount: 3, limits: { teacher: limit, augmenter: limit }, teacher: { model: 't', endpoint: 'http://t' }, augmenter: { model: 'a', endpoint: 'http://t' }, exampleSampleIds: [], options: { planBasis: { teacherQueries: limit, augmenterCalls: limit, doneBeforeRun: runId } } });
  };
  startRun();
  while (events.length < count) {
    const runId = pick(runs);
    const r = next();
    n += 1;
    if (r < 0.02) startRun();
    else if (r < 0.22) {
      const attemptId = next() < 0.05 && attempts.length > 0 ? pick(attempts) : `${runId}:${n}`;
      attempts.push(attemptId);
      events.push({ type: 'reserve', at, attemptId, role: role(), runId });
    } else if (r < 0.34 && attempts.length > 0) {
      const kind = pick(['completed', 'uncertain', 'released'] as const);
      const outcome = kind === 'completed' ? { kind, status: 200 } : kind === 'uncertain' ? { kind, reason: 'timeout' as const } : { kind, status: 429, reason: 'rate limited' };
      events.push({ type: 'settle', at, attemptId: next() < 0.05 ? `nowhere-${n}` : pick(attempts), role: role(), outcome });
    } else if (r < 0.46) {
      const settle = attempts.length > 0 && next() < 0.6 ? { attemptId: pick(attempts), outcome: { kind: 'completed' as const, status: 200 } } : undefined;
      events.push({ type: 'completion', at, cacheKey: `k${Math.floor(next() * 60)}`, role: role(), result: result(`answer ${n}`), ...(settle ? { settle } : {}) });
    } else if (r < 0.66) {
      const flags: SampleFlag[] = next() < 0.2 ? ['truncated'] : [];
      events.push({ type: 'sample', at, sample: sample(`s${Math.floor(next() * 120)}`, `u${Math.floor(next() * 40)}`, runId, flags) });
    } else if (r < 0.8) {
      const decision = pick(['accept', 'reject', 'reset'] as const);
      const edited = decision === 'accept' && next() < 0.3 ? { edited: { question: `edited ${n}`, answer: 'B' } } : {};
      events.push({ type: 'decision', at, sampleId: `s${Math.floor(next() * 130)}`, decision, source: pick(['cli', 'editor', 'auto']), ...(next() < 0.3 ? { reason: `why ${n}` } : {}), ...edited });
    } else if (r < 0.84) {
      events.push({ type: 'run-end', at, runId: next() < 0.1 ? 'run-unknown' : runId, reason: pick(['done', 'budget', 'cancelled', 'failed'] as const) });
    } else if (r < 0.9) {
      events.push({ type: 'wasted', at, runId, role: role(), attempts: 1 + Math.floor(next() * 3), reason: pick(['timed out', 'not a chat completion', 'broke off']) });
    } else if (r < 0.93) {
      const batchKey = `b${batches.length}`;
      batches.push(batchKey);
      events.push({ type: 'batch-prepared', at, batchKey, runId, role: role(), model: 't', engine: 'openai', lines: 3 });
    } else if (r < 0.97 && batches.length > 0) {
      const customId = next() < 0.05 && attempts.length > 0 ? pick(attempts) : `${runId}:b${n}`;
      attempts.push(customId);
      events.push({ type: 'batch-line', at, batchKey: pick(batches), customId, role: role(), runId, cacheKey: `k${Math.floor(next() * 60)}`, unitKeys: [`u${Math.floor(next() * 40)}`] });
    } else if (batches.length > 0) {
      const batchKey = pick(batches);
      if (next() < 0.5) events.push({ type: 'batch-submitted', at, batchKey, batchId: `batch_${n}`, inputFileId: null });
      else events.push({ type: 'batch-settled', at, batchKey, batchId: null, status: 'completed', completed: 1, released: 0, uncertain: 0, unaccounted: [] });
    }
  }
  return events;
}

const lineOf = (event: JournalEvent) => `${JSON.stringify(event)}\n`;

/** Every part of a state, values resolved (a checkpointed state reads its samples and completions back from the journal). */
function comparable(state: SessionState): unknown {
  const entries = <K, V>(map: ReadonlyMap<K, V>) => [...map];
  return {
    runs: entries(state.runs),
    budget: state.budget,
    unsettled: entries(state.unsettled),
    cache: entries(state.cache),
    samples: entries(state.samples),
    reviews: entries(state.reviews),
    history: entries(state.history),
    counts: state.counts,
    flagCounts: entries(state.flagCounts),
    unitSamples: entries(state.unitSamples),
    wasted: state.wasted,
    warnings: state.warnings,
    events: state.events,
    batches: entries(state.batches),
    batchLines: entries(state.batchLines),
    batchAttempts: entries(state.batchAttempts),
    keeps: state.keeps,
    // The reducer's own record of settled attempts (a reserve of one of them later is not
    // counted); a checkpointed state keeps them grouped, in another order.
    settled: [...((state as unknown as { settled: Set<string> }).settled ?? [])].sort(),
  };
}

/** The state of reading the whole journal, as every command did before checkpoints. */
async function fullReduce(journal: string): Promise<SessionState> {
  const state = createSessionState();
  await readJournalFile(journal, (event) => void applyEvent(state, event));
  return state;
}

async function assertSameAsFullRead(journal: string, state: SessionState, message: string): Promise<void> {
  const full = await fullReduce(journal);
  assert.deepStrictEqual(comparable(state), comparable(full), message);
  assert.deepStrictEqual(ledgerFromState(state).snapshot(), ledgerFromState(full).snapshot(), `${message}: ledger`);
}

async function withSession(run: (dir: string, journal: string) => Promise<void>): Promise<void> {
  const tmp = await makeTempDir();
  try {
    await run(tmp.path, path.join(tmp.path, 'journal.jsonl'));
  } finally {
    await tmp.remove();
  }
}

describe('journal checkpoint', () => {
  it('checkpoint + tail equals the full reduce on random journals cut at random offsets, crash-shaped tails included', async () => {
    await withSession(async (dir, journal) => {
      for (let seed = 1; seed <= 12; seed++) {
        const events = randomJournal(seed, 300);
        const cuts = random(seed * 7919);
        for (let round = 0; round < 3; round++) {
          const cut = Math.floor(cuts() * (events.length + 1));
          await writeFile(journal, events.slice(0, cut).map(lineOf).join(''));
          await rm(path.join(dir, CHECKPOINT_FILE), { force: true });
          assert.equal(await saveCheckpoint(journal, null, true), true);
          // What a crash leaves after it: the rest, a reserve never settled, and a torn last line.
          const crashed = { type: 'reserve', at, attemptId: `crash-${seed}-${round}`, role: 'teacher', runId: 'run-0' } as const;
          await appendFile(journal, `${events.slice(cut).map(lineOf).join('')}${lineOf(crashed)}{"type":"settle","at":"${at}","attemptId":"crash-`);
          const loaded = await loadSessionState(journal);
          try {
            assert.equal(loaded.checkpoint, 'used', `seed ${seed} cut ${cut}: the checkpoint was used`);
            await assertSameAsFullRead(journal, loaded.state, `seed ${seed} cut ${cut}`);
            assert.equal(loaded.read.tornTail?.offset, (await fullReadReport(journal)).tornTail?.offset);
            assert.equal(loaded.read.events, (await fullReadReport(journal)).events);
            assert.ok(ledgerFromState(loaded.state).snapshot().teacher.uncertain >= 1, 'the reserve the crash left unsettled counts as spent');
          } finally {
            loaded.reader.close();
          }
        }
      }
    });
  });

  it('a checkpoint of a journal that was truncated, replaced or rewritten is not used, and a fresh one is written', async () => {
    await withSession(async (dir, journal) => {
      const events = randomJournal(42, 400);
      const text = events.map(lineOf).join('');
      const variants: [string, () => Promise<void>][] = [
        ['truncated', () => truncate(journal, Buffer.byteLength(text) - 200)],
        ['replaced by another journal', () => writeFile(journal, randomJournal(43, 400).map(lineOf).join(''))],
        // The same length, one byte different near the checkpoint's end: only the stamp can tell.
        ['rewritten', () => writeFile(journal, rewriteLast(text))],
        ['rewritten at its start', () => writeFile(journal, text.replace('"run-0"', '"run-9"'))],
        // In the middle, where one of the stamp's windows is (16 of 32, 512 bytes each).
        ['rewritten in the middle', () => writeFile(journal, rewriteNear(text, Math.floor((Buffer.byteLength(text) * 16) / 33)))],
      ];
      for (const [what, change] of variants) {
        await writeFile(journal, text);
        assert.equal(await saveCheckpoint(journal, null, true), true);
        await change();
        const stale = await loadSessionState(journal);
        stale.reader.close();
        assert.equal(stale.checkpoint, 'stale', what);
        await assertSameAsFullRead(journal, stale.state, what);
        assert.equal(await saveCheckpoint(journal, stale.base), true, `${what}: rebuilt`);
        const fresh = await loadSessionState(journal);
        fresh.reader.close();
        assert.equal(fresh.checkpoint, 'used', `${what}: the rebuilt checkpoint is used`);
        await assertSameAsFullRead(journal, fresh.state, `${what}: rebuilt`);
      }
      void dir;
    });
  });

  it('a corrupt checkpoint is ignored without an error and rebuilt when the session closes', async () => {
    await withSession(async (dir, journal) => {
      const checkpoint = path.join(dir, CHECKPOINT_FILE);
      await writeFile(journal, randomJournal(7, 300).map(lineOf).join(''));
      assert.equal(await saveCheckpoint(journal, null, true), true);
      const good = await readFile(checkpoint);
      const corruptions: [string, Buffer][] = [
        ['garbage', Buffer.from('not a checkpoint at all\n')],
        ['empty', Buffer.alloc(0)],
        ['cut short', good.subarray(0, Math.floor(good.length / 2))],
        ['one byte changed', flipDigit(good)],
        ['another version', Buffer.from(good.toString('utf8').replace(`"version":${CHECKPOINT_VERSION}`, '"version":999'))],
      ];
      for (const [what, bytes] of corruptions) {
        await writeFile(checkpoint, bytes);
        const session = await openSession(dir, { checkpoint: true });
        assert.equal(session.recovery.checkpoint, 'unreadable', what);
        await assertSameAsFullRead(journal, session.state, what);
        await session.close();
        const again = await openSession(dir, { checkpoint: true });
        assert.equal(again.recovery.checkpoint, 'used', `${what}: rebuilt on close`);
        await assertSameAsFullRead(journal, again.state, `${what}: rebuilt`);
        await again.close();
      }
    });
  });

  it('a damaged line after the checkpoint is reported as reading the whole journal reports it', async () => {
    await withSession(async (dir, journal) => {
      const events = randomJournal(5, 200);
      await writeFile(journal, events.slice(0, 150).map(lineOf).join(''));
      assert.equal(await saveCheckpoint(journal, null, true), true);
      await appendFile(journal, `${events.slice(150, 160).map(lineOf).join('')}{"type":"reserve", not json\n${events.slice(160).map(lineOf).join('')}`);
      const whole = await fullReduce(journal).then(
        () => null,
        (error: unknown) => error,
      );
      assert.ok(whole instanceof Error, 'the whole read refuses the journal');
      await assert.rejects(openSession(dir, { checkpoint: true }), { name: whole.name, message: whole.message });
    });
  });

  it('deleting the checkpoint changes nothing but how the session is read', async () => {
    await withSession(async (dir, journal) => {
      await writeFile(journal, randomJournal(11, 300).map(lineOf).join(''));
      const first = await openSession(dir, { checkpoint: true });
      assert.equal(first.recovery.checkpoint, 'missing');
      // A run appends; its end writes the checkpoint.
      await first.journal.append({ type: 'run-start', at, runId: 'run-new', strategy: 'answer-augmentation', seedFile: 's.jsonl', seedCount: 3, limits: { teacher: 500, augmenter: 500 }, teacher: { model: 't', endpoint: 'http://t' }, augmenter: { model: 'a', endpoint: 'http://t' }, exampleSampleIds: [], options: {} });
      await first.journal.append({ type: 'reserve', at, attemptId: 'run-new:1', role: 'teacher', runId: 'run-new' }, { durable: true });
      await first.journal.append({ type: 'completion', at, cacheKey: 'k-new', role: 'teacher', result: result('new'), settle: { attemptId: 'run-new:1', outcome: { kind: 'completed', status: 200 } } });
      await first.journal.append({ type: 'sample', at, sample: sample('s-new', 'u-new', 'run-new', []) }, { durable: true });
      const whileOpen = comparable(first.state);
      await first.close();
      assert.ok(existsSync(path.join(dir, CHECKPOINT_FILE)), 'the end of the run wrote a checkpoint');
      assert.match(await readFile(path.join(dir, '.gitignore'), 'utf8'), new RegExp(`^${CHECKPOINT_FILE.replace('.', '\\.')}$`, 'm'), 'git is told to leave the derived checkpoint out');

      const withCheckpoint = await openSession(dir, { checkpoint: true });
      assert.equal(withCheckpoint.recovery.checkpoint, 'used');
      assert.deepStrictEqual(comparable(withCheckpoint.state), whileOpen, 'the checkpoint holds what the run left');
      assert.deepEqual(withCheckpoint.state.samples.get('s-new')?.question, sample('s-new', 'u-new', 'run-new', []).question, 'a sample is read back from the journal');
      assert.deepEqual(withCheckpoint.state.cache.get('k-new'), result('new'), 'a completion is read back from the journal');
      const ledgerWith = withCheckpoint.ledger.snapshot();
      await withCheckpoint.close();

      await rm(path.join(dir, CHECKPOINT_FILE));
      const without = await openSession(dir, { checkpoint: true });
      assert.equal(without.recovery.checkpoint, 'missing');
      assert.deepStrictEqual(comparable(without.state), whileOpen);
      assert.deepStrictEqual(without.ledger.snapshot(), ledgerWith);
      await without.close();
      const plain = await openSession(dir);
      assert.deepStrictEqual(comparable(plain.state), whileOpen, 'the same as a session opened without checkpoints');
      await plain.close();
    });
  });
});

async function fullReadReport(journal: string) {
  return readJournalFile(journal, () => undefined);
}

/** The text with one character of its last line changed (the same length). */
function rewriteLast(text: string): string {
  const at = text.lastIndexOf('"at":"2025');
  return `${text.slice(0, at)}"at":"2026${text.slice(at + 10)}`;
}

/** The text with the first date at or after byte `from` changed (the same length). */
function rewriteNear(text: string, from: number): string {
  const at = text.indexOf('"at":"2025', from);
  assert.ok(at >= 0 && at < from + 400, 'a date to change near the window');
  return `${text.slice(0, at)}"at":"2026${text.slice(at + 10)}`;
}

/** The bytes with one digit in the middle changed: still JSON, other numbers. */
function flipDigit(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  for (let i = Math.floor(copy.length / 2); i < copy.length; i++) {
    const c = copy[i] as number;
    if (c >= 0x30 && c <= 0x38) {
      copy[i] = c + 1;
      return copy;
    }
  }
  throw new Error('no digit to change');
}
