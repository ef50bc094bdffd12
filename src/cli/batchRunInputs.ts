// What a batch run's requests are rebuilt from when a later command settles it (`batch import`):
// the seeds, prompt overrides and answer kind its run-start names, read again from disk. The
// same inputs give the same requests, which is how settled answers are found in the cache.
import { existsSync } from 'node:fs';
import type { BatchRunContext } from '../core/batch/batchPlan.ts';
import { batchRunContext } from '../core/batch/batchPlan.ts';
import type { RunStartEvent } from '../core/journal/events.ts';
import type { SessionState } from '../core/journal/state.ts';
import type { AnswerProfile } from '../core/profile/index.ts';
import { profileSeeds } from '../core/profile/index.ts';
import type { PromptSet } from '../core/prompts/template.ts';
import type { Seed } from '../core/seeds/types.ts';
import { findProjectFile, readProjectPrompts } from '../node/projectFile.ts';
import { answerKindChoice } from './answerKindChoice.ts';
import { InputError } from './cliErrors.ts';
import { loadSeeds } from './loadSeeds.ts';

export interface RunInputs {
  readonly seeds: readonly Seed[];
  readonly prompts: PromptSet;
  readonly profile: AnswerProfile;
}

/** The prompts a run uses: the named file, else the first seedsmith.jsonc beside the seeds or above. A broken file is bad input. */
export async function promptsFor(command: string, seedFile: string, given: string | null | undefined): Promise<PromptSet> {
  if (given != null && !existsSync(given)) throw new InputError(`${command}: --prompts: no such file "${given}".`);
  const loaded = await readProjectPrompts(given ?? findProjectFile(seedFile));
  if (loaded.errors.length > 0) {
    const where = loaded.file ?? 'seedsmith.jsonc';
    throw new InputError(`${command}: the prompt overrides in ${where} cannot be used:\n${loaded.errors.map((e) => `${where}:${e.line}:${e.column}: ${e.message}`).join('\n')}`);
  }
  return loaded.prompts;
}

export async function runInputs(command: string, seedFile: string, answerKindFlag: string | undefined, promptsFile: string | null | undefined, usage: string, report: (text: string) => void): Promise<RunInputs> {
  const kind = await answerKindChoice(command, seedFile, answerKindFlag, usage);
  const seeds = await loadSeeds(command, seedFile, report);
  return { seeds, prompts: await promptsFor(command, seedFile, promptsFile), profile: profileSeeds(seeds, { kind }) };
}

/**
 * The inputs a run-start names (its seed file, answer kind and prompts file), read again from
 * disk: a batch run continued or settled later must rebuild the very requests it sent, whatever
 * the flags of the command that continues it say.
 */
export async function inputsOfRun(command: string, start: RunStartEvent, usage: string, report: (text: string) => void): Promise<RunInputs> {
  if (!existsSync(start.seedFile)) throw new InputError(`${command}: the run's seed file ${start.seedFile} is gone; its answers are settled, but samples need the seeds.`);
  const text = (key: string) => (typeof start.options[key] === 'string' ? (start.options[key] as string) : undefined);
  return runInputs(command, start.seedFile, text('answerKind'), text('promptsFile') ?? null, usage, report);
}

/** A run's context from its run-start, reading its seed file once per run. */
export function contextsFromDisk(command: string, state: SessionState, usage: string, report: (text: string) => void): (runId: string) => Promise<BatchRunContext | undefined> {
  const cache = new Map<string, Promise<BatchRunContext | undefined>>();
  return (runId) => {
    let found = cache.get(runId);
    if (found) return found;
    found = (async () => {
      const start = state.runs.get(runId)?.start;
      if (!start) return undefined;
      const inputs = await inputsOfRun(command, start, usage, report);
      return batchRunContext(start, state, inputs.seeds, inputs.prompts, inputs.profile);
    })();
    cache.set(runId, found);
    return found;
  };
}
