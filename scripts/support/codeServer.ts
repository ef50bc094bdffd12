// Starts the real VS Code server and workbench (code-server) on loopback with a profile of its
// own, and stops its whole process group (stopping only the server's PID orphans the extension
// host).
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { patience } from './patience.ts';
import { isolatedEnv, runtime } from './runtime.ts';

export interface CodeServerOptions {
  /** Folder for this instance's profile, extensions, logs and temp files. */
  readonly stateDir: string;
  /** Folder opened as the workspace. */
  readonly workspace: string;
  /**
   * A port a person asked for (`npm start`); tests leave it out and code-server binds port 0
   * itself, so no other process can take the port between choosing and binding it.
   */
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

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const { node, codeServerEntry } = runtime();
  const userDataDir = options.userDataDir ?? path.join(options.stateDir, 'user-data');
  const extensionsDir = options.extensionsDir ?? path.join(options.stateDir, 'extensions');
  const logFile = options.logFile ?? path.join(options.stateDir, 'code-server.log');
  await mkdir(path.join(userDataDir, 'User'), { recursive: true });
  await mkdir(extensionsDir, { recursive: true });
  await writeFile(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...defaultWorkbenchSettings, ...options.settings }, null, 2));

  const args = [
    codeServerEntry,
    '--bind-addr', `127.0.0.1:${options.port ?? 0}`,
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
  let url: string;
  try {
    url = await listeningUrl(child, logFile);
    // The URL came from this child's own output after it bound the port, so the port is this
    // instance's for as long as it runs: the health check cannot reach another test's server.
    const health = await fetch(`${url}/healthz`);
    if (!health.ok) throw new Error(`code-server at ${url} answered /healthz with ${health.status}; see ${logFile}`);
  } catch (error) {
    await stopGroup(child);
    throw error;
  }
  const port = Number(new URL(url).port);
  return { url, port, userDataDir, extensionsDir, logFile, stop: () => stopGroup(child) };
}

/**
 * Resolves with the address code-server reports once it listens and its routes are registered
 * ("HTTP server listening on http://127.0.0.1:41234/"); rejects if it exits first.
 */
function listeningUrl(child: ChildProcess, logFile: string): Promise<string> {
  const limitMs = patience(90_000);
  return new Promise((resolve, reject) => {
    let seen = '';
    // Only a bound on a server that never says it listens; a started one says so within seconds.
    const timer = setTimeout(() => done(new Error(`code-server did not report listening within ${Math.round(limitMs / 1000)} s; see ${logFile}`)), limitMs);
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-4096);
      const match = /HTTP server listening on (http:\/\/[^\s/]+)/.exec(seen);
      if (match?.[1]) done(null, match[1]);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => done(new Error(`code-server exited (${signal ?? code}) before it listened; see ${logFile}`));
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
    function done(error: Error | null, url?: string): void {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(url ?? '');
    }
  });
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
