// Runs `seedsmith` from source as a real process (the way scripts and CI use it) and reads what
// it leaves on disk, for the generation engine's end-to-end tests. The journal is read here with
// plain JSON.parse, line by line, not with the product's reader: the tests compare the product's
// views against this independent reading.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli/runCli.ts';
import type { JournalEvent } from '../../src/core/journal/events.ts';
import { PROVIDER_KINDS, PROVIDER_PRESETS } from '../../src/core/providers/index.ts';
import { patience } from '../../scripts/support/patience.ts';

export const CLI_MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  /** Merged over the parent's environment; undefined removes a variable. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  /** The child is killed (and the promise rejects) after this long (default 2 min: a generous guard, a loaded machine is slow): a hung CLI fails the test instead of the tier. */
  readonly timeoutMs?: number;
}

function childEnv(extra: CliOptions['env'] = {}): NodeJS.ProcessEnv {
  // The parent's OPENAI_* must never leak into a test's child (a real key, a real endpoint).
  const env: NodeJS.ProcessEnv = { ...process.env, SEEDSMITH_DEBUG: '', OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined };
  // Nor any provider's key: a test names exactly the keys it means to give.
  for (const name of PROVIDER_KINDS.flatMap((kind) => PROVIDER_PRESETS[kind].keyEnv)) env[name] = undefined;
  for (const [key, value] of Object.entries(extra)) env[key] = value;
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env;
}

/** Starts `seedsmith ...args`; the caller owns the process (the crash test kills it). */
export function startSeedsmith(args: readonly string[], options: CliOptions = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [CLI_MAIN, ...args], { env: childEnv(options.env), cwd: options.cwd ?? process.cwd() });
}

/** Collects a started process's output until it exits (a hung one is killed after `timeoutMs`, scaled to the load). */
export function finished(child: ChildProcessWithoutNullStreams, timeoutMs = 60_000): Promise<CliRun> {
  const limitMs = patience(timeoutMs);
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`seedsmith ${child.spawnargs.slice(2).join(' ')} did not finish within ${limitMs} ms; stderr so far: ${stderr}`));
    }, limitMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export function seedsmith(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  return finished(startSeedsmith(args, options), options.timeoutMs);
}

/** Runs a command that must print one JSON object and exit 0; returns the object. */
export async function seedsmithJson<T = Record<string, unknown>>(args: readonly string[], options: CliOptions = {}): Promise<T> {
  const run = await seedsmith([...args, '--json'], options);
  if (run.code !== 0) throw new Error(`seedsmith ${args.join(' ')} exited ${run.code}: ${run.stderr}${run.stdout}`);
  const lines = run.stdout.trimEnd().split('\n');
  if (lines.length !== 1) throw new Error(`seedsmith ${args.join(' ')} --json printed ${lines.length} lines: ${run.stdout}`);
  return JSON.parse(run.stdout) as T;
}

/**
 * `seedsmith ...args` in this process, through the same runCli as the executable: for the quick
 * commands (status, samples, decide) a test runs many times, where a process start would
 * dominate the test's time. `generate` is always run as a real process.
 */
export async function seedsmithHere(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { out: (text) => void (stdout += text), err: (text) => void (stderr += text), env });
  return { code, signal: null, stdout, stderr };
}

/** seedsmithHere for a command that must print one JSON object and exit 0. */
export async function seedsmithHereJson<T = Record<string, unknown>>(args: readonly string[]): Promise<T> {
  const run = await seedsmithHere([...args, '--json']);
  if (run.code !== 0) throw new Error(`seedsmith ${args.join(' ')} exited ${run.code}: ${run.stderr}${run.stdout}`);
  return JSON.parse(run.stdout) as T;
}

export interface JournalRead {
  /** Every complete line, parsed. */
  readonly events: JournalEvent[];
  /** The raw text of each complete line (for event-by-event comparison). */
  readonly lines: string[];
  /** A last line without its newline (a write the kill cut short), or null. */
  readonly tail: string | null;
}

export function journalPath(sessionDir: string): string {
  return join(sessionDir, 'journal.jsonl');
}

export async function readJournalLines(sessionDir: string): Promise<JournalRead> {
  let text: string;
  try {
    text = await readFile(journalPath(sessionDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { events: [], lines: [], tail: null };
    throw error;
  }
  const parts = text.split('\n');
  const last = parts.pop() ?? '';
  const lines = parts.filter((line) => line !== '');
  return { events: lines.map((line) => JSON.parse(line) as JournalEvent), lines, tail: last === '' ? null : last };
}

/**
 * A loopback TCP port that refuses connections, for "the endpoint cannot be reached". It lies
 * just below the kernel's ephemeral range, where no port-0 bind (every server in this suite binds
 * port 0) can land, so no parallel test can start listening on it; it is checked to refuse now.
 * (A port bound and closed again is free for the next port-0 bind, possibly a parallel test's.)
 * Well-known low ports would do too, but fetch refuses many of them before connecting.
 */
export async function closedPort(): Promise<number> {
  const lowest = await ephemeralLow();
  for (let port = lowest - 1; port > lowest - 200; port--) if (await refuses(port)) return port;
  throw new Error(`no refusing port below ${lowest} on 127.0.0.1 for the test`);
}

/** The first port the kernel hands out for port-0 binds (Linux; 32768 elsewhere). */
async function ephemeralLow(): Promise<number> {
  const range = await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').catch(() => '32768');
  const low = Number(range.trim().split(/\s+/)[0]);
  return Number.isInteger(low) && low > 1024 ? low : 32768;
}

function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

/**
 * Polls until `check` holds (async checks allowed); fails instead of hanging. `ms` is what an idle
 * machine needs; the bound grows with the machine's load (patience.ts).
 */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, ms = 15_000, everyMs = 10): Promise<void> {
  const limitMs = patience(ms);
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${limitMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
