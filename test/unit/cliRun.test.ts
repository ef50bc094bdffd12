// The exit-1 path: a failure nobody planned for is one sentence, with the stack only on request.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../../src/cli/runCli.ts';

function recorder(env: Record<string, string> = {}, failOut = false) {
  const io = {
    stdout: '',
    stderr: '',
    out: (text: string) => {
      if (failOut) throw new Error('stdout is gone');
      io.stdout += text;
    },
    err: (text: string) => void (io.stderr += text),
    env,
  };
  return io;
}

describe('runCli', () => {
  it('exits 1 on an unexpected failure with one sentence and no stack', async () => {
    const io = recorder({}, true);
    assert.equal(await runCli(['--version'], io), 1);
    assert.equal(io.stderr, 'seedsmith: unexpected failure: stdout is gone (set SEEDSMITH_DEBUG=1 for details)\n');
  });

  it('adds the stack when SEEDSMITH_DEBUG=1', async () => {
    const io = recorder({ SEEDSMITH_DEBUG: '1' }, true);
    assert.equal(await runCli(['inspect', '--help'], io), 1);
    assert.match(io.stderr, /^seedsmith inspect: unexpected failure: stdout is gone\n/);
    assert.match(io.stderr, /\n\s+at /);
  });

  it('exits 0 for --version in process', async () => {
    const io = recorder();
    assert.equal(await runCli(['--version'], io), 0);
    assert.match(io.stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
