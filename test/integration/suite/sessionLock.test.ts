// A session the editor can only read does not stay that way for good: the holder is named (a
// `seedsmith` command or another VS Code window), an idle editor window is asked to let go on
// Take over, a command never is, and a holder that dies without removing its lock is noticed by
// the periodic look at the lock (no journal change announces it).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { SeedSmithApi } from '../../../src/host/api.ts';
import { clearReleaseRequest, watchReleaseRequests } from '../../../src/node/lockRelease.ts';
import { readProcessStat } from '../../../src/node/processLiveness.ts';
import { LOCK_FILE, defaultSessionDir, openSession } from '../../../src/node/sessionFolder.ts';
import { eventually, test } from './harness.ts';

const workspaceDir = () => process.env['SEEDSMITH_TEST_WORKSPACE'] ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
const SEED = JSON.stringify({ question: 'Lena buys 6 pens at 2 dollars each. How much does she pay?', answer: '6 * 2 = 12\n#### 12' }) + '\n';

async function api(): Promise<SeedSmithApi> {
  const extension = vscode.extensions.getExtension<SeedSmithApi>('seedsmith.seedsmith');
  assert.ok(extension);
  return extension.activate();
}

const lockOf = async (dir: string) => JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number; kind: string };

const cliFile = () => path.join(workspaceDir(), 'held-by-cli.jsonl');

test('a session another editor window holds is named so, and Take over asks that window to let go', async () => {
  const seedsmith = await api();
  // The next test's session, made now: the file events of its making are long delivered when that
  // test runs, so only a fresh look at the lock can notice its holder die.
  await writeFile(cliFile(), SEED);
  await (await openSession(defaultSessionDir(cliFile()))).close();
  const file = path.join(workspaceDir(), 'held-by-editor.jsonl');
  await writeFile(file, SEED);
  const dir = defaultSessionDir(file);
  // "Another window": a session opened for writing as an editor does, answering release requests as an idle one does.
  const other = await openSession(dir, { lock: { kind: 'editor', command: 'VS Code window' } });
  const lockPath = path.join(dir, LOCK_FILE);
  let asked = 0;
  const stop = watchReleaseRequests(lockPath, () => {
    asked++;
    void other.close().then(() => clearReleaseRequest(lockPath));
  });
  try {
    await vscode.commands.executeCommand('seedsmith.selectSeedFile', vscode.Uri.file(file));
    const review = await eventually(() => {
      const r = seedsmith.sidebarSnapshot().review;
      return r.readOnly ? r : undefined;
    }, 'the session read-only').catch((error: unknown) => {
      // Seen once on a loaded machine: say what the sidebar showed instead, for the next look.
      const s = seedsmith.sidebarSnapshot();
      throw new Error(`${error instanceof Error ? error.message : String(error)}; the sidebar showed ${JSON.stringify({ seedFile: s.seedFile.kind, sessionDir: seedsmith.sessionDir(), wanted: dir, readOnly: s.review.readOnly, counts: s.review.counts, run: s.run.state })}`);
    });
    assert.match(review.readOnly ?? '', new RegExp(`another VS Code window \\(pid ${process.pid}\\)`));
    assert.doesNotMatch(review.readOnly ?? '', /seedsmith generate/, 'no guessing at a CLI run');
    assert.equal(review.readOnlyFix?.intent.type, 'takeOverSession');

    assert.equal(await vscode.commands.executeCommand('seedsmith.takeOverSession', true), 'taken');
    await eventually(() => (seedsmith.sidebarSnapshot().review.readOnly === null ? true : undefined), 'the session to be writable here');
    assert.ok(asked >= 1, "the other window was asked");
    assert.equal((await lockOf(dir)).kind, 'editor', 'this window holds the lock now, as an editor');
  } finally {
    stop();
    await other.close();
  }
});

test('a `seedsmith` command holding a session is named and never taken over; its death is noticed without a journal change', async () => {
  const seedsmith = await api();
  const file = cliFile();
  const dir = defaultSessionDir(file);
  // A lock naming a live process as `seedsmith generate` does (the journal is there already).
  const cli = spawn('sleep', ['600'], { stdio: 'ignore' });
  const pid = cli.pid ?? 0;
  const exited = new Promise((resolve) => cli.once('exit', resolve));
  try {
    await writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid, hostname: hostname(), startedAt: new Date().toISOString(), processStart: readProcessStat(pid)?.startTime ?? null, kind: 'cli', command: 'seedsmith generate', user: userInfo().username }) + '\n');
    await vscode.commands.executeCommand('seedsmith.selectSeedFile', vscode.Uri.file(file));
    const review = await eventually(() => {
      const r = seedsmith.sidebarSnapshot().review;
      return r.readOnly && r.readOnly.includes(String(pid)) ? r : undefined;
    }, 'the session read-only, naming the command');
    assert.match(review.readOnly ?? '', new RegExp(`\`seedsmith generate\` \\(pid ${pid}\\)`));
    assert.equal(review.readOnlyFix, null, 'no Take over for a command');

    assert.equal(await vscode.commands.executeCommand('seedsmith.takeOverSession', true), 'not-allowed');
    assert.equal((await lockOf(dir)).pid, pid, 'the command keeps its lock');
    assert.ok(seedsmith.sidebarSnapshot().review.readOnly);
  } finally {
    cli.kill('SIGKILL');
    await exited;
  }
  // The command died and left its lock; the journal does not change. The lock is looked at again.
  await eventually(() => (seedsmith.sidebarSnapshot().review.readOnly === null ? true : undefined), 'the editor to take over the dead command’s lock', 15_000);
  assert.equal((await lockOf(dir)).pid, process.pid);
});
