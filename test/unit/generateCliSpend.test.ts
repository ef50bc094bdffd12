// `seedsmith generate` and what it books as spent when the endpoint is misconfigured or misbehaves:
// a request that never left, or that the endpoint refused before the model ran, is never spent; a
// fatal configuration error stops new sends but lets the requests already out finish (no abort
// turns them into "uncertain"); no part of the key reaches the terminal, the journal or `status`;
// and every spent request that produced no sample is journaled with its reason and shown.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readSession } from '../../src/node/sessionFolder.ts';
import { journalPath, readJournalLines, seedsmith, seedsmithHere, seedsmithHereJson } from '../support/engineCli.ts';
import { makeTempDir, writeSeedFile } from '../support/seedFixtures.ts';
import { startTestTeacher } from '../teacher/server.ts';

const KEY = 'sk-proj-Qm7vT2xZp9LwR4nB8cYd6KfH3jGs5aE1uW0oI';

interface RoleJson {
  spent: number;
  completed: number;
  uncertain: number;
  retries: number;
}
interface GenerateJson {
  reason: string;
  message: string | null;
  samplesAdded: number;
  failures: number;
  teacher: RoleJson;
}

/** Every run of 8 or more characters of `key` found in `text`. */
function keyRuns(text: string, key: string): string[] {
  const found: string[] = [];
  for (let i = 0; i + 8 <= key.length; i++) {
    const piece = key.slice(i, i + 8);
    if (text.includes(piece)) found.push(piece);
  }
  return found;
}

describe('seedsmith generate books as spent only what may have been billed', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let seedFile: string;

  before(async () => {
    dir = await makeTempDir();
    seedFile = join(dir.path, 'seeds.jsonl');
    await writeSeedFile(seedFile, { count: 12 });
  });
  after(async () => {
    await dir?.remove();
  });

  it('refuses a base URL with user info or a non-http(s) scheme as bad input, before any session or reservation exists', async () => {
    const teacher = await startTestTeacher({ seed: 2 });
    try {
      const withCredentials = teacher.url.replace('http://', 'http://someone:pw-hunter2@');
      for (const [name, url] of [['credentials', withCredentials], ['scheme', `ftp://127.0.0.1:${teacher.port}/v1`]] as const) {
        const session = join(dir.path, `bad-url-${name}`);
        const run = await seedsmith(['generate', seedFile, '--budget', '20', '--teacher-model', 'm', '--base-url', url, '--session', session], { env: { OPENAI_API_KEY: KEY } });
        assert.equal(run.code, 2, `${name}: bad input (exit 2): ${run.stdout}${run.stderr}`);
        assert.match(run.stderr, /base URL/);
        assert.ok(!(run.stdout + run.stderr).includes('hunter2'), 'the password is not repeated');
        assert.equal(existsSync(session), false, `${name}: no session folder, so nothing reserved`);
      }
      assert.equal(teacher.stats().totals.requests, 0, 'no request reached the teacher');
    } finally {
      await teacher.close();
    }
  });

  it('a wrong key (401) spends nothing, stops new sends at once and lets the requests out finish', async () => {
    // The first 401 comes back at once, the others 200 ms apart: the rest are still out when the run learns the key is wrong.
    const teacher = await startTestTeacher({ seed: 4, requireApiKey: 'sk-the-right-one', rejectStaggerMs: 200 });
    try {
      const session = join(dir.path, 'wrong-key');
      const run = await seedsmith(['generate', seedFile, '--budget', '12', '--strategy', 'answer-augmentation', '--teacher-model', 'm', '--base-url', teacher.url, '--concurrency', '6', '--session', session, '--json'], {
        env: { OPENAI_API_KEY: KEY },
      });
      const result = JSON.parse(run.stdout) as GenerateJson;
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.equal(result.reason, 'failed');
      assert.match(result.message ?? '', /rejected the API key \(HTTP 401\)/);
      assert.deepEqual([result.teacher.spent, result.teacher.uncertain], [0, 0], `a 401 proves nothing ran: ${run.stdout}`);
      const stats = teacher.stats().totals;
      assert.equal(stats.errors['401'], stats.requests, 'every request the teacher saw was refused');
      assert.ok(stats.requests <= 6, `no new request after the first 401: ${stats.requests} sent`);
      const { events } = await readJournalLines(session);
      const uncertain = events.filter((e) => e.type === 'settle' && e.outcome.kind === 'uncertain');
      assert.deepEqual(uncertain, [], 'no request was aborted into "uncertain"');
      const status = await seedsmithHereJson<{ teacher: RoleJson }>(['status', '--session', session]);
      assert.equal(status.teacher.spent, 0);
    } finally {
      await teacher.close();
    }
  });

  it('a host that does not resolve spends nothing', async () => {
    const session = join(dir.path, 'no-such-host');
    const run = await seedsmith(['generate', seedFile, '--budget', '10', '--strategy', 'answer-augmentation', '--teacher-model', 'm', '--base-url', 'http://seedsmith-no-such-host.invalid/v1', '--concurrency', '4', '--max-retries', '1', '--session', session, '--json'], {
      env: { OPENAI_API_KEY: KEY },
    });
    const result = JSON.parse(run.stdout) as GenerateJson;
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.deepEqual([result.reason, result.teacher.spent, result.teacher.uncertain], ['failed', 0, 0], run.stdout);
    assert.match(result.message ?? '', /Could not reach http:\/\/seedsmith-no-such-host\.invalid\/v1: host (not found|name lookup failed)/);
  });

  it('a 400 that echoes parts of the key leaves none of it in the terminal, the journal or status', async () => {
    const teacher = await startTestTeacher({ seed: 6, echoKeyIn400: true });
    try {
      const session = join(dir.path, 'echo-key');
      const args = ['generate', seedFile, '--budget', '3', '--strategy', 'answer-augmentation', '--teacher-model', 'm', '--base-url', teacher.url, '--max-retries', '0', '--session', session];
      const text = await seedsmith(args, { env: { OPENAI_API_KEY: KEY } });
      const json = await seedsmith([...args, '--json'], { env: { OPENAI_API_KEY: KEY } });
      assert.ok((teacher.stats().totals.errors['400'] ?? 0) >= 2, 'the teacher did answer 400');
      assert.match(text.stdout, /rejected the request \(HTTP 400\): Invalid request for key/, 'the server text is still quoted');
      const status = await seedsmithHere(['status', '--session', session]);
      const statusJson = await seedsmithHere(['status', '--session', session, '--json']);
      const journal = await readFile(journalPath(session), 'utf8');
      for (const [where, shown] of [['generate', text.stdout + text.stderr], ['generate --json', json.stdout + json.stderr], ['journal', journal], ['status', status.stdout], ['status --json', statusJson.stdout]] as const) {
        assert.deepEqual(keyRuns(shown, KEY), [], `${where} shows part of the key:\n${shown}`);
        assert.doesNotMatch(shown, /Bearer sk-/, `${where} shows a bearer token`);
      }
    } finally {
      await teacher.close();
    }
  });

  it('journals every spent request that produced no sample (a malformed 200 body) with its reason, and status and check show it', async () => {
    const teacher = await startTestTeacher({ seed: 8, malformedBodyRate: 0.4 });
    try {
      const session = join(dir.path, 'malformed-body');
      const run = await seedsmith(['generate', seedFile, '--budget', '10', '--strategy', 'answer-augmentation', '--teacher-model', 'm', '--base-url', teacher.url, '--concurrency', '2', '--session', session, '--json'], {
        env: { OPENAI_API_KEY: KEY },
      });
      const result = JSON.parse(run.stdout) as GenerateJson;
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.ok(result.failures > 0 && result.samplesAdded > 0, run.stdout);
      assert.equal(result.teacher.spent, result.samplesAdded + result.failures, 'each broken body was spent');
      const { events } = await readJournalLines(session);
      const wasted = events.filter((e) => e.type === 'wasted');
      assert.equal(wasted.reduce((n, e) => n + (e.type === 'wasted' ? e.attempts : 0), 0), result.failures, 'one journaled attempt per spent request with no sample');
      for (const e of wasted) if (e.type === 'wasted') assert.match(e.reason, /could not be read as a chat completion/);

      const { state } = await readSession(session);
      assert.equal(state.wasted.teacher, result.failures, 'the session state carries it (the sidebar reads it)');
      const status = await seedsmithHereJson<{ teacher: RoleJson & { wasted: number }; wasted: { reasons: Array<{ reason: string; attempts: number }> }; runs: Array<{ wasted: number }> }>(['status', '--session', session]);
      assert.equal(status.teacher.wasted, result.failures);
      assert.match(status.wasted.reasons[0]?.reason ?? '', /could not be read/);
      assert.equal(status.runs[0]?.wasted, result.failures);
      const statusText = await seedsmithHere(['status', '--session', session]);
      assert.match(statusText.stdout, new RegExp(`${result.failures} spent requests? produced no sample`));
      const check = await seedsmithHere(['check', '--session', session]);
      assert.equal(check.code, 0, check.stderr);
      assert.match(check.stdout, new RegExp(`${result.failures} spent requests? produced no sample`));
      const checkJson = JSON.parse((await seedsmithHere(['check', '--session', session, '--json'])).stdout) as { wasted: { teacher: number } };
      assert.equal(checkJson.wasted.teacher, result.failures);
    } finally {
      await teacher.close();
    }
  });
});
