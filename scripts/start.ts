// `npm start`: package the VSIX, install it into a fresh VS Code profile, start the local test
// teacher and code-server on http://127.0.0.1:8080 with a sample workspace, and stop everything
// cleanly on Ctrl-C. Runs under the project's Node 24 (scripts/start.sh).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { installVsix, startCodeServer, stopGroup } from '../test/support/codeServer.ts';
import { repoRoot, scratchDir } from '../test/support/runtime.ts';
import { writeSampleWorkspace } from '../test/support/sampleWorkspace.ts';

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
const extensionsDir = path.join(stateDir, 'extensions');
const userDataDir = path.join(stateDir, 'user-data');
console.log('Installing the VSIX into a fresh profile…');
await installVsix(path.resolve(vsix), stateDir, extensionsDir, userDataDir);

const teacher = await startTeacher();
let server;
try {
  server = await startCodeServer({ stateDir, workspace, extensionsDir, userDataDir, port });
} catch (error) {
  await stopGroup(teacher.process);
  console.error(error instanceof Error ? error.message : String(error));
  console.error(`Is something else listening on port ${port}? Set SEEDSMITH_PORT to use another.`);
  process.exit(1);
}

console.log(`
SeedSmith is running in VS Code: ${server.url}/?folder=${encodeURIComponent(workspace)}

  workspace     ${workspace}${written.length > 0 ? `  (wrote ${written.join(', ')})` : ''}
  test teacher  ${teacher.url}  (an OpenAI-compatible endpoint on this machine)
  logs          ${server.logFile}

Open the SeedSmith icon in the activity bar and select a seed file. Press Ctrl-C to stop.`);

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
  // The teacher learns the sample seeds' gold answers, so its answers to them (and to their
  // rephrasings) come out right, as a capable model's would.
  const learn = path.join(workspace, 'math-seeds.jsonl');
  const child = spawn(process.execPath, [path.join(repoRoot, 'test', 'teacher', 'serve.ts'), '--port', '0', '--latency', '300', ...(existsSync(learn) ? ['--learn', learn] : [])], { detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /listening on (\S+)/.exec(buffered);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`the test teacher exited with ${code}`)));
  });
  return { url, process: child };
}
