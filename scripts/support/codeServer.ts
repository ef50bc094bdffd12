// Starts the real VS Code server and workbench (code-server) on loopback with a profile of its
// own, and stops its whole process group (stopping only the server's PID orphans the extension
// host).
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { isolatedEnv, runtime } from './runtime.ts';

export interface CodeServerOptions {
  /** Folder for this instance's profile, extensions, logs and temp files. */
  readonly stateDir: string;
  /** Folder opened as the workspace. */
  readonly workspace: string;
  readonly port?: number;
  /** Needed for extension-host tests: without it the workbench ignores the test payload. */
  readonly smokeTestDriver?: boolean;
  readonly extensionsDir?: string;
  readonly userDataDir?: string;
  /** User settings written before start. */
  readonly settings?: Record<string, unknown>;
  readonly env?: Record<string, string>;
  /** Where the server's output goes; defaults to a log file in stateDir. */
  readonly logFile?: string;
}

export interface RunningCodeServer {
  readonly url: string;
  readonly port: number;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly logFile: string;
  stop(): Promise<void>;
}

export const defaultWorkbenchSettings: Record<string, unknown> = {
  'chat.disableAIFeatures': true,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'window.commandCenter': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const { node, codeServerEntry } = runtime();
  const port = options.port ?? (await freePort());
  const userDataDir = options.userDataDir ?? path.join(options.stateDir, 'user-data');
  const extensionsDir = options.extensionsDir ?? path.join(options.stateDir, 'extensions');
  const logFile = options.logFile ?? path.join(options.stateDir, 'code-server.log');
  await mkdir(path.join(userDataDir, 'User'), { recursive: true });
  await mkdir(extensionsDir, { recursive: true });
  await writeFile(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...defaultWorkbenchSettings, ...options.settings }, null, 2));

  const args = [
    codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    // Loopback only: with --auth none anyone who reaches the port has a shell.
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    options.workspace,
  ];
  const env = await isolatedEnv(options.stateDir, options.env);
  const log = createWriteStream(logFile);
  const child = spawn(node, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, logFile);
  } catch (error) {
    await stopGroup(child);
    throw error;
  }
  return { url, port, userDataDir, extensionsDir, logFile, stop: () => stopGroup(child) };
}

async function waitForHealth(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before it was ready; see ${logFile}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server did not answer ${url}/healthz within 60 s; see ${logFile}`);
}

/** SIGTERM to the whole group, then SIGKILL if anything is still there after a grace period. */
export async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    killGroup(child.pid, 'SIGKILL');
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child.pid, 'SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 3000).unref());
  await Promise.race([exited, timeout]);
  // Children of the server (extension host, file watcher) may outlive it; the group goes too.
  killGroup(child.pid, 'SIGKILL');
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Installs a VSIX into an extensions folder with code-server's own CLI. */
export async function installVsix(vsix: string, stateDir: string, extensionsDir: string, userDataDir: string): Promise<void> {
  const { node, codeServerEntry } = runtime();
  const env = await isolatedEnv(stateDir);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(node, [codeServerEntry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix, '--force'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`installing ${vsix} failed (exit ${code}):\n${output}`))));
  });
}

/** A fresh profile in `stateDir` with the VSIX installed, served by code-server on `workspace`. */
export async function startCodeServerWithVsix(vsix: string, options: Omit<CodeServerOptions, 'extensionsDir' | 'userDataDir'>): Promise<RunningCodeServer> {
  const extensionsDir = path.join(options.stateDir, 'extensions');
  const userDataDir = path.join(options.stateDir, 'user-data');
  await installVsix(vsix, options.stateDir, extensionsDir, userDataDir);
  return startCodeServer({ ...options, extensionsDir, userDataDir });
}
