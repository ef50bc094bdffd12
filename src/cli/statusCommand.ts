// `seedsmith status`: spend, samples and runs of a session, read without taking its lock (a run
// may be going on in another process). The journal is reduced to counts, spend and runs: no
// sample text is kept, so memory does not grow with what the samples say.
import { readSessionIndex, sessionSamples } from '../node/sessionStream.ts';
import { describeHolder } from '../node/sessionLock.ts';
import type { CliCommand, CliIo } from './cliTypes.ts';
import { EXIT_DONE } from './cliTypes.ts';
import { parseFlagsOnly } from './parseCommandArgs.ts';
import { existingSessionDir, sessionDirFor } from './sessionArgs.ts';
import { statusJson, wastedLine } from './sessionViews.ts';
import { TeacherTally, teacherQueriesLeft } from '../core/advisor/teacherFeedback.ts';
import { batchStatusJson, batchStatusLines } from './batchStatus.ts';

const NAME = 'seedsmith status';
const USAGE = `usage: seedsmith status [--session DIR] [--json]

Shows a session's spend against its limits, its samples by review state and flag, and its runs.
  --session DIR   the session folder (default: the only one under ./.seedsmith)
  --json          one JSON object on stdout
`;
const OPTIONS = { session: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseFlagsOnly(NAME, args, OPTIONS, USAGE, io);
  if (!values) return EXIT_DONE;
  const dir = existingSessionDir(NAME, sessionDirFor(NAME, { session: values.session }));
  const snapshot = await readSessionIndex(dir);
  const holder = snapshot.holder?.live ? snapshot.holder : null;
  // The index holds no samples: the per-teacher figures come from a streamed pass over them.
  const tally = new TeacherTally();
  for await (const { sample, review } of sessionSamples(snapshot)) tally.add(sample, review?.state ?? 'pending');
  const view = { ...statusJson(snapshot.state, dir, holder !== null, tally.finish(teacherQueriesLeft(snapshot.state))), batches: batchStatusJson(snapshot.state), holder: holder && { pid: holder.info.pid, hostname: holder.info.hostname, kind: holder.info.kind, command: holder.info.command, commandLine: holder.commandLine } };
  if (values.json) {
    io.out(`${JSON.stringify(view)}\n`);
    return EXIT_DONE;
  }
  const { teacher, augmenter, samples, flags, runs } = view;
  const flagText = Object.entries(flags).map(([flag, n]) => `${n} ${flag}`).join(', ');
  io.out(`session ${dir}${holder ? `  (in use by ${describeHolder(holder.info, holder.commandLine)})` : ''}
  teacher    ${teacher.spent}/${teacher.limit} queries spent (${teacher.completed} completed, ${teacher.uncertain} uncertain, ${teacher.retries} retries)
  augmenter  ${augmenter.spent}/${augmenter.limit} calls spent (${augmenter.completed} completed, ${augmenter.uncertain} uncertain, ${augmenter.retries} retries)
  samples    ${samples.total} in all: ${samples.pending} pending, ${samples.accepted} accepted, ${samples.rejected} rejected; ${samples.flagged} flagged${flagText ? ` (${flagText})` : ''}
`);
  const wasted = wastedLine(snapshot.state);
  if (wasted !== null) io.out(`  wasted     ${wasted}\n`);
  for (const line of batchStatusLines(view.batches)) io.out(`${line}\n`);
  if (view.teachers.length > 1) {
    for (const t of view.teachers) {
      const rate = t.acceptanceRate === null ? 'no decisions yet' : `${Math.round(t.acceptanceRate * 100)}% accepted (${t.accepted} of ${t.accepted + t.rejected} decided)`;
      const cost = t.queriesPerAccepted === null ? '' : `, ${t.queriesPerAccepted.toFixed(2)} queries per accepted sample`;
      io.out(`  teacher    ${t.model}: ${t.samples} samples, ${t.teacherQueries} queries, ${rate}${cost}\n`);
    }
    if (view.teacherHint !== null) io.out(`  hint       ${view.teacherHint}\n`);
  }
  for (const run of runs) {
    const lost = run.wasted > 0 ? `  (${run.wasted} spent for no sample)` : '';
    io.out(`  ${run.runId}  ${run.strategy}  ${run.outcome}  ${run.samples} samples${lost}${run.message ? `  ${run.message}` : ''}\n`);
  }
  return EXIT_DONE;
}

export const statusCommand: CliCommand = { name: 'status', summary: "a session's spend, samples and runs", usage: USAGE, run };
