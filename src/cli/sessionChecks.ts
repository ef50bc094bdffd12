// The automatic checks of a session as the CLI computes them, for every command that shows or
// acts on them (`check`, `samples`): one place decides the seeds' answer kind and its checks
// (SQL execution match included), so two commands never disagree about a sample. The samples
// come from a source read once per pass (streamed from the journal, or a session in memory).
import { CheckResultStore } from '../core/checks/checkResultStore.ts';
import type { ResultSpill } from '../core/checks/checkResultStore.ts';
import { SampleOrdinals } from '../core/checks/sampleOrdinals.ts';
import type { CheckReport } from '../core/checks/runChecks.ts';
import { checkStreamed } from '../core/checks/streamedChecks.ts';
import type { SampleSource } from '../core/checks/streamedChecks.ts';
import { ANSWER_KINDS, isAnswerKind, profileSeeds } from '../core/profile/index.ts';
import { UsageError } from './cliErrors.ts';
import type { CheckSeeds } from './exportSeeds.ts';
import { projectProfileSettings } from './projectProfileSettings.ts';
import { sqlExecutionSetup, withSqlExecution } from './sqlExecution.ts';

/** `askedKind`: --answer-kind when given; else answerKind in seedsmith.jsonc; else detected. */
/** `spill`: where the lists of samples' own results go instead of memory (FileResultSpill). */
/** `ordinals`: the session index's sample numbering, shared by the checks' own indexes (SessionIndex.ordinals). */
export async function sessionChecks(name: string, usage: string, samples: SampleSource, seeds: CheckSeeds, askedKind: string | undefined, spill: ResultSpill | null = null, ordinals = new SampleOrdinals()): Promise<CheckReport> {
  const store = () => new CheckResultStore(spill, ordinals);
  if (askedKind !== undefined && askedKind !== 'auto' && !isAnswerKind(askedKind)) throw new UsageError(`${name}: --answer-kind must be auto or one of ${ANSWER_KINDS.join(', ')}; got "${askedKind}".`, usage);
  if (seeds.seeds === null || seeds.file === null) return checkStreamed(samples, seeds.seeds, { ordinals }, store());
  const project = await projectProfileSettings(seeds.file);
  const kind = (askedKind as Parameters<typeof profileSeeds>[1] extends { kind?: infer K } ? K : never) ?? project?.settings.answerKind ?? 'auto';
  const profile = profileSeeds(seeds.seeds, { kind });
  const report = await checkStreamed(samples, seeds.seeds, { profile, ordinals }, store());
  if (profile.kind !== 'sql') return report;
  return withSqlExecution(report, samples, seeds.seeds, await sqlExecutionSetup(project));
}
