// `node test/teacher/serve.ts`: the command `npm start` and browser tests use to run a teacher.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const SERVE = fileURLToPath(new URL('../teacher/serve.ts', import.meta.url));

function run(args: string[]) {
  const child = spawn(process.execPath, [SERVE, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const m = /^teacher listening on (\S+)$/m.exec(stdout);
      if (m) resolve(m[1]!);
    });
    void exited.then(([code]) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  return { child, listening, exited, output: () => ({ stdout, stderr }) };
}

describe('teacher command line', { concurrency: true }, () => {
  it('prints its URL, applies --knobs and --learn, serves, and exits 0 on SIGTERM', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'teacher-serve-'));
    const seeds = path.join(dir, 'seeds.jsonl');
    await writeFile(seeds, '{"question": "Ann has 2 pens and buys 3 more. How many pens?", "answer": "She ends with 17.\\n#### 17"}\nnot json\n');
    const server = run(['--port', '0', '--latency', '1', '--knobs', '{"models":["cli-model"],"seed":5}', '--learn', seeds]);
    try {
      const url = await server.listening;
      const res = await fetch(`${url}/chat/completions`, {
        method: 'POST',
        body: JSON.stringify({ model: 'cli-model', messages: [{ role: 'user', content: 'Ann has 2 pens and buys 3 more. How many pens?' }] }),
      });
      const completion = (await res.json()) as { choices: Array<{ message: { content: string } }> };
      assert.match(completion.choices[0]!.message.content, /\n#### 17$/);
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const models = (await (await fetch(`${url}/models`)).json()) as { data: Array<{ id: string }> };
      assert.deepEqual(models.data.map((m) => m.id), ['cli-model']);
      const config = (await (await fetch(`${url.replace(/\/v1$/, '')}/__teacher/config`)).json()) as Record<string, unknown>;
      assert.deepEqual([config.latencyMs, config.seed], [1, 5]);
    } finally {
      server.child.kill('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    }
    const [code] = await server.exited;
    assert.equal(code, 0);
  });

  it('exits 2 with a message for bad knobs', async () => {
    const server = run(['--knobs', '{"errorRate": 7}']);
    server.listening.catch(() => undefined);
    const [code] = await server.exited;
    assert.equal(code, 2);
    assert.match(server.output().stderr, /errorRate/);
  });
});
