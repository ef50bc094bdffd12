// `seedsmith samples`: the samples of a session, optionally one review queue, each with its
// automatic checks (computed as `seedsmith check` does, so a script needs no join by id).
// Streamed: the journal is read again for the checks and for the output, and rows are written as
// they are made (under --json too, one array element at a time), so a session of any size is
// never one string or one array in memory.
import { FileResultSpill } from '../node/resultSpill.ts';
import { readSessionIndex, sessionSamples } from '../node/sessionStream.ts';
import type { SampleSource } from '../core/checks/streamedChecks.ts';
import type { CliCommand, CliIo } from './cliTypes.ts';
import { EXIT_DONE } from './cliTypes.ts';
import { UsageError } from './cliErrors.ts';
import { seedsForChecks } from './exportSeeds.ts';
import { ANSWER_KIND_HELP } from './answerKindChoice.ts';
import { sessionChecks } from './sessionChecks.ts';
import { parseFlagsOnly } from './parseCommandArgs.ts';
import { existingSessionDir, sessionDirFor } from './sessionArgs.ts';
import { SAMPLE_FILTERS, sampleRow, type SampleFilter } from './sessionViews.ts';

const NAME = 'seedsmith samples';
const USAGE = `usage: seedsmith samples [--session DIR] [--state pending|accepted|rejected|flagged] [--seeds FILE] [--json]

Lists the samples of a session with their seed line, strategy, review state, flags and the
automatic checks that did not pass (all checks with --json).
  --state S       only pending, accepted, rejected, or flagged samples
  --seeds FILE    the seeds the checks compare with (default: the session's seed file)
  ${ANSWER_KIND_HELP}
  --session DIR   the session folder (default: the only one under ./.seedsmith)
  --json          one JSON object on stdout: {"samples": [...], "checkSeeds": {...}}
`;
const OPTIONS = { session: { type: 'string' }, state: { type: 'string' }, seeds: { type: 'string' }, 'answer-kind': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseFlagsOnly(NAME, args, OPTIONS, USAGE, io);
  if (!values) return EXIT_DONE;
  if (values.state !== undefined && !(SAMPLE_FILTERS as readonly string[]).includes(values.state)) {
    throw new UsageError(`${NAME}: --state must be one of ${SAMPLE_FILTERS.join(', ')}; got "${values.state}".`, USAGE);
  }
  const dir = existingSessionDir(NAME, sessionDirFor(NAME, { session: values.session }));
  const index = await readSessionIndex(dir);
  const samples: SampleSource = (wanted) => sessionSamples(index, wanted);
  // Checks run over the whole session (duplicates compare samples with each other), then filter.
  const seeds = await seedsForChecks(NAME, index.state, values.seeds, io.err);
  // A sample's own results (answers compared, nearest text) wait in a file until its row is written.
  const spill = new FileResultSpill();
  try {
    const checks = (await sessionChecks(NAME, USAGE, samples, seeds, values['answer-kind'], spill, index.ordinals)).results;
    const filter = values.state as SampleFilter | undefined;
    let shown = 0;
    // The same text JSON.stringify({ samples: rows, checkSeeds }) makes, written a row at a time.
    if (values.json) io.out('{"samples":[');
    for await (const entry of samples()) {
      const row = sampleRow(entry.sample, entry.review, filter, checks);
      if (row === null) continue;
      if (values.json) {
        io.out(`${shown > 0 ? ',' : ''}${JSON.stringify(row)}`);
      } else {
        const flags = row.flags.length > 0 ? `  flags: ${row.flags.join(', ')}` : '';
        const problems = row.checks.filter((c) => c.status === 'fail' || c.status === 'warn').map((c) => `\n  ${c.status} ${c.check}: ${c.detail}`).join('');
        io.out(`${row.id}  ${row.state}${row.edited ? ' (edited)' : ''}  ${row.strategy}  seed line ${row.seedLines.join(',')}${flags}\n  Q: ${oneLine(row.question)}\n  A: ${oneLine(row.answer)}${problems}\n`);
      }
      shown += 1;
      if (shown % 256 === 0) await io.outDrained?.();
    }
    io.out(values.json ? `],"checkSeeds":${JSON.stringify({ file: seeds.file, note: seeds.note })}}\n` : `${shown} samples\n`);
  } finally {
    spill.close();
  }
  return EXIT_DONE;
}

function oneLine(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export const samplesCommand: CliCommand = { name: 'samples', summary: 'list the samples of a session', usage: USAGE, run };
