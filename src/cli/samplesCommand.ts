// `seedsmith samples`: the samples of a session, optionally one review queue.
import { readSession } from '../node/sessionFolder.ts';
import type { CliCommand, CliIo } from './cliTypes.ts';
import { EXIT_DONE } from './cliTypes.ts';
import { UsageError } from './cliErrors.ts';
import { parseFlagsOnly } from './parseCommandArgs.ts';
import { existingSessionDir, sessionDirFor } from './sessionArgs.ts';
import { SAMPLE_FILTERS, sampleRows, type SampleFilter } from './sessionViews.ts';

const NAME = 'seedsmith samples';
const USAGE = `usage: seedsmith samples [--session DIR] [--state pending|accepted|rejected|flagged] [--json]

Lists the samples of a session with their seed line, strategy, review state and flags.
  --state S       only pending, accepted, rejected, or flagged samples
  --session DIR   the session folder (default: the only one under ./.seedsmith)
  --json          one JSON object on stdout: {"samples": [...]}
`;
const OPTIONS = { session: { type: 'string' }, state: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseFlagsOnly(NAME, args, OPTIONS, USAGE, io);
  if (!values) return EXIT_DONE;
  if (values.state !== undefined && !(SAMPLE_FILTERS as readonly string[]).includes(values.state)) {
    throw new UsageError(`${NAME}: --state must be one of ${SAMPLE_FILTERS.join(', ')}; got "${values.state}".`, USAGE);
  }
  const dir = existingSessionDir(NAME, sessionDirFor(NAME, { session: values.session }));
  const rows = sampleRows((await readSession(dir)).state, values.state as SampleFilter | undefined);
  if (values.json) {
    io.out(`${JSON.stringify({ samples: rows })}\n`);
    return EXIT_DONE;
  }
  for (const row of rows) {
    const flags = row.flags.length > 0 ? `  flags: ${row.flags.join(', ')}` : '';
    io.out(`${row.id}  ${row.state}${row.edited ? ' (edited)' : ''}  ${row.strategy}  seed line ${row.seedLines.join(',')}${flags}\n  Q: ${oneLine(row.question)}\n  A: ${oneLine(row.answer)}\n`);
  }
  io.out(`${rows.length} samples\n`);
  return EXIT_DONE;
}

function oneLine(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export const samplesCommand: CliCommand = { name: 'samples', summary: 'list the samples of a session', usage: USAGE, run };
