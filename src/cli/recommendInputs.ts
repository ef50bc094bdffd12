// The files `seedsmith recommend` reads besides the seeds: the user's price list and the
// session (if any) whose results feed back into the advice.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parsePricing } from '../core/advisor/parsePricing.ts';
import type { Pricing } from '../core/advisor/pricing.ts';
import { JOURNAL_FILE, readSession } from '../node/sessionFolder.ts';
import type { SessionSnapshot } from '../node/sessionFolder.ts';
import { InputError } from './cliErrors.ts';
import { existingSessionDir, sessionDirFor } from './sessionArgs.ts';

const MAX_PROBLEMS_SHOWN = 10;

/** Prices per model from a JSON(C) file; every problem as `file:line:col: message`, and no prices at all then. */
export async function readPricingFile(command: string, file: string): Promise<Pricing> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder, not a file' : error instanceof Error ? error.message : String(error);
    throw new InputError(`${command}: cannot read the pricing file "${file}": ${why}.`);
  }
  const result = parsePricing(text.replace(/^\uFEFF/, ''));
  if (result.ok) return result.pricing;
  const lines = result.problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => `${file}:${p.line}:${p.column}: ${p.message}`);
  const more = result.problems.length > MAX_PROBLEMS_SHOWN ? `\n…and ${result.problems.length - MAX_PROBLEMS_SHOWN} more problems` : '';
  throw new InputError(`${command}: the pricing file cannot be used (no price was read from it):\n${lines.join('\n')}${more}`);
}

/**
 * The session to report on: the one named by --session (which must exist), else the seed file's
 * own session when it has been started; null when there is none yet.
 */
export async function findSession(command: string, seedFile: string, session: string | undefined): Promise<SessionSnapshot | null> {
  if (session !== undefined) return readSession(existingSessionDir(command, sessionDirFor(command, { session })));
  const dir = sessionDirFor(command, { seedFile });
  return existsSync(path.join(dir, JOURNAL_FILE)) ? readSession(dir) : null;
}
