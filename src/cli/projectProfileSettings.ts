// The answer-profile settings of a seed file's project file (the first seedsmith.jsonc beside the
// seed file or above it): answerKind and the SQLite database for execution match. A file that
// cannot be read, or a value that cannot be used, is bad input with `file:line:col`.
import { readFile } from 'node:fs/promises';
import { readProfileSettings } from '../core/profile/index.ts';
import type { ProfileSettings } from '../core/profile/index.ts';
import { findProjectFile } from '../node/projectFile.ts';
import { InputError } from './cliErrors.ts';

export interface ProjectProfileSettings {
  /** The seedsmith.jsonc read; relative paths in it are relative to its folder. */
  readonly file: string;
  readonly settings: ProfileSettings;
}

export async function projectProfileSettings(seedFile: string): Promise<ProjectProfileSettings | undefined> {
  const file = findProjectFile(seedFile);
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`${file}: cannot read the project file (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  const settings = readProfileSettings(text);
  const [problem] = settings.errors;
  if (problem) throw new InputError(`${file}:${problem.line}:${problem.column}: ${problem.message}`);
  return { file, settings };
}
