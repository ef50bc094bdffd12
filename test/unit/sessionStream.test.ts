// The streaming commands give, byte for byte, what the in-memory reading gave on the same journal:
// `status`, `samples --json` (every filter), `check --json` and `export` (both files). The journal
// has every kind of event a long session collects: three strategies, reserves and completions,
// samples written twice by a resumed run, accepts, rejects, edits, resets, flags, a decision for
// an unknown sample. And a pass after the index reads exactly the bytes the index read.
import assert from 'node:assert/strict';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CheckResultStore } from '../../src/core/checks/checkResultStore.ts';
import { runChecks } from '../../src/core/checks/runChecks.ts';
import { checkStreamed } from '../../src/core/checks/streamedChecks.ts';
import { CHECK_IDS } from '../../src/core/checks/types.ts';
import type { CheckId, CheckStatus } from '../../src/core/checks/types.ts';
import { buildExport } from '../../src/core/export/buildExport.ts';
import type { SessionState } from '../../src/core/journal/state.ts';
import { profileSeeds } from '../../src/core/profile/index.ts';
import type { Seed } from '../../src/core/seeds/types.ts';
import { sessionStats } from '../../src/core/stats/sessionStats.ts';
import { batchStatusJson } from '../../src/cli/batchStatus.ts';
import { loadSeeds } from '../../src/cli/loadSeeds.ts';
import { runCli } from '../../src/cli/runCli.ts';
import { sampleRows, statusJson } from '../../src/cli/sessionViews.ts';
import type { SampleFilter } from '../../src/cli/sessionViews.ts';
import { writeExportFiles } from '../../src/node/exportFiles.ts';
import { readSession } from '../../src/node/sessionFolder.ts';
import { readSessionIndex, sessionSamples } from '../../src/node/sessionStream.ts';
import { makeTempDir, seedFileText } from '../support/seedFixtures.ts';
import { syntheticEvents, writeSyntheticJournal } from '../support/syntheticSession.ts';

async function cli(args: readonly string[]): Promise<string> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (text) => void (out += text), outDrained: async () => undefined, err: (text) => void (err += text), env: {} });
  assert.equal(code, 0, err);
  return out;
}

describe('streamed session commands', { timeout: 120_000 }, () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let session = '';
  let seedFile = '';
  let seeds: readonly Seed[] = [];
  let full: SessionState;

  before(async () => {
    dir = await makeTempDir();
    seedFile = join(dir.path, 'seeds.jsonl');
    await writeFile(seedFile, seedFileText(40));
    seeds = await loadSeeds('test', seedFile, () => undefined);
    session = join(dir.path, 'session');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(session);
    await writeSyntheticJournal(join(session, 'journal.jsonl'), { samples: 700, strategy: 'mixed', seeds, seedFile, decided: 0.5, repeatEvery: 97 });
    await appendFile(join(session, 'journal.jsonl'), `${JSON.stringify({ type: 'decision', at: '2026-01-02T00:00:00.000Z', sampleId: 'no-such-sample', decision: 'accept', source: 'cli' })}\n`);
    full = (await readSession(session)).state;
    assert.equal(full.counts.total, 700);
    assert.ok(full.counts.accepted > 50 && full.counts.rejected > 20 && full.counts.flagged > 0, JSON.stringify(full.counts));
  });
  after(async () => {
    await dir?.remove();
  });

  const profile = () => ({ profile: profileSeeds(seeds, { kind: 'auto' }) });

  it('checks over streamed samples equal the in-memory checks, result for result and in the same order', async () => {
    const index = await readSessionIndex(session);
    const streamed = await checkStreamed((wanted) => sessionSamples(index, wanted), seeds, profile());
    const inMemory = runChecks(full, seeds, profile());
    assert.deepEqual([...streamed.results.keys()], [...inMemory.results.keys()]);
    assert.deepEqual(new Map(streamed.results), inMemory.results);
    const statuses = [...inMemory.results.values()].flat().map((r) => `${r.check}:${r.status}`);
    assert.ok(statuses.includes('duplicate:fail') && statuses.includes('gold-match:fail') && statuses.includes('agreement:fail'), 'the journal exercises the checks that compare samples');
    // Without seeds too.
    assert.deepEqual(new Map((await checkStreamed((wanted) => sessionSamples(index, wanted), null)).results), runChecks(full, null).results);
  });

  it('checks sharing the index\'s sample numbering equal the in-memory checks, and add no sample to it', async () => {
    const index = await readSessionIndex(session);
    const ordinals = index.ordinals;
    assert.equal(ordinals.size, index.sampleCount);
    const streamed = await checkStreamed((wanted) => sessionSamples(index, wanted), seeds, { ...profile(), ordinals }, new CheckResultStore(null, ordinals));
    assert.deepEqual(new Map(streamed.results), runChecks(full, seeds, profile()).results);
    assert.equal(ordinals.size, index.sampleCount, 'the checks numbered no sample the index did not');
    assert.equal(index.state.reviews.size, index.sampleCount);
  });

  it('the index keeps no sample text, completion or decision history, and the same reviews and counts', async () => {
    const index = await readSessionIndex(session);
    assert.equal(index.state.samples.size, 0);
    assert.equal(index.state.cache.size, 0);
    assert.equal(index.state.history.size, 0);
    assert.equal(index.state.unitSamples.size, 0);
    assert.deepEqual(new Map(index.state.reviews), full.reviews);
    assert.deepEqual(index.state.counts, full.counts);
    assert.deepEqual(index.state.flagCounts, full.flagCounts);
    assert.deepEqual(index.state.budget, full.budget);
    assert.deepEqual(index.state.warnings, full.warnings);
    assert.equal(index.repeatedLines.size, 7);
    const streamed = [];
    for await (const entry of sessionSamples(index)) streamed.push(entry.sample);
    assert.deepEqual(streamed, [...full.samples.values()], 'the first write of each sample, in journal order');
  });

  it('a pass after the index reads the bytes the index read, not what a run appended since', async () => {
    const copy = join(dir.path, 'appended');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(copy);
    const events = [...syntheticEvents({ samples: 30, strategy: 'answer-augmentation', seeds, seedFile })];
    await writeFile(join(copy, 'journal.jsonl'), events.map((e) => `${JSON.stringify(e)}\n`).join(''));
    const index = await readSessionIndex(copy);
    const extra = events.find((e) => e.type === 'sample');
    assert.ok(extra?.type === 'sample');
    // A whole sample and a torn half line arrive after the index was made.
    await appendFile(join(copy, 'journal.jsonl'), `${JSON.stringify({ ...extra, sample: { ...extra.sample, id: 'late-sample' } })}\n{"type":"sam`);
    let n = 0;
    for await (const entry of sessionSamples(index)) {
      assert.notEqual(entry.sample.id, 'late-sample');
      n += 1;
    }
    assert.equal(n, 30);
  });

  it('status --json is what the in-memory state gave', async () => {
    const expected = `${JSON.stringify({ ...statusJson(full, session, false), batches: batchStatusJson(full), holder: null })}\n`;
    assert.equal(await cli(['status', '--session', session, '--json']), expected);
  });

  it('samples --json, under every filter, is the text the in-memory rows made', async () => {
    const checks = runChecks(full, seeds, profile()).results;
    for (const filter of [undefined, 'pending', 'accepted', 'rejected', 'flagged'] as const) {
      const expected = `${JSON.stringify({ samples: sampleRows(full, filter as SampleFilter | undefined, checks), checkSeeds: { file: seedFile, note: null } })}\n`;
      const got = await cli(['samples', '--session', session, '--seeds', seedFile, '--json', ...(filter ? ['--state', filter] : [])]);
      assert.equal(got, expected, `--state ${filter ?? '(none)'}`);
    }
  });

  it('check --json counts, problems and statistics are the in-memory ones', async () => {
    const results = runChecks(full, seeds, profile()).results;
    const counts = Object.fromEntries(CHECK_IDS.map((id) => [id, { pass: 0, fail: 0, warn: 0, 'n/a': 0 }])) as Record<CheckId, Record<CheckStatus, number>>;
    const problems = [];
    for (const [id, list] of results) {
      for (const r of list) {
        counts[r.check][r.status] += 1;
        if (r.status === 'fail' || r.status === 'warn') problems.push({ id, state: full.reviews.get(id)?.state ?? 'pending', check: r.check, status: r.status, detail: r.detail });
      }
    }
    const got = JSON.parse(await cli(['check', '--session', session, '--seeds', seedFile, '--json'])) as Record<string, unknown>;
    assert.equal(got['samples'], full.samples.size);
    assert.deepEqual(got['checks'], counts);
    assert.deepEqual(got['problems'], problems);
    assert.deepEqual(got['stats'], JSON.parse(JSON.stringify(sessionStats(full, results))));
  });

  it('export writes the files the in-memory build wrote', async () => {
    for (const extra of [[], ['--include-pending', '--include-rejected', '--system', 'Be brief.']]) {
      const out = join(dir.path, 'streamed.jsonl');
      await cli(['export', '--session', session, '--format', 'openai-chat', '--out', out, '--seeds', seedFile, ...extra]);
      const reference = join(dir.path, 'reference.jsonl');
      const build = buildExport(full, {
        format: 'openai-chat', contexts: new Map(), checks: runChecks(full, seeds).results,
        includePending: extra.length > 0, includeRejected: extra.length > 0, ...(extra.length > 0 ? { system: 'Be brief.' } : {}),
      });
      await writeExportFiles(reference, build);
      assert.equal(await readFile(out, 'utf8'), await readFile(reference, 'utf8'));
      assert.equal(await readFile(join(dir.path, 'streamed.lineage.jsonl'), 'utf8'), await readFile(join(dir.path, 'reference.lineage.jsonl'), 'utf8'));
      assert.ok(build.lines.length > 100);
    }
  });

  it('a pass asked for some samples hands over exactly those, in order, through lines longer than a read and a last line without its newline', async () => {
    const copy = join(dir.path, 'wanted');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(copy);
    const events = [...syntheticEvents({ samples: 40, strategy: 'new-question', seeds, seedFile })];
    // One answer far longer than a read's buffer (256 KB), and the last sample line unterminated.
    const long = events.findIndex((e) => e.type === 'sample');
    const first = events[long];
    assert.ok(first?.type === 'sample');
    events[long] = { ...first, sample: { ...first.sample, answer: `${'many words '.repeat(60_000)}\n#### 7` } };
    const lastSample = events.findLastIndex((e) => e.type === 'sample');
    const text = events.slice(0, lastSample + 1).map((e) => JSON.stringify(e)).join('\n');
    await writeFile(join(copy, 'journal.jsonl'), text);
    const index = await readSessionIndex(copy);
    const all: string[] = [];
    for await (const entry of sessionSamples(index)) all.push(entry.sample.id);
    assert.equal(all.length, 40);
    assert.equal(index.sampleCount, 40);
    const odd: string[] = [];
    for await (const entry of sessionSamples(index, (k) => k % 2 === 1 || k === 0 || k === 39)) odd.push(entry.sample.id);
    assert.deepEqual(odd, all.filter((_, k) => k % 2 === 1 || k === 0 || k === 39));
    const none = [];
    for await (const entry of sessionSamples(index, () => false)) none.push(entry);
    assert.equal(none.length, 0);
  });

  it('check --auto-reject, streamed, makes the decisions the in-memory policy made, and leaves alone what anyone decided on', async () => {
    const copy = join(dir.path, 'auto');
    const { mkdir, copyFile } = await import('node:fs/promises');
    await mkdir(copy);
    await copyFile(join(session, 'journal.jsonl'), join(copy, 'journal.jsonl'));
    const { autoRejections } = await import('../../src/core/checks/autoReject.ts');
    const expected = autoRejections(full, runChecks(full, seeds, profile()).results, { checks: ['duplicate', 'gold-match'] }, 'now');
    assert.ok(expected.length > 5, 'the journal has pending samples failing the policy');
    assert.ok([...full.history.keys()].some((id) => full.reviews.get(id)?.state === 'pending'), 'and samples reset to pending, which the policy must leave alone');
    const got = JSON.parse(await cli(['check', '--session', copy, '--seeds', seedFile, '--auto-reject', 'duplicate,gold-match', '--json'])) as { autoRejected: { id: string; checks: string[]; reason: string }[] };
    assert.deepEqual(got.autoRejected, expected.map((r) => ({ id: r.sampleId, checks: r.checks, reason: r.event.reason })));
    const after = (await readSession(copy)).state;
    for (const r of expected) assert.equal(after.reviews.get(r.sampleId)?.source, 'auto');
    assert.equal(after.counts.rejected, full.counts.rejected + expected.length);
    // Run again: nothing left to reject (each was decided on now).
    const again = JSON.parse(await cli(['check', '--session', copy, '--seeds', seedFile, '--auto-reject', 'duplicate,gold-match', '--json'])) as { autoRejected: unknown[] };
    assert.equal(again.autoRejected.length, 0);
  });
});
