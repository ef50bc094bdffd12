// The seeds `check` and `export` compare samples with: the file named on the command line, else
// the seed file the session's last run recorded (when it is still there). Without seeds the
// checks that need them (gold-match, length, duplicates of seeds) say n/a rather than guess.
import { existsSync } from 'node:fs';
import type { SessionState } from '../core/journal/state.ts';
import type { Seed } from '../core/seeds/types.ts';
import { loadSeeds } from './loadSeeds.ts';

export interface CheckSeeds {
  readonly seeds: readonly Seed[] | null;
  readonly file: string | null;
  /** Why there are none, for a person. */
  readonly note: string | null;
}

export async function seedsForChecks(command: string, state: SessionState, given: string | undefined, report: (text: string) => void): Promise<CheckSeeds> {
  if (given !== undefined) return { seeds: await loadSeeds(command, given, report), file: given, note: null };
  const runs = [...state.runs.values()];
  const recorded = runs[runs.length - 1]?.start.seedFile;
  if (!recorded) return { seeds: null, file: null, note: 'the session records no seed file; give --seeds FILE to check against the seeds' };
  if (!existsSync(recorded)) return { seeds: null, file: null, note: `the session's seed file ${recorded} is not there; give --seeds FILE to check against the seeds` };
  try {
    // Its diagnostics are `inspect`'s business; here only the valid seeds matter.
    return { seeds: await loadSeeds(command, recorded, () => undefined), file: recorded, note: null };
  } catch (error) {
    return { seeds: null, file: null, note: `the session's seed file ${recorded} could not be used (${error instanceof Error ? error.message : String(error)})` };
  }
}
