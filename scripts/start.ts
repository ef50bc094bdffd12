// `npm start`: package the VSIX, install it into a fresh VS Code profile, start the local test
// teacher and code-server on http://127.0.0.1:8080 with a sample workspace, and stop everything
// cleanly on Ctrl-C. Runs under the project's Node 24 (scripts/start.sh).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { startCodeServerWithVsix, stopGroup } from './support/codeServer.ts';
import { repoRoot, scratchDir } from './support/runtime.ts';
import { writeSampleWorkspace } from './support/sampleWorkspace.ts';
import { updateWorkspaceSettings } from './support/workspaceSettings.ts';

const port = Number(process.env['SEEDSMITH_PORT'] ?? 8080);
const vsix = process.argv[2];
if (!vsix || !existsSync(vsix)) {
  console.error('usage: start.ts <seedsmith.vsix>  (npm start packages it first)');
  process.exit(2);
}

// The sample workspace outlives a run, so what a person does in it is still there next time;
// the VS Code profile is fresh every time, so the installed VSIX is always the one just built.
const workspace = process.env['SEEDSMITH_SAMPLE_WORKSPACE'] ?? path.join(process.env['XDG_DATA_HOME'] ?? path.join(homedir(), '.local', 'share'), 'seedsmith', 'sample-workspace');
await mkdir(workspace, { recursive: true });
const written = await writeSampleWorkspace(workspace);

const stateDir = await scratchDir('start');

const teacher = await startTeacher();
// The sample workspace talks to the local teacher out of the box (the person's own values for
// the model and budget stay); only the API key is still theirs to set, as in real use.
await updateWorkspaceSettings(
  workspace,
  { 'seedsmith.teacher.baseUrl': teacher.url, 'seedsmith.teacher.model': 'seedsmith-teacher', 'seedsmith.budget.teacherQueries': 40 },
  ['seedsmith.teacher.model', 'seedsmith.budget.teacherQueries'],
);
let server;
try {
  console.log('Installing the VSIX into a fresh profile and starting code-server…');
  server = await startCodeServerWithVsix(path.resolve(vsix), { stateDir, workspace, port });
} catch (error) {
  await stopGroup(teacher.process);
  console.error(error instanceof Error ? error.message : String(error));
  console.error(`Is something else listening on port ${port}? Set SEEDSMITH_PORT to use another.`);
  process.exit(1);
}

console.log(`
SeedSmith is running in VS Code: ${server.url}/?folder=${encodeURIComponent(workspace)}

  workspace     ${workspace}${written.length > 0 ? `  (wrote ${written.join(', ')})` : ''}
  test teacher  ${teacher.url}  (an OpenAI-compatible endpoint on this machine, already in the
                workspace settings; for "Set API key" any text will do)
  logs          ${server.logFile}

Open the SeedSmith icon in the activity bar, select a seed file, set the API key, Generate,
then review with a / x / e / space / backspace. Press Ctrl-C to stop.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  await Promise.all([server.stop(), stopGroup(teacher.process)]);
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

async function startTeacher(): Promise<{ url: string; process: ChildProcess }> {
  // The teacher keeps one URL across restarts when it can (the workspace settings point at it);
  // when 8787 is taken it binds port 0 itself and reports the port it got. Nothing probes a port
  // and hands it over later, so nothing can take it in between.
  return (await spawnTeacher(8787)) ?? (await spawnTeacher(0)) ?? Promise.reject(new Error('the test teacher could not start; see its output above'));
}

/** The teacher's URL once it says it listens, or null if it exited first (e.g. its port was taken). */
async function spawnTeacher(port: number): Promise<{ url: string; process: ChildProcess } | null> {
  // The teacher learns the sample seeds' gold answers, so its answers to them (and to their
  // rephrasings) come out right, as a capable model's would.
  const learn = path.join(workspace, 'math-seeds.jsonl');
  const child = spawn(process.execPath, [path.join(repoRoot, 'test', 'teacher', 'serve.ts'), '--port', String(port), '--latency', '300', ...(existsSync(learn) ? ['--learn', learn] : [])], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  // What the teacher says on stderr is shown once it listens; a failed try on 8787 stays quiet
  // unless the fallback fails too.
  let said = '';
  const collect = (chunk: Buffer) => (said += chunk.toString());
  child.stderr?.on('data', collect);
  const url = await new Promise<string | null>((resolve) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /listening on (\S+)/.exec(buffered);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('close', () => resolve(null));
  });
  child.stderr?.off('data', collect);
  if (url === null) {
    if (port === 0) process.stderr.write(said);
    return null;
  }
  process.stderr.write(said);
  child.stderr?.pipe(process.stderr);
  return { url, process: child };
}
