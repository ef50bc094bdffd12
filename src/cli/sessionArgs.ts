// Which session a command works on: --session DIR, else the session beside the seed file, else
// the only session under ./.seedsmith (several → the person must say which).
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { JOURNAL_FILE, SESSIONS_FOLDER, defaultSessionDir, openSession, type OpenSession, type OpenSessionOptions } from '../node/sessionFolder.ts';
import { SessionInUseError } from '../node/sessionLock.ts';
import { InputError } from './cliErrors.ts';

export function sessionDirFor(command: string, options: { readonly session?: string | undefined; readonly seedFile?: string | undefined }, cwd: string = process.cwd()): string {
  if (options.session) return path.resolve(cwd, options.session);
  if (options.seedFile) return defaultSessionDir(path.resolve(cwd, options.seedFile));
  const root = path.join(cwd, SESSIONS_FOLDER);
  const found = existsSync(root)
    ? readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory() && existsSync(path.join(root, entry.name, JOURNAL_FILE))).map((entry) => path.join(root, entry.name))
    : [];
  if (found.length === 1 && found[0]) return found[0];
  if (found.length === 0) throw new InputError(`${command}: no session here: run \`seedsmith generate <seeds.jsonl> --budget N\` first, or name one with --session DIR.`);
  throw new InputError(`${command}: ${found.length} sessions in ${root}; choose one with --session (${found.map((dir) => path.relative(cwd, dir)).join(', ')}).`);
}

/** Session folders must exist for commands that only read or decide. */
export function existingSessionDir(command: string, dir: string): string {
  if (!existsSync(path.join(dir, JOURNAL_FILE))) throw new InputError(`${command}: no session journal in "${dir}" (${JOURNAL_FILE} is missing).`);
  return dir;
}

/** Opens a session to write; another process writing it is bad input, said in one sentence. */
export async function openSessionFor(command: string, dir: string, options: OpenSessionOptions = {}): Promise<OpenSession> {
  try {
    // The lock says which command holds the session, for whoever finds it busy.
    return await openSession(dir, { ...options, lock: { kind: 'cli', command, ...options.lock } });
  } catch (error) {
    if (error instanceof SessionInUseError) throw new InputError(`${command}: ${error.message}`);
    throw error;
  }
}
