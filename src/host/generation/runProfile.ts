// The answer profile a run asks the teacher for: the kind the project file's "answerKind" names,
// else the setting `seedsmith.seeds.answerKind`, else detected from the seeds
// (hostLogic/answerKindChoice.ts, the order the sidebar shows and the card's checks use).
import { profileSeeds } from '../../core/profile/index.ts';
import type { AnswerProfile } from '../../core/profile/index.ts';
import type { Seed } from '../../core/seeds/types.ts';
import { chooseAnswerKind } from '../../hostLogic/answerKindChoice.ts';
import { readAnswerSettings } from '../profile/answerKindInputs.ts';

export async function runProfile(seeds: readonly Seed[], projectFile: string | undefined): Promise<AnswerProfile> {
  return profileSeeds(seeds, { kind: chooseAnswerKind(await readAnswerSettings(projectFile)).kind });
}
