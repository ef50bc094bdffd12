// `seedsmith check`: runs the automatic checks over a session and prints how many samples pass,
// fail, warn or are not applicable per check. With --auto-reject it also rejects the pending
// samples that fail the named checks, as decisions with source "auto" (undo with
// `seedsmith decide --reset ID`; a sample a person has decided on is never auto-rejected).
import type { SampleOrdinals } from '../core/checks/sampleOrdinals.ts';
import { autoRejections } from '../core/checks/autoReject.ts';
import type { AutoRejection } from '../core/checks/autoReject.ts';
import { CHECK_IDS, CHECK_STATUSES, isCheckId, KIND_CHECK_IDS } from '../core/checks/types.ts';
import type { CheckId, CheckStatus } from '../core/checks/types.ts';
import type { SessionState } from '../core/journal/state.ts';
import type { SampleSource } from '../core/checks/streamedChecks.ts';
import { StatsTally } from '../core/stats/sessionStats.ts';
import { withResultSpill } from '../node/resultSpill.ts';
import type { ResultSpill } from '../core/checks/checkResultStore.ts';
import { openSessionIndexToDecide, readSessionIndex, sessionSamples } from '../node/sessionStream.ts';
import type { DecidingSession } from '../node/sessionStream.ts';
import type { CliCommand, CliIo } from './cliTypes.ts';
import { EXIT_DONE } from './cliTypes.ts';
import { ANSWER_KIND_HELP } from './answerKindChoice.ts';
import { sessionChecks } from './sessionChecks.ts';
import { InputError, UsageError } from './cliErrors.ts';
import { seedsForChecks } from './exportSeeds.ts';
import { wastedJson, wastedLine } from './sessionViews.ts';
import type { CheckSeeds } from './exportSeeds.ts';
import { parseFlagsOnly } from './parseCommandArgs.ts';
import { existingSessionDir, sessionDirFor } from './sessionArgs.ts';
import { SessionInUseError } from '../node/sessionLock.ts';

const NAME = 'seedsmith check';
const USAGE = `usage: seedsmith check [--session DIR] [--seeds FILE] [--auto-reject CHECK,...] [--json]

Runs the automatic checks on every sample and counts pass / fail / warn / n/a per check:
  ${CHECK_IDS.join(', ')}
  --seeds FILE          the seeds to compare with (default: the session's seed file)
  --auto-reject LIST    reject pending samples that fail any of these checks (comma-separated);
                        recorded as decisions with source "auto", undone with decide --reset
  ${ANSWER_KIND_HELP}
                        (the checks of that kind run too: label, json, sql, code, text, numeric)
  --session DIR         the session folder (default: the only one under ./.seedsmith)
  --json                one JSON object on stdout
`;
const OPTIONS = {
  session: { type: 'string' },
  seeds: { type: 'string' },
  'auto-reject': { type: 'string' },
  'answer-kind': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const SHOWN_PROBLEMS = 20;

/** A sample's own results (answers compared, nearest text) wait in a file until they are written. */
function run(args: readonly string[], io: CliIo): Promise<number> {
  return withResultSpill((spill) => runWith(args, io, spill));
}

async function runWith(args: readonly string[], io: CliIo, spill: ResultSpill): Promise<number> {
  const values = parseFlagsOnly(NAME, args, OPTIONS, USAGE, io);
  if (!values) return EXIT_DONE;
  const policy = values['auto-reject'] !== undefined ? parsePolicy(values['auto-reject']) : null;
  const dir = existingSessionDir(NAME, sessionDirFor(NAME, { session: values.session }));

  let state: SessionState;
  let samples: SampleSource;
  let close = async () => {};
  let append: ((rejection: AutoRejection) => Promise<void>) | null = null;
  let everDecided: ((id: string) => boolean) | undefined;
  let ordinals: SampleOrdinals;
  if (policy) {
    // Deciding needs the session's lock, as `decide` does, and which samples anyone ever decided
    // on (those auto-reject leaves alone); the samples are streamed all the same.
    const session = await decidingSession(dir);
    const { index } = session;
    state = index.state;
    samples = (wanted) => sessionSamples(index, wanted);
    everDecided = (id) => index.decided.ordinalOf(id) !== undefined;
    ordinals = index.ordinals;
    close = () => session.close();
    append = (rejection) => session.decide(rejection.event);
  } else {
    // Only reading: the samples are streamed from the journal, never all held at once.
    const index = await readSessionIndex(dir);
    state = index.state;
    samples = (wanted) => sessionSamples(index, wanted);
    ordinals = index.ordinals;
  }

  let seeds: CheckSeeds;
  let rejected: AutoRejection[] = [];
  let report;
  try {
    seeds = await seedsForChecks(NAME, state, values.seeds, io.err);
    report = await sessionChecks(NAME, USAGE, samples, seeds, values['answer-kind'], spill, ordinals);
    if (policy && append) {
      rejected = autoRejections(state, report.results, { checks: policy }, new Date().toISOString(), everDecided);
      for (const rejection of rejected) await append(rejection);
    }
  } finally {
    await close();
  }

  // Counted from the results in memory; the problems are written as they are found, never
  // gathered into one list (a large session can have a problem per sample).
  const counts = Object.fromEntries(CHECK_IDS.map((id) => [id, { pass: 0, fail: 0, warn: 0, 'n/a': 0 }])) as Record<CheckId, Record<CheckStatus, number>>;
  for (const results of report.results.values()) for (const result of results) counts[result.check][result.status] += 1;
  const stats = new StatsTally(report.results);
  for await (const { sample, review } of samples()) stats.add(sample, review);
  const problems = function* () {
    for (const [id, results] of report.results) {
      const reviewState = state.reviews.get(id)?.state ?? 'pending';
      for (const result of results) {
        if (result.status === 'fail' || result.status === 'warn') yield { id, state: reviewState, check: result.check, status: result.status, detail: result.detail };
      }
    }
  };

  if (values.json) {
    // The text JSON.stringify of the whole object makes, with the problems written one at a time.
    const head = JSON.stringify({ session: dir, seeds: seeds.seeds ? { file: seeds.file, count: seeds.seeds.length } : null, note: seeds.note, samples: state.counts.total, checks: counts });
    io.out(`${head.slice(0, -1)},"problems":[`);
    let written = 0;
    for (const problem of problems()) {
      io.out(`${written > 0 ? ',' : ''}${JSON.stringify(problem)}`);
      written += 1;
      if (written % 256 === 0) await io.outDrained?.();
    }
    const tail = JSON.stringify({ autoRejected: rejected.map((r) => ({ id: r.sampleId, checks: r.checks, reason: r.event.reason })), stats: stats.finish(), wasted: wastedJson(state) });
    io.out(`],${tail.slice(1)}\n`);
    return EXIT_DONE;
  }

  io.out(`session ${dir}: ${state.counts.total} samples; ${seeds.seeds ? `seeds ${seeds.file} (${seeds.seeds.length})` : `no seeds (${seeds.note})`}\n`);
  const width = Math.max(...CHECK_IDS.map((id) => id.length));
  io.out(`  ${'check'.padEnd(width)}  ${CHECK_STATUSES.map((s) => s.padStart(6)).join('')}\n`);
  // The kind checks of other kinds never run: their rows would be all zeros.
  const ran = (id: CheckId) => !(KIND_CHECK_IDS as readonly CheckId[]).includes(id) || CHECK_STATUSES.some((s) => counts[id][s] > 0);
  for (const id of CHECK_IDS.filter(ran)) io.out(`  ${id.padEnd(width)}  ${CHECK_STATUSES.map((s) => String(counts[id][s]).padStart(6)).join('')}\n`);
  const wasted = wastedLine(state);
  if (wasted !== null) io.out(`spend without a sample: ${wasted}\n`);
  const shown: string[] = [];
  let failures = 0;
  for (const p of problems()) {
    if (p.status !== 'fail' || p.state === 'rejected') continue;
    failures += 1;
    if (shown.length < SHOWN_PROBLEMS) shown.push(`  ${p.id}  ${p.state}  ${p.check}: ${p.detail}\n`);
  }
  if (failures > 0) {
    io.out(`failures in samples not rejected (${failures}):\n`);
    for (const line of shown) io.out(line);
    if (failures > SHOWN_PROBLEMS) io.out(`  …and ${failures - SHOWN_PROBLEMS} more (--json lists them all)\n`);
  }
  if (policy) {
    io.out(`auto-rejected ${rejected.length} pending sample${rejected.length === 1 ? '' : 's'} failing ${policy.join(', ')}${rejected.length > 0 ? ' (undo with seedsmith decide --reset ID)' : ''}\n`);
  }
  return EXIT_DONE;
}

/** The lock says which command holds the session, for whoever finds it busy (as openSessionFor does). */
async function decidingSession(dir: string): Promise<DecidingSession> {
  try {
    return await openSessionIndexToDecide(dir, { kind: 'cli', command: NAME });
  } catch (error) {
    if (error instanceof SessionInUseError) throw new InputError(`${NAME}: ${error.message}`);
    throw error;
  }
}

function parsePolicy(list: string): CheckId[] {
  const names = list.split(',').map((name) => name.trim()).filter((name) => name !== '');
  if (names.length === 0) throw new UsageError(`${NAME}: --auto-reject needs at least one check: ${CHECK_IDS.join(', ')}.`, USAGE);
  const unknown = names.filter((name) => !isCheckId(name));
  if (unknown.length > 0) throw new UsageError(`${NAME}: unknown check${unknown.length === 1 ? '' : 's'} ${unknown.map((n) => `"${n}"`).join(', ')}; the checks are ${CHECK_IDS.join(', ')}.`, USAGE);
  return [...new Set(names)] as CheckId[];
}

export const checkCommand: CliCommand = { name: 'check', summary: 'run the automatic checks on a session (and optionally auto-reject)', usage: USAGE, run };
