// The answer kind a command uses: --answer-kind, else `answerKind` in the seed file's
// seedsmith.jsonc, else auto (detected from the seeds).
import { readFile } from 'node:fs/promises';
import { ANSWER_KINDS, isAnswerKind, readProfileSettings } from '../core/profile/index.ts';
import type { AnswerKind } from '../core/profile/index.ts';
import { findProjectFile } from '../node/projectFile.ts';
import { InputError, UsageError } from './cliErrors.ts';

export const ANSWER_KIND_HELP = `--answer-kind KIND     ${['auto', ...ANSWER_KINDS].join('|')}: the seeds' kind of answer (default: "answerKind" in seedsmith.jsonc, else auto)`;

export async function answerKindChoice(command: string, seedFile: string, flag: string | undefined, usage: string): Promise<AnswerKind | 'auto'> {
  if (flag !== undefined) {
    if (flag === 'auto' || isAnswerKind(flag)) return flag;
    throw new UsageError(`${command}: --answer-kind must be auto or one of ${ANSWER_KINDS.join(', ')}; got "${flag}".`, usage);
  }
  const projectFile = findProjectFile(seedFile);
  if (projectFile === undefined) return 'auto';
  let text: string;
  try {
    text = await readFile(projectFile, 'utf8');
  } catch (error) {
    throw new InputError(`${projectFile}: cannot read the project file (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  const settings = readProfileSettings(text);
  const [problem] = settings.errors;
  if (problem) throw new InputError(`${projectFile}:${problem.line}:${problem.column}: ${problem.message}`);
  return settings.answerKind;
}
