// The shipped CLI bundle: the tokenizer's tables (megabytes) are not in dist/cli.js, which every
// command loads, but in dist/tokenizer.js, which `recommend` loads when it counts tokens. Built
// here with the project's own build script into a folder of the test's.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CLI_NODE_FLAGS } from '../../src/cli/nodeFlags.ts';
import { makeTempDir, writeSeedFile } from '../support/seedFixtures.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// A token of o200k_base's table: in the table's bundle, never in code.
const TABLE_MARKER = '" Kubernetes"';

describe('the CLI bundle', () => {
  let dir: { path: string; remove: () => Promise<void> };

  before(async () => {
    dir = await makeTempDir();
    await run(process.execPath, ['scripts/build.mjs', '--production', '--only', 'cli,tokenizer', '--outdir', dir.path], { cwd: ROOT });
  });
  after(async () => {
    await dir.remove();
  });

  it('does not carry the tokenizer table, which is a file of its own', async () => {
    const cli = await readFile(join(dir.path, 'cli.js'), 'utf8');
    const tokenizer = await readFile(join(dir.path, 'tokenizer.js'), 'utf8');
    assert.ok(tokenizer.includes(TABLE_MARKER), 'the marker is a token of the table');
    assert.ok(!cli.includes(TABLE_MARKER), 'dist/cli.js inlines the tokenizer table');
    assert.ok((await stat(join(dir.path, 'cli.js'))).size < 1_500_000, 'dist/cli.js is over 1.5 MB');
  });

  it('still counts tokens in `recommend`, loading the table from its file', async () => {
    const seeds = join(dir.path, 'seeds.jsonl');
    await writeSeedFile(seeds, { count: 20 });
    const { stdout } = await run(process.execPath, [join(dir.path, 'cli.js'), 'recommend', seeds, '--budget', '40', '--teacher-model', 'gpt-4o', '--json'], { env: { ...process.env, OPENAI_API_KEY: '' } });
    const estimates = (JSON.parse(stdout) as { estimates: Record<string, { teacher: { tokenizer: string }; inputTokens: { low: number } }> }).estimates;
    const aa = estimates['answer-augmentation']!;
    assert.equal(aa.teacher.tokenizer, 'o200k_base');
    assert.ok(aa.inputTokens.low > 40 * 20, `input tokens ${aa.inputTokens.low}`);
  });

  // The test runtime is Node 24 on Linux, which has process.execve.
  it('relaunches the streaming commands in place with their V8 flags, and no other command', async () => {
    // A preload that notes each start of Node: the process id and Node's own arguments.
    const trace = join(dir.path, 'starts.jsonl');
    const preload = join(dir.path, 'noteStart.cjs');
    await writeFile(preload, `require('node:fs').appendFileSync(${JSON.stringify(trace)}, JSON.stringify({ pid: process.pid, execArgv: process.execArgv }) + '\\n');`);
    const starts = async (args: readonly string[]) => {
      await writeFile(trace, '');
      const child = await run(process.execPath, [join(dir.path, 'cli.js'), ...args], { env: { ...process.env, NODE_OPTIONS: `--require ${preload}` } }).catch((error: { code: number; stderr: string }) => error);
      const lines = (await readFile(trace, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { pid: number; execArgv: string[] });
      return { lines, child };
    };
    const status = await starts(['status', '--session', join(dir.path, 'no-such-session')]);
    assert.equal(status.lines.length, 2, 'started once, relaunched once');
    assert.equal(status.lines[0]!.pid, status.lines[1]!.pid, 'relaunched in the same process');
    assert.deepEqual(status.lines[1]!.execArgv, [...CLI_NODE_FLAGS]);
    assert.equal((status.child as { code?: number }).code, 2, 'the relaunched command still reports the missing session');
    assert.match((status.child as { stderr: string }).stderr, /no-such-session/);
    const recommend = await starts(['recommend', '--help']);
    assert.equal(recommend.lines.length, 1, 'recommend is not relaunched');
  });
});

