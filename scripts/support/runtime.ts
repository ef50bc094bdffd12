// Where the project's runtime lives (installed by scripts/setup-runtime.sh) and a scratch-folder
// helper that keeps every process's files out of $HOME and /tmp.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

export interface Runtime {
  readonly node: string;
  readonly codeServerEntry: string;
  readonly chromium: string;
}

export function runtime(): Runtime {
  const node = process.env['SEEDSMITH_NODE_BIN'] ? path.join(process.env['SEEDSMITH_NODE_BIN'], 'node') : process.execPath;
  const codeServerEntry = process.env['SEEDSMITH_CODE_SERVER'] ?? '';
  const chromium = process.env['SEEDSMITH_CHROMIUM'] ?? '/usr/bin/chromium';
  const missing = [
    [codeServerEntry, 'code-server'],
    [chromium, 'chromium'],
  ].filter(([file]) => !file || !existsSync(file));
  if (missing.length > 0) {
    throw new Error(`The test runtime is not installed (${missing.map(([, name]) => name).join(', ')}): run \`npm run runtime\`, or run through \`npm test\`, which does.`);
  }
  return { node, codeServerEntry, chromium };
}

/**
 * A fresh scratch folder under a short root: Unix socket paths (code-server's IPC, Chromium's)
 * must stay under 107 characters, so deep temp paths break them.
 */
export async function scratchDir(prefix: string): Promise<string> {
  const root = process.env['SEEDSMITH_SCRATCH'] ?? path.join(existsSync('/tmp') ? '/tmp' : tmpdir(), 'ss');
  await mkdir(root, { recursive: true });
  return mkdtemp(path.join(root, `${prefix}-`));
}

/** Environment that sends XDG config/data/cache and temp files into `dir` instead of $HOME. */
export async function isolatedEnv(dir: string, extra: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
  const xdg = { XDG_CONFIG_HOME: path.join(dir, 'xdg-config'), XDG_DATA_HOME: path.join(dir, 'xdg-data'), XDG_CACHE_HOME: path.join(dir, 'xdg-cache'), TMPDIR: path.join(dir, 't') };
  await Promise.all(Object.values(xdg).map((folder) => mkdir(folder, { recursive: true })));
  // npm_* variables from an outer `npm run` confuse nested tools; nothing here needs them.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
  return { ...inherited, ...xdg, HOME: process.env['HOME'] ?? homedir(), ...extra };
}
