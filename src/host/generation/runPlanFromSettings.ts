// What a run from the editor plans from, read from the settings in one place for both ways of
// running it (request by request, or as a provider batch), so the two always plan the same run.
import type { RoleLimits } from '../../core/budget/limit.ts';
import type { RunPlanConfig } from '../../core/planner/runPlanConfig.ts';
import type { AnswerProfile } from '../../core/profile/types.ts';
import type { PromptSet } from '../../core/prompts/template.ts';
import type { Seed } from '../../core/seeds/types.ts';
import type { Settings } from '../settings.ts';

export function runPlanFromSettings(settings: Settings, seedFile: { readonly fsPath: string; readonly seeds: readonly Seed[] }, endpoint: string, prompts: PromptSet | undefined, profile: AnswerProfile | undefined): RunPlanConfig {
  return {
    seedFile: seedFile.fsPath,
    seeds: seedFile.seeds,
    strategy: settings.strategy,
    weakAugmenter: settings.weakAugmenter,
    limits: settingLimits(settings),
    teacher: { model: settings.teacherModel, endpoint },
    augmenter: { model: settings.augmenterModel, endpoint },
    questionsPerCall: settings.questionsPerCall,
    ...(prompts !== undefined ? { prompts } : {}),
    ...(profile !== undefined ? { profile } : {}),
    ...(settings.samplesPerSeed !== undefined ? { samplesPerSeed: settings.samplesPerSeed } : {}),
  };
}

/** The limits the settings ask for (a session's own may be higher: see core/budget/limit.ts). */
export function settingLimits(settings: Settings): RoleLimits {
  return { teacher: settings.teacherLimit, augmenter: settings.augmenterLimit };
}
