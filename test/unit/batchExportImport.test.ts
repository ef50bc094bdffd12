// `seedsmith batch export` → an independent runner (the test teacher's offline mode, a separate
// process standing in for vLLM's run-batch) → `seedsmith batch import`: the same samples and
// ledger as the online batch path; importing twice changes nothing; a runner's errors and
// missing lines are settled as spent; Question Rephrase runs as two export/import rounds.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { seedsmith, seedsmithHereJson } from '../support/engineCli.ts';
import { makeTempDir, writeSeedFile } from '../support/seedFixtures.ts';
import { startTestTeacher } from '../teacher/server.ts';

const OFFLINE = fileURLToPath(new URL('../teacher/offlineBatch.ts', import.meta.url));

interface StatusJson {
  teacher: { limit: number; spent: number; completed: number; uncertain: number };
  augmenter: { spent: number; completed: number };
  samples: { total: number };
  batches: { inFlight: unknown[]; unaccounted: number };
}
interface SamplesJson {
  samples: { id: string; question: string; answer: string; flags: string[] }[];
}

/** Runs the offline runner as its own process: it shares nothing with SeedSmith but the file. */
function runOffline(input: string, output: string, knobs: object = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [OFFLINE, '-i', input, '-o', output, '--knobs', JSON.stringify(knobs)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`offline runner exited ${code}: ${stderr}`))));
  });
}

const samplesOf = async (session: string) => (await seedsmithHereJson<SamplesJson>(['samples', '--session', session])).samples.map(({ id, question, answer, flags }) => ({ id, question, answer, flags })).sort((a, b) => a.id.localeCompare(b.id));
const status = (session: string) => seedsmithHereJson<StatusJson>(['status', '--session', session]);
const exportArgs = (seedFile: string, session: string, out: string, budget: number, strategy = 'answer-augmentation') => ['batch', 'export', seedFile, '--budget', String(budget), '--strategy', strategy, '--teacher-model', 'seedsmith-teacher', '--session', session, '--out', out];

describe('seedsmith batch export / import', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let seedFile: string;

  before(async () => {
    dir = await makeTempDir();
    seedFile = join(dir.path, 'seeds.jsonl');
    await writeSeedFile(seedFile, { count: 8 });
  });
  after(async () => {
    await dir?.remove();
  });

  it('export → offline run → import gives the same samples and ledger as the online batch path; a second import changes nothing', async () => {
    const online = join(dir.path, 'online');
    const teacher = await startTestTeacher({ seed: 9 });
    try {
      const run = await seedsmith(['generate', seedFile, '--batch', '--poll-ms', '20', '--budget', '14', '--strategy', 'answer-augmentation', '--teacher-model', 'seedsmith-teacher', '--session', online], { env: { OPENAI_API_KEY: 'sk-x', OPENAI_BASE_URL: teacher.url } });
      assert.equal(run.code, 0, run.stderr);
    } finally {
      await teacher.close();
    }

    const offline = join(dir.path, 'offline');
    const input = join(dir.path, 'aa-in.jsonl');
    const output = join(dir.path, 'aa-out.jsonl');
    const exported = await seedsmith(exportArgs(seedFile, offline, input, 14));
    assert.equal(exported.code, 0, exported.stderr);
    const text = await readFile(input);
    assert.notEqual(text[0], 0xef, 'no byte order mark');
    const lines = text.toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as { custom_id: string; method: string; url: string; body: { model: string } });
    assert.equal(lines.length, 14);
    assert.ok(lines.every((l) => l.method === 'POST' && l.url === '/v1/chat/completions' && l.body.model === 'seedsmith-teacher'));
    assert.match(lines[0]!.custom_id, /^run-[^:]+:[0-9a-f]{12}:1$/, 'run:sample:attempt');
    const reserved = await status(offline);
    assert.equal(reserved.teacher.spent, 14, 'reserved before the file was written');
    assert.equal(reserved.batches.inFlight.length, 1);

    // The online path would buy the exported requests a second time: it waits for the import.
    const online2 = await seedsmith(['generate', seedFile, '--budget', '14', '--strategy', 'answer-augmentation', '--teacher-model', 'seedsmith-teacher', '--session', offline], { env: { OPENAI_API_KEY: 'sk-x', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' } });
    assert.equal(online2.code, 2);
    assert.match(online2.stderr, /still in flight/);

    await runOffline(input, output, { batchShuffle: true });
    const imported = await seedsmith(['batch', 'import', output, '--session', offline]);
    assert.equal(imported.code, 0, imported.stderr);

    const offlineSamples = await samplesOf(offline);
    assert.equal(offlineSamples.length, 14);
    assert.ok(offlineSamples.every((s) => /#### \d+/.test(s.answer)));
    assert.deepEqual(offlineSamples, await samplesOf(online));
    const [a, b] = [await status(online), await status(offline)];
    assert.deepEqual({ teacher: b.teacher, samples: b.samples }, { teacher: a.teacher, samples: a.samples });
    assert.deepEqual(b.batches.inFlight, []);

    const journalBefore = await readFile(join(offline, 'journal.jsonl'), 'utf8');
    const again = await seedsmith(['batch', 'import', output, '--session', offline]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /nothing changed/);
    assert.equal(await readFile(join(offline, 'journal.jsonl'), 'utf8'), journalBefore, 'the second import wrote nothing');
  });

  it("settles a runner's failed lines as uncertain and lines missing from its file as unaccounted, both spent", async () => {
    const session = join(dir.path, 'errors');
    const input = join(dir.path, 'err-in.jsonl');
    const output = join(dir.path, 'err-out.jsonl');
    assert.equal((await seedsmith(exportArgs(seedFile, session, input, 10))).code, 0);
    await runOffline(input, output, { batchLineErrorRate: 0.3, seed: 2 });
    const outLines = (await readFile(output, 'utf8')).trim().split('\n');
    const failed = outLines.filter((l) => (JSON.parse(l) as { response: { status_code: number } }).response.status_code !== 200).length;
    assert.ok(failed > 0);
    // Two lines lost on the way back.
    await writeFile(output, `${outLines.slice(2).join('\n')}\n`);
    const lostFailed = outLines.slice(0, 2).filter((l) => (JSON.parse(l) as { response: { status_code: number } }).response.status_code !== 200).length;
    assert.equal((await seedsmith(['batch', 'import', output, '--session', session])).code, 0);
    const after = await status(session);
    assert.equal(after.teacher.spent, 10, 'nothing given back: every line may have run');
    assert.equal(after.teacher.uncertain, failed - lostFailed + 2);
    assert.equal(after.batches.unaccounted, 2);
    assert.equal(after.samples.total, 10 - failed - 2 + lostFailed);
  });

  it('question rephrase: export the augmenter file, import it, export the teacher file, import it; then nothing is left', async () => {
    const session = join(dir.path, 'qr');
    const round = async (n: number): Promise<string> => {
      const input = join(dir.path, `qr-in-${n}.jsonl`);
      const output = join(dir.path, `qr-out-${n}.jsonl`);
      const exported = await seedsmith(exportArgs(seedFile, session, input, 8, 'question-rephrase'));
      assert.equal(exported.code, 0, exported.stderr);
      if (/nothing left to export/.test(exported.stdout)) return 'done';
      await runOffline(input, output);
      const imported = await seedsmith(['batch', 'import', output, '--session', session]);
      assert.equal(imported.code, 0, imported.stderr);
      return (await readFile(input, 'utf8')).trim().split('\n').length.toString();
    };
    const pendingExport = await seedsmith(exportArgs(seedFile, session, join(dir.path, 'qr-early.jsonl'), 8, 'question-rephrase'));
    assert.equal(pendingExport.code, 0);
    // An exported file not yet imported blocks the next export: its answers decide the next stage.
    const blocked = await seedsmith(exportArgs(seedFile, session, join(dir.path, 'qr-blocked.jsonl'), 8, 'question-rephrase'));
    assert.equal(blocked.code, 2);
    assert.match(blocked.stderr, /not imported yet/);
    await runOffline(join(dir.path, 'qr-early.jsonl'), join(dir.path, 'qr-early-out.jsonl'));
    assert.equal((await seedsmith(['batch', 'import', join(dir.path, 'qr-early-out.jsonl'), '--session', session])).code, 0);
    const afterAugmenter = await status(session);
    assert.ok(afterAugmenter.augmenter.completed > 0);
    assert.equal(afterAugmenter.teacher.spent, 0);
    const teacherLines = Number(await round(2));
    assert.equal(await round(3), 'done');
    const end = await status(session);
    assert.equal(end.teacher.spent, teacherLines);
    assert.ok(end.teacher.spent <= 8);
    assert.equal(end.samples.total, end.teacher.completed);
  });
});
