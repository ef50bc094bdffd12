// What the editor sends the checks worker and what it answers: plain data, copied between the
// extension host's thread and the worker's. A generation starts with `reset` (new seeds, another
// session, samples gone) and then only ever sends samples the worker has not seen.
import type { SampleEntry } from '../../core/checks/incrementalChecks.ts';
import type { CheckResult } from '../../core/checks/types.ts';
import type { Seed } from '../../core/seeds/types.ts';

export type ChecksJob =
  | { readonly kind: 'reset'; readonly generation: number; readonly seeds: readonly Seed[] | null }
  /** A batch may come in several parts; the worker checks it when the part marked `last` arrives. */
  | { readonly kind: 'samples'; readonly generation: number; readonly entries: readonly SampleEntry[]; readonly last: boolean };

export type ChecksReply =
  /** A batch's results may come in several parts; the part marked `last` ends the batch. */
  | { readonly generation: number; readonly results: ReadonlyArray<readonly [string, readonly CheckResult[]]>; readonly last: boolean }
  | { readonly generation: number; readonly error: string };
