// The automatic checks of a session as the CLI computes them, for every command that shows or
// acts on them (`check`, `samples`): one place decides the seeds' answer kind and its checks, so
// two commands never disagree about a sample.
import { runChecks } from '../core/checks/runChecks.ts';
import type { CheckReport } from '../core/checks/runChecks.ts';
import type { SessionState } from '../core/journal/state.ts';
import { ANSWER_KINDS, isAnswerKind, profileSeeds } from '../core/profile/index.ts';
import { answerKindChoice } from './answerKindChoice.ts';
import { UsageError } from './cliErrors.ts';
import type { CheckSeeds } from './exportSeeds.ts';

/** `askedKind`: --answer-kind when given; else answerKind in seedsmith.jsonc; else detected. */
export async function sessionChecks(name: string, usage: string, state: SessionState, seeds: CheckSeeds, askedKind: string | undefined): Promise<CheckReport> {
  const kind = seeds.file === null ? (askedKind ?? 'auto') : await answerKindChoice(name, seeds.file, askedKind, usage);
  if (kind !== 'auto' && !isAnswerKind(kind)) throw new UsageError(`${name}: --answer-kind must be auto or one of ${ANSWER_KINDS.join(', ')}; got "${kind}".`, usage);
  return runChecks(state, seeds.seeds, seeds.seeds ? { profile: profileSeeds(seeds.seeds, { kind }) } : {});
}
