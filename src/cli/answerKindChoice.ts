// The answer kind a command uses: --answer-kind, else `answerKind` in the seed file's
// seedsmith.jsonc, else auto (detected from the seeds).
import { ANSWER_KINDS, isAnswerKind } from '../core/profile/index.ts';
import type { AnswerKind } from '../core/profile/index.ts';
import { UsageError } from './cliErrors.ts';
import { projectProfileSettings } from './projectProfileSettings.ts';

export const ANSWER_KIND_HELP = `--answer-kind KIND     ${['auto', ...ANSWER_KINDS].join('|')}: the seeds' kind of answer (default: "answerKind" in seedsmith.jsonc, else auto)`;

export async function answerKindChoice(command: string, seedFile: string, flag: string | undefined, usage: string): Promise<AnswerKind | 'auto'> {
  if (flag !== undefined) {
    if (flag === 'auto' || isAnswerKind(flag)) return flag;
    throw new UsageError(`${command}: --answer-kind must be auto or one of ${ANSWER_KINDS.join(', ')}; got "${flag}".`, usage);
  }
  return (await projectProfileSettings(seedFile))?.settings.answerKind ?? 'auto';
}
