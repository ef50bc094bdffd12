// `seedsmith export`: the reviewed samples as a training file in one of the usual formats, with a
// lineage sidecar tracing every line to its seed. Accepted samples only (with the person's edits)
// unless pending or rejected ones are asked for; nothing is written unless every line is valid.
// Streamed: the samples are read from the journal again for the checks and for each file, so an
// export of any size is never whole in memory.
import { statSync } from 'node:fs';
import path from 'node:path';
import { checkStreamed } from '../core/checks/streamedChecks.ts';
import type { SampleSource } from '../core/checks/streamedChecks.ts';
import { ExportLineMaker, seedContexts } from '../core/export/buildExport.ts';
import type { ExportLine, ExportOptions, ExportProblem } from '../core/export/buildExport.ts';
import { EXPORT_FORMATS, isExportFormat, takesSystemPrompt } from '../core/export/formats.ts';
import type { SessionState } from '../core/journal/state.ts';
import type { Seed } from '../core/seeds/types.ts';
import { lineagePathFor, writeExportStream } from '../node/exportFiles.ts';
import { JOURNAL_FILE, LOCK_FILE } from '../node/sessionFolder.ts';
import { withResultSpill } from '../node/resultSpill.ts';
import { CheckResultStore } from '../core/checks/checkResultStore.ts';
import type { ResultSpill } from '../core/checks/checkResultStore.ts';
import { readSessionIndex, sessionSamples } from '../node/sessionStream.ts';
import type { CliCommand, CliIo } from './cliTypes.ts';
import { EXIT_DONE } from './cliTypes.ts';
import { InputError, UsageError } from './cliErrors.ts';
import { seedsForChecks } from './exportSeeds.ts';
import { loadSeeds } from './loadSeeds.ts';
import { parseFlagsOnly } from './parseCommandArgs.ts';
import { existingSessionDir, sessionDirFor } from './sessionArgs.ts';

const NAME = 'seedsmith export';
const USAGE = `usage: seedsmith export [--session DIR] --format ${EXPORT_FORMATS.join('|')} --out FILE [options]

Writes the accepted samples (with your edits) as a JSONL training file, and beside it
<name>.lineage.jsonl: for every line, its sample, seed line and hash, strategy, models,
prompt templates, checks and decision. Both files are replaced atomically.
  --format F            openai-chat: {"messages":[…]}   alpaca: {"instruction","input","output"}
                        sharegpt: {"conversations":[…]}  qa: {"question","answer"}
  --out FILE            the training file to write (its folder must exist)
  --system TEXT         a system turn on every line (openai-chat and sharegpt only)
  --include-seeds FILE  put the valid seeds of FILE first
  --include-pending     also export samples nobody has decided on
  --include-rejected    also export rejected samples
  --seeds FILE          seeds for the checks recorded in the lineage (default: --include-seeds,
                        else the session's seed file)
  --session DIR         the session folder (default: the only one under ./.seedsmith)
  --json                one JSON object on stdout
`;
const OPTIONS = {
  session: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  system: { type: 'string' },
  'include-seeds': { type: 'string' },
  'include-pending': { type: 'boolean' },
  'include-rejected': { type: 'boolean' },
  seeds: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A sample's own results (answers compared, nearest text) wait in a file until they are written. */
function run(args: readonly string[], io: CliIo): Promise<number> {
  return withResultSpill((spill) => runWith(args, io, spill));
}

async function runWith(args: readonly string[], io: CliIo, spill: ResultSpill): Promise<number> {
  const values = parseFlagsOnly(NAME, args, OPTIONS, USAGE, io);
  if (!values) return EXIT_DONE;
  const format = values.format;
  if (format === undefined) throw new UsageError(`${NAME}: --format is required (${EXPORT_FORMATS.join(', ')}).`, USAGE);
  if (!isExportFormat(format)) throw new UsageError(`${NAME}: unknown format "${format}"; use one of ${EXPORT_FORMATS.join(', ')}.`, USAGE);
  if (values.out === undefined || values.out === '') throw new UsageError(`${NAME}: --out FILE is required.`, USAGE);
  if (values.system !== undefined && !takesSystemPrompt(format)) throw new UsageError(`${NAME}: --system needs a format with a system turn (openai-chat, sharegpt); ${format} has none.`, USAGE);
  if (values.system !== undefined && values.system.trim() === '') throw new UsageError(`${NAME}: --system is empty.`, USAGE);

  const out = path.resolve(values.out);
  checkOutPath(out);
  const dir = existingSessionDir(NAME, sessionDirFor(NAME, { session: values.session }));
  const index = await readSessionIndex(dir);
  const { state } = index;
  const samples: SampleSource = (wanted) => sessionSamples(index, wanted);

  const exportedSeeds: readonly Seed[] | undefined = values['include-seeds'] !== undefined ? await loadSeeds(NAME, values['include-seeds'], io.err) : undefined;
  const forChecks =
    values.seeds === undefined && exportedSeeds !== undefined
      ? { seeds: exportedSeeds, file: values['include-seeds'] ?? null, note: null }
      : await seedsForChecks(NAME, state, values.seeds, io.err);
  const protectedPaths = [path.join(dir, JOURNAL_FILE), path.join(dir, LOCK_FILE), forChecks.file, values['include-seeds'], values.seeds];
  for (const target of [out, lineagePathFor(out)]) {
    if (protectedPaths.some((p) => p !== undefined && p !== null && path.resolve(p) === target)) throw new InputError(`${NAME}: refusing to overwrite "${target}": it is the session's journal or a seed file.`);
  }

  const checks = await checkStreamed(samples, forChecks.seeds, { ordinals: index.ordinals }, new CheckResultStore(spill, index.ordinals));
  const options: ExportOptions = {
    contexts: seedContexts(forChecks.seeds ?? []),
    format,
    ...(values.system !== undefined ? { system: values.system } : {}),
    ...(exportedSeeds ? { seeds: exportedSeeds } : {}),
    includePending: values['include-pending'] === true,
    includeRejected: values['include-rejected'] === true,
    checks: checks.results,
  };
  // One pass over the session makes each line once, for both files. An invalid line, or none at
  // all, is found by the end of it: nothing is then written.
  const maker = new ExportLineMaker(options);
  const lines = async function* (): AsyncGenerator<ExportLine> {
    for (const seed of options.seeds ?? []) {
      const line = maker.seed(seed);
      if (line) yield line;
    }
    for await (const { sample, review } of samples()) {
      const line = maker.sample(sample, review);
      if (line) yield line;
    }
    if (maker.problems.length > 0) throw new InputError(problemsMessage(maker.problems));
    if (maker.counts.lines === 0) throw new InputError(nothingMessage(state, options.includePending === true, options.includeRejected === true));
  };
  const written = await writeExportStream(out, lines());
  const counts = maker.counts;
  if (forChecks.note && !values.json) io.err(`${NAME}: note: checks in the lineage are without seeds: ${forChecks.note}.\n`);
  if (values.json) {
    io.out(`${JSON.stringify({ out: written.out, lineage: written.lineage, format, lines: counts.lines, counts: { ...counts }, checkSeeds: forChecks.file, session: dir })}\n`);
    return EXIT_DONE;
  }
  const parts = [
    counts.seeds > 0 ? `${counts.seeds} seeds` : null,
    `${counts.accepted} accepted${counts.edited > 0 ? ` (${counts.edited} edited)` : ''}`,
    counts.pending > 0 ? `${counts.pending} pending` : null,
    counts.rejected > 0 ? `${counts.rejected} rejected` : null,
  ].filter((p) => p !== null);
  io.out(`wrote ${counts.lines} line${counts.lines === 1 ? '' : 's'} to ${written.out} (${format}): ${parts.join(', ')}\n  lineage: ${written.lineage}\n`);
  return EXIT_DONE;
}

/** The folder must exist (a typo there should not create folders), and the file must not be a folder. */
function checkOutPath(out: string): void {
  const folder = path.dirname(out);
  let folderStat;
  try {
    folderStat = statSync(folder);
  } catch {
    throw new InputError(`${NAME}: cannot write "${out}": the folder "${folder}" does not exist.`);
  }
  if (!folderStat.isDirectory()) throw new InputError(`${NAME}: cannot write "${out}": "${folder}" is not a folder.`);
  let outStat;
  try {
    outStat = statSync(out);
  } catch {
    return;
  }
  if (outStat.isDirectory()) throw new InputError(`${NAME}: cannot write "${out}": it is a folder; give a file name.`);
}

function problemsMessage(problems: readonly ExportProblem[]): string {
  const shown = problems.slice(0, 10).map((p) => `  ${p.sampleId !== null ? `sample ${p.sampleId}` : `seed line ${p.seedLine}`}: ${p.problem}`);
  const more = problems.length > 10 ? `\n  …and ${problems.length - 10} more` : '';
  return `${NAME}: ${problems.length} line${problems.length === 1 ? '' : 's'} would not be valid; nothing was written. Edit or reject these samples:\n${shown.join('\n')}${more}`;
}

function nothingMessage(state: SessionState, pending: boolean, rejected: boolean): string {
  const { accepted, pending: waiting, rejected: refused } = state.counts;
  const hint = !pending && waiting > 0 ? ' Accept samples with `seedsmith decide --accept ID`, or pass --include-pending.' : !rejected && refused > 0 ? ' Pass --include-rejected to export rejected ones.' : '';
  return `${NAME}: nothing to export: the session has ${accepted} accepted, ${waiting} pending and ${refused} rejected samples.${hint}`;
}

export const exportCommand: CliCommand = { name: 'export', summary: 'write accepted samples as a training file with a lineage sidecar', usage: USAGE, run };
