// `seedsmith generate` as a real process against the test teacher, one strategy per test: every
// sample's lineage is complete, `status` and `samples` agree with the journal and with what the
// teacher says it served, decisions show, and a second run with a larger budget adds samples
// buying exactly the extra budget and nothing twice.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { StrategyId } from '../../src/core/samples/sample.ts';
import { journalPath, readJournalLines, seedsmith, seedsmithHere, seedsmithHereJson, seedsmithJson } from '../support/engineCli.ts';
import type { JournalRead } from '../support/engineCli.ts';
import { boughtKeys, boughtTotals, completionsIn, finalOf, lineageProblems, repeatedCacheKeys, samplesIn } from '../support/engineLineage.ts';
import type { SeedText } from '../support/engineLineage.ts';
import { gsm8kSeed, makeTempDir, writeSeedFile } from '../support/seedFixtures.ts';
import { startTestTeacher } from '../teacher/server.ts';
import type { TestTeacher } from '../teacher/server.ts';
import type { ModelStats } from '../teacher/stats.ts';

const SEEDS = 10;
const SECRET = 'sk-generate-cli-test-5f1e2d3c4b5a';
const SHORT: Readonly<Record<StrategyId, string>> = { 'answer-augmentation': 'aa', 'question-rephrase': 'qr', 'new-question': 'nq' };

interface RoleJson {
  limit: number;
  spent: number;
  completed: number;
  uncertain: number;
  retries: number;
}
interface GenerateJson {
  reason: string;
  samplesAdded: number;
  failures: number;
  teacher: RoleJson;
  augmenter: RoleJson;
}
interface StatusJson {
  teacher: RoleJson;
  augmenter: RoleJson;
  samples: { total: number; pending: number; accepted: number; rejected: number; flagged: number };
  flags: Record<string, number>;
  runs: Array<{ strategy: string; outcome: string; samples: number; spent: { teacher: number; augmenter: number } }>;
}
interface SampleRowJson {
  id: string;
  seedLine: number;
  strategy: string;
  state: string;
  flags: string[];
  question: string;
  answer: string;
  reason: string | null;
}

describe('seedsmith generate against the test teacher', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let teacher: TestTeacher;
  let seedFile: string;
  const seeds = new Map<number, SeedText>();

  before(async () => {
    dir = await makeTempDir();
    seedFile = join(dir.path, 'gsm8k.jsonl');
    await writeSeedFile(seedFile, { count: SEEDS });
    for (let i = 0; i < SEEDS; i++) seeds.set(i + 1, gsm8kSeed(i));
    teacher = await startTestTeacher({ seed: 11 });
    teacher.learn([...seeds.values()]);
  });
  after(async () => {
    await teacher?.close();
    await dir?.remove();
  });

  const env = () => ({ OPENAI_API_KEY: SECRET, OPENAI_BASE_URL: teacher.url });
  const modelStats = (model: string | null): ModelStats | undefined => (model === null ? undefined : teacher.stats().models[model]);
  const completionsOf = (model: string | null) => modelStats(model)?.completions ?? 0;

  for (const strategy of ['answer-augmentation', 'question-rephrase', 'new-question'] as const) {
    it(`${strategy}: full lineage, views that agree with the journal and the teacher, decisions, and a larger budget that buys only the extra`, async () => {
      const short = SHORT[strategy];
      const teacherModel = `teacher-${short}`;
      const augmenterModel = strategy === 'answer-augmentation' ? null : `augmenter-${short}`;
      const session = join(dir.path, `session-${short}`);
      const generate = (budget: number) => [
        'generate', seedFile, '--budget', String(budget), '--strategy', strategy, '--teacher-model', teacherModel,
        ...(augmenterModel ? ['--augmenter-model', augmenterModel] : []), '--session', session, '--concurrency', '4',
      ];
      const endpoint = teacher.url;
      const context = (journal: JournalRead, acceptedIds: ReadonlySet<string> = new Set()) => ({
        seeds, strategy, secret: SECRET, acceptedIds,
        teacher: { model: teacherModel, endpoint },
        augmenter: augmenterModel ? { model: augmenterModel, endpoint } : null,
        completions: new Map(completionsIn(journal.events).map((e) => [e.cacheKey, e.result])),
      });

      // First run: budget 12.
      const first = await seedsmith([...generate(12), '--json'], { env: env() });
      assert.equal(first.code, 0, first.stderr);
      assert.equal(first.stderr, '', '--json keeps stderr quiet');
      const result = JSON.parse(first.stdout) as GenerateJson;
      const journal = await readJournalLines(session);
      const samples = samplesIn(journal.events);
      const teacherBought = completionsOf(teacherModel);
      const augmenterBought = completionsOf(augmenterModel);
      assert.equal(result.reason, 'done');
      assert.equal(teacherBought, 12, 'the whole budget was used, one teacher query per sample');
      assert.deepEqual(result.teacher, { limit: 12, spent: 12, completed: 12, uncertain: 0, retries: 0 });
      assert.equal(result.augmenter.spent, augmenterBought);
      assert.equal(result.samplesAdded, samples.length);
      assert.equal(samples.length, 12);
      if (augmenterModel) assert.ok(augmenterBought > 0 && augmenterBought <= 12, `${augmenterBought} augmenter calls`);

      // Lineage of every sample, and what was bought adds up to what the teacher served.
      assert.deepEqual(samples.flatMap((s) => lineageProblems(s, context(journal))), []);
      const totals = boughtTotals(samples);
      assert.equal(totals.teacher.bought, teacherBought, 'bought teacher calls = teacher completions');
      assert.equal(totals.augmenter.bought, augmenterBought, 'bought augmenter calls = augmenter completions');
      assert.equal(totals.teacher.promptTokens, modelStats(teacherModel)?.promptTokens);
      assert.equal(totals.teacher.completionTokens, modelStats(teacherModel)?.completionTokens);
      if (augmenterModel) assert.equal(totals.augmenter.completionTokens, modelStats(augmenterModel)?.completionTokens);
      assert.deepEqual(repeatedCacheKeys(journal.events), []);
      assert.equal(new Set(boughtKeys(samples)).size, boughtKeys(samples).length, 'no purchase claimed by two samples');
      assert.equal(completionsIn(journal.events).length, teacherBought + augmenterBought);
      for (const sample of samples) {
        assert.deepEqual(sample.flags, [], `sample ${sample.id} flags`);
        const gold = finalOf(seeds.get(sample.seedLines[0] ?? 0)?.answer ?? '');
        // AA and QR keep the seed's question (or its meaning): the learnt gold comes back.
        if (strategy !== 'new-question') assert.equal(finalOf(sample.answer), gold, `sample ${sample.id} answer`);
        else assert.match(finalOf(sample.answer) ?? '', /^-?\d/, `sample ${sample.id} has a final answer`);
      }
      assert.ok(!(await readFile(journalPath(session), 'utf8')).includes(SECRET), 'the key is not in the journal');

      // status and samples agree with the journal and the teacher.
      const status = await seedsmithHereJson<StatusJson>(['status', '--session', session]);
      const listed = await seedsmithHereJson<{ samples: SampleRowJson[] }>(['samples', '--session', session]);
      assert.deepEqual(status.teacher, { limit: 12, spent: teacherBought, completed: teacherBought, uncertain: 0, retries: 0, wasted: 0 });
      assert.deepEqual(status.augmenter, { limit: 12, spent: augmenterBought, completed: augmenterBought, uncertain: 0, retries: 0, wasted: 0 });
      assert.deepEqual(status.samples, { total: 12, pending: 12, accepted: 0, rejected: 0, flagged: 0 });
      assert.deepEqual(status.flags, {});
      assert.deepEqual(status.runs.map((r) => [r.strategy, r.outcome, r.samples, r.spent]), [[strategy, 'done', 12, { teacher: teacherBought, augmenter: augmenterBought }]]);
      assert.deepEqual(
        listed.samples.map((row) => [row.id, row.seedLine, row.strategy, row.state, row.flags, row.question, row.answer]),
        samples.map((s) => [s.id, s.seedLines[0], strategy, 'pending', [], s.question, s.answer]),
      );

      // Decisions (by id and by unique prefix) show in status and samples.
      const [a1, a2, r1] = samples.map((s) => s.id);
      assert.ok(a1 && a2 && r1);
      const accept = await seedsmithHere(['decide', '--session', session, '--accept', a1, a2.slice(0, 8)]);
      assert.equal(accept.code, 0, accept.stderr);
      const reject = await seedsmithHere(['decide', '--session', session, '--reject', r1, '--reason', 'units are wrong']);
      assert.equal(reject.code, 0, reject.stderr);
      const decided = await seedsmithHereJson<StatusJson>(['status', '--session', session]);
      const accepted = await seedsmithHereJson<{ samples: SampleRowJson[] }>(['samples', '--session', session, '--state', 'accepted']);
      const rejected = await seedsmithHereJson<{ samples: SampleRowJson[] }>(['samples', '--session', session, '--state', 'rejected']);
      assert.deepEqual(decided.samples, { total: 12, pending: 9, accepted: 2, rejected: 1, flagged: 0 });
      assert.deepEqual(accepted.samples.map((row) => row.id).sort(), [a1, a2].sort());
      assert.deepEqual(rejected.samples.map((row) => [row.id, row.reason]), [[r1, 'units are wrong']]);
      const beforeSecond = await readJournalLines(session);

      // A second run with a larger budget: only the extra 8 teacher queries are bought.
      const second = await seedsmithJson<GenerateJson>(generate(20), { env: env() });
      const journal2 = await readJournalLines(session);
      const samples2 = samplesIn(journal2.events);
      assert.equal(second.reason, 'done');
      assert.equal(completionsOf(teacherModel), teacherBought + 8, 'the teacher served exactly the extra budget');
      assert.deepEqual(journal2.lines.slice(0, beforeSecond.lines.length), beforeSecond.lines, 'the journal only grew');
      assert.equal(samples2.length, 20);
      assert.equal(second.samplesAdded, 8);
      const acceptedIds = new Set([a1, a2]);
      assert.deepEqual(samples2.flatMap((s) => lineageProblems(s, context(journal2, acceptedIds))), []);
      if (strategy === 'new-question') {
        for (const sample of samples2.slice(12)) assert.deepEqual([...sample.exampleSampleIds].sort(), [a1, a2].sort(), 'accepted samples are shown as examples');
      }
      const totals2 = boughtTotals(samples2);
      assert.equal(totals2.teacher.bought, completionsOf(teacherModel));
      assert.equal(totals2.augmenter.bought, completionsOf(augmenterModel));
      assert.deepEqual(repeatedCacheKeys(journal2.events), []);
      const status2 = await seedsmithJson<StatusJson>(['status', '--session', session]);
      assert.deepEqual(status2.teacher, { limit: 20, spent: 20, completed: 20, uncertain: 0, retries: 0, wasted: 0 });
      assert.equal(status2.augmenter.spent, completionsOf(augmenterModel));
      assert.deepEqual(status2.samples, { total: 20, pending: 17, accepted: 2, rejected: 1, flagged: 0 });
    });
  }
});
