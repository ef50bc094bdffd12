// The whole path through the CLI, in process: generate against the test teacher → check (and
// auto-reject) → decide (accept, reject, accept with an edit) → export. Every exported line traces
// back through the lineage sidecar to its seed line, and what was exported is the edited text.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../src/cli/runCli.ts';
import type { LineageRecord } from '../../src/core/export/lineage.ts';
import type { SessionState } from '../../src/core/journal/state.ts';
import { openSession, readSession } from '../../src/node/sessionFolder.ts';
import { gsm8kSeed, makeTempDir, writeSeedFile } from '../support/seedFixtures.ts';
import { startTestTeacher } from '../teacher/server.ts';
import type { TestTeacher } from '../teacher/server.ts';

const SEEDS = 6;

interface Io {
  stdout: string;
  stderr: string;
  out: (text: string) => void;
  err: (text: string) => void;
  env: Record<string, string>;
}

function recorder(env: Record<string, string>): Io {
  const io: Io = { stdout: '', stderr: '', out: (t) => void (io.stdout += t), err: (t) => void (io.stderr += t), env };
  return io;
}

/** The final answer after "####", read here without SeedSmith's own extractor. */
const hashLine = (text: string): string | null => /^####\s*(.+?)\s*$/m.exec(text.split('\n').filter((l) => l.startsWith('####')).at(-1) ?? '')?.[1] ?? null;
/** The lineage hash of a seed, computed here from its definition (sha256 of question NUL answer). */
const contentHash = (question: string, answer: string) => createHash('sha256').update(`${question}\u0000${answer}`).digest('hex').slice(0, 16);

describe('generate → check → decide → export', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let teacher: TestTeacher;
  let seedFile: string;
  let session: string;
  let env: Record<string, string>;
  const cli = async (...args: string[]) => {
    const io = recorder(env);
    const code = await runCli(args, io);
    return { code, stdout: io.stdout, stderr: io.stderr };
  };
  const state = async (): Promise<SessionState> => (await readSession(session)).state;

  before(async () => {
    dir = await makeTempDir();
    seedFile = join(dir.path, 'seeds.jsonl');
    session = join(dir.path, 'session');
    await writeSeedFile(seedFile, { count: SEEDS });
    teacher = await startTestTeacher({ seed: 5 });
    teacher.learn(Array.from({ length: SEEDS }, (_, i) => gsm8kSeed(i)));
    env = { OPENAI_API_KEY: 'x', OPENAI_BASE_URL: teacher.url };
  });
  after(async () => {
    await teacher?.close();
    await dir?.remove();
  });

  it('round-trips', async () => {
    // 1. Generate: rephrasings answered right, then answer augmentation with some answers wrong.
    let run = await cli('generate', seedFile, '--budget', '6', '--strategy', 'question-rephrase', '--teacher-model', 'seedsmith-teacher', '--session', session, '--json');
    assert.equal(run.code, 0, run.stderr);
    teacher.configure({ wrongAnswerRate: 0.5 });
    run = await cli('generate', seedFile, '--budget', '12', '--strategy', 'answer-augmentation', '--teacher-model', 'seedsmith-teacher', '--session', session, '--json');
    assert.equal(run.code, 0, run.stderr);
    let s = await state();
    const samples = [...s.samples.values()];
    const qr = samples.filter((x) => x.strategy === 'question-rephrase');
    const aa = samples.filter((x) => x.strategy === 'answer-augmentation');
    const gold = (line: number) => hashLine(gsm8kSeed(line - 1).answer);
    const wrong = aa.filter((x) => hashLine(x.answer) !== gold(x.seedLines[0]!)).map((x) => x.id);
    const right = aa.filter((x) => !wrong.includes(x.id));
    assert.ok(qr.length >= 4, `${qr.length} rephrase samples`);
    assert.ok(wrong.length > 0 && right.length > 0, `teacher seed 5 should give a mix: ${wrong.length} wrong of ${aa.length}`);

    // 2. Nothing accepted yet: nothing to export.
    const out = join(dir.path, 'train.jsonl');
    run = await cli('export', '--session', session, '--format', 'openai-chat', '--out', out);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /nothing to export: the session has 0 accepted/);

    // 3. Check: the wrong answers fail gold-match against the seed file the session recorded.
    run = await cli('check', '--session', session, '--json');
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { checks: Record<string, Record<string, number>>; problems: { id: string; check: string; status: string }[]; seeds: { count: number } };
    assert.equal(report.seeds.count, SEEDS);
    assert.equal(report.checks['gold-match']?.['fail'], wrong.length);
    assert.equal(report.checks['gold-match']?.['pass'], qr.length + right.length);
    assert.deepEqual(report.problems.filter((p) => p.check === 'gold-match').map((p) => p.id).sort(), [...wrong].sort());

    // 4. Auto-reject on gold-match: exactly the wrong ones, as "auto" decisions.
    run = await cli('check', '--session', session, '--auto-reject', 'gold-match', '--json');
    assert.equal(run.code, 0, run.stderr);
    const auto = (JSON.parse(run.stdout) as { autoRejected: { id: string; reason: string }[] }).autoRejected;
    assert.deepEqual(auto.map((a) => a.id).sort(), [...wrong].sort());
    s = await state();
    for (const id of wrong) {
      assert.equal(s.reviews.get(id)?.state, 'rejected');
      assert.equal(s.reviews.get(id)?.source, 'auto');
      assert.match(s.reviews.get(id)?.reason ?? '', /gold-match: mismatch/);
    }

    // 5. A person decides, through the session's journal: accept, reject, accept one with edits;
    //    and resets one auto-rejection, which the policy then leaves alone.
    const [accept1, accept2, rejectMe, pendingOne] = qr;
    const editMe = right[0]!;
    const edited = { question: `${editMe.question} (edited)`, answer: 'Edited by a person: the answer is 99.\n#### 99' };
    const open = await openSession(session, { mustExist: true });
    try {
      const at = new Date().toISOString();
      await open.journal.append({ type: 'decision', at, sampleId: accept1!.id, decision: 'accept', source: 'cli' }, { durable: true });
      await open.journal.append({ type: 'decision', at, sampleId: accept2!.id, decision: 'accept', source: 'cli' }, { durable: true });
      await open.journal.append({ type: 'decision', at, sampleId: rejectMe!.id, decision: 'reject', reason: 'too easy', source: 'cli' }, { durable: true });
      await open.journal.append({ type: 'decision', at, sampleId: editMe.id, decision: 'accept', edited, source: 'editor' }, { durable: true });
    } finally {
      await open.close();
    }
    run = await cli('decide', '--session', session, '--reset', wrong[0]!);
    assert.equal(run.code, 0, run.stderr);
    run = await cli('check', '--session', session, '--auto-reject', 'gold-match', '--json');
    assert.deepEqual((JSON.parse(run.stdout) as { autoRejected: unknown[] }).autoRejected, []);

    // 6. Export with a system prompt and the seeds first.
    run = await cli('export', '--session', session, '--format', 'openai-chat', '--out', out, '--system', 'Solve step by step.', '--include-seeds', seedFile, '--json');
    assert.equal(run.code, 0, run.stderr);
    const summary = JSON.parse(run.stdout) as { lines: number; lineage: string; counts: Record<string, number> };
    assert.equal(summary.lineage, join(dir.path, 'train.lineage.jsonl'));
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as { messages: { role: string; content: string }[] });
    const lineage = (await readFile(summary.lineage, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as LineageRecord);
    s = await state();
    assert.equal(lines.length, SEEDS + s.counts.accepted);
    assert.equal(summary.lines, lines.length);
    assert.equal(lineage.length, lines.length);
    assert.deepEqual(summary.counts, { lines: lines.length, seeds: SEEDS, accepted: 3, pending: 0, rejected: 0, edited: 1 });

    const seedLines = (await readFile(seedFile, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as { question: string; answer: string });
    for (const [i, record] of lineage.entries()) {
      const line = lines[i]!;
      assert.equal(record.line, i + 1);
      assert.deepEqual(Object.keys(line), ['messages'], 'the training file stays clean');
      assert.deepEqual(line.messages.map((m) => m.role), ['system', 'user', 'assistant']);
      assert.equal(line.messages[0]?.content, 'Solve step by step.');
      // Every line leads to a seed line whose content has the recorded hash.
      const seedLine = record.seedLines[0]!;
      const seed = seedLines[seedLine - 1]!;
      assert.equal(record.seedHashes[0], contentHash(seed.question, seed.answer), `line ${i + 1}: seed line ${seedLine} hash`);
      if (record.source === 'seed') {
        assert.equal(line.messages[1]?.content, seed.question);
        assert.equal(line.messages[2]?.content, seed.answer);
        continue;
      }
      const sample = s.samples.get(record.sampleId!);
      assert.ok(sample, `line ${i + 1}: unknown sample ${record.sampleId}`);
      assert.equal(s.reviews.get(sample.id)?.state, 'accepted', 'only accepted samples by default');
      assert.equal(record.decision?.state, 'accepted');
      assert.equal(record.strategy, sample.strategy);
      assert.equal(record.models.teacher?.model, 'seedsmith-teacher');
      assert.ok(record.prompts.some((p) => p.role === 'teacher' && p.id === 'answer.cot.v1' && p.hash.length > 0));
      assert.ok(record.checks?.some((c) => c.check === 'gold-match'));
      if (sample.id === editMe.id) {
        assert.equal(record.decision?.edited, true);
        assert.equal(record.decision?.source, 'editor');
        assert.equal(line.messages[1]?.content, edited.question);
        assert.equal(line.messages[2]?.content, edited.answer);
      } else {
        assert.equal(record.decision?.edited, false);
        assert.equal(line.messages[1]?.content, sample.question);
        assert.equal(line.messages[2]?.content, sample.answer);
      }
    }
    const exported = new Set(lineage.map((r) => r.sampleId));
    for (const id of [rejectMe!.id, pendingOne!.id, ...wrong]) assert.ok(!exported.has(id), `${id} must not be exported`);
    assert.ok(!(await readFile(out, 'utf8')).includes(editMe.answer), 'the original text of an edited sample is not exported');

    // 7. Pending and rejected ones only when asked.
    const qa = join(dir.path, 'qa.jsonl');
    run = await cli('export', '--session', session, '--format', 'qa', '--out', qa, '--include-pending', '--include-rejected', '--json');
    assert.equal(run.code, 0, run.stderr);
    const everything = (await readFile(join(dir.path, 'qa.lineage.jsonl'), 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as LineageRecord);
    assert.equal(everything.length, s.samples.size);
    assert.ok(everything.some((r) => r.sampleId === pendingOne!.id && r.decision?.state === 'pending'));
    assert.ok(everything.some((r) => r.sampleId === wrong[1 % wrong.length] && r.decision?.state !== 'accepted'));

    // 8. Bad input: exit 2 with a message saying what.
    run = await cli('export', '--session', session, '--format', 'jsonl', '--out', out);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /unknown format "jsonl"/);
    run = await cli('export', '--session', session, '--format', 'qa', '--out', join(dir.path, 'missing', 'x.jsonl'));
    assert.equal(run.code, 2);
    assert.match(run.stderr, /folder ".*missing" does not exist/);
    run = await cli('export', '--session', session, '--format', 'alpaca', '--out', out, '--system', 'S');
    assert.equal(run.code, 2);
    run = await cli('export', '--session', session, '--format', 'qa', '--out', seedFile);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /refusing to overwrite/);
    run = await cli('check', '--session', session, '--auto-reject', 'gold-match,nonsense');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /unknown check "nonsense"/);
  });
});
