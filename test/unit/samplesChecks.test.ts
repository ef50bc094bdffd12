// `seedsmith samples --json` carries each sample's automatic checks, the same ones `seedsmith
// check` reports, so a script needs no join by id.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { seedsmithHereJson, seedsmithJson } from '../support/engineCli.ts';
import { gsm8kSeed, makeTempDir, writeSeedFile } from '../support/seedFixtures.ts';
import { startTestTeacher } from '../teacher/server.ts';
import type { TestTeacher } from '../teacher/server.ts';
import { CHECK_IDS } from '../../src/core/checks/types.ts';

interface CheckJson {
  readonly check: string;
  readonly status: string;
  readonly detail: string;
}
interface SamplesJson {
  readonly samples: { readonly id: string; readonly state: string; readonly checks?: readonly CheckJson[] }[];
  readonly checkSeeds?: { readonly file: string | null; readonly note: string | null };
}
interface CheckCommandJson {
  readonly checks: Record<string, Record<string, number>>;
  readonly problems: { readonly id: string; readonly check: string; readonly status: string; readonly detail: string }[];
}

describe('samples --json with checks', { timeout: 60_000 }, () => {
  let dir: { path: string; remove: () => Promise<void> };
  let teacher: TestTeacher;
  let session = '';
  let seedFile = '';

  before(async () => {
    dir = await makeTempDir();
    seedFile = join(dir.path, 'seeds.jsonl');
    await writeSeedFile(seedFile, { count: 4 });
    // Some answers end in the wrong number: gold-match fails on them.
    teacher = await startTestTeacher({ wrongAnswerRate: 0.5, seed: 11 });
    teacher.learn(Array.from({ length: 4 }, (_, i) => gsm8kSeed(i)));
    session = join(dir.path, 'session');
    await seedsmithJson(['generate', seedFile, '--budget', '8', '--strategy', 'answer-augmentation', '--teacher-model', 'checks-teacher', '--session', session], { env: { OPENAI_API_KEY: 'sk-checks', OPENAI_BASE_URL: teacher.url } });
  });
  after(async () => {
    await teacher?.close();
    await dir?.remove();
  });

  it('gives every sample the results `check` computes, whatever the --state filter', async () => {
    const listed = await seedsmithHereJson<SamplesJson>(['samples', '--session', session]);
    const checked = await seedsmithHereJson<CheckCommandJson>(['check', '--session', session]);
    assert.equal(listed.samples.length, 8);
    for (const row of listed.samples) assert.ok(Array.isArray(row.checks) && row.checks.length > 0, `sample ${row.id} has its checks`);
    assert.equal(listed.checkSeeds?.file, seedFile, 'checked against the session’s seed file');

    // The same counts per check and status, and the same problems, as `check`.
    // Every check id has a row in `check --json`, zeros for the answer kinds' checks that did not run.
    const counts: Record<string, Record<string, number>> = Object.fromEntries(CHECK_IDS.map((id) => [id, { pass: 0, fail: 0, warn: 0, 'n/a': 0 }]));
    for (const row of listed.samples) for (const c of row.checks ?? []) {
      counts[c.check] ??= { pass: 0, fail: 0, warn: 0, 'n/a': 0 };
      counts[c.check]![c.status] = (counts[c.check]![c.status] ?? 0) + 1;
    }
    assert.deepEqual(counts, checked.checks);
    const problems = listed.samples.flatMap((row) => (row.checks ?? []).filter((c) => c.status === 'fail' || c.status === 'warn').map((c) => ({ id: row.id, check: c.check, status: c.status, detail: c.detail })));
    const key = (p: { id: string; check: string }) => `${p.id} ${p.check}`;
    assert.deepEqual(problems.sort((a, b) => key(a).localeCompare(key(b))), checked.problems.map(({ id, check, status, detail }) => ({ id, check, status, detail })).sort((a, b) => key(a).localeCompare(key(b))));
    assert.ok(problems.some((p) => p.check === 'gold-match' && p.status === 'fail'), 'a wrong answer fails gold-match');

    // A filtered list keeps the checks computed over the whole session.
    const failing = problems.find((p) => p.check === 'gold-match')!;
    const pending = await seedsmithHereJson<SamplesJson>(['samples', '--session', session, '--state', 'pending']);
    const row = pending.samples.find((r) => r.id === failing.id);
    assert.deepEqual(row?.checks, listed.samples.find((r) => r.id === failing.id)?.checks);
  });
});
