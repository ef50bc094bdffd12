// The answer profile a run asks the teacher for: the kind from the setting
// `seedsmith.seeds.answerKind` when it names one, else `answerKind` in the project file, else
// detected from the seeds (the CLI's --answer-kind / seedsmith.jsonc order, with the setting in
// place of the flag). A project file that cannot be read or has a bad value leaves it detected.
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { isAnswerKind, profileSeeds, readProfileSettings } from '../../core/profile/index.ts';
import type { AnswerKind, AnswerProfile } from '../../core/profile/index.ts';
import type { Seed } from '../../core/seeds/types.ts';

export async function runProfile(seeds: readonly Seed[], projectFile: string | undefined): Promise<AnswerProfile> {
  return profileSeeds(seeds, { kind: await chosenKind(projectFile) });
}

async function chosenKind(projectFile: string | undefined): Promise<AnswerKind | 'auto'> {
  const setting = vscode.workspace.getConfiguration('seedsmith').get<string>('seeds.answerKind');
  if (isAnswerKind(setting)) return setting;
  if (projectFile === undefined) return 'auto';
  try {
    const settings = readProfileSettings(await readFile(projectFile, 'utf8'));
    return settings.errors.length === 0 ? settings.answerKind : 'auto';
  } catch {
    return 'auto';
  }
}
