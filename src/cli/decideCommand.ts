// `seedsmith decide`: accept or reject samples by id (or a unique id prefix, as git does). Every
// id is checked before anything is written, so a typo changes nothing.
import type { Decision } from '../core/journal/events.ts';
import type { CliCommand, CliIo } from './cliTypes.ts';
import { EXIT_DONE } from './cliTypes.ts';
import { InputError, UsageError } from './cliErrors.ts';
import { parseCommandArgs } from './parseCommandArgs.ts';
import { existingSessionDir, openSessionFor, sessionDirFor } from './sessionArgs.ts';

const NAME = 'seedsmith decide';
const USAGE = `usage: seedsmith decide [--session DIR] (--accept | --reject | --reset) ID... [--reason TEXT] [--json]

Records a review decision for each sample id (a unique prefix of an id is enough).
  --accept        accept the samples for the training data
  --reject        reject them (--reason says why)
  --reset         put them back to pending
`;
const OPTIONS = {
  session: { type: 'string' },
  accept: { type: 'boolean' },
  reject: { type: 'boolean' },
  reset: { type: 'boolean' },
  reason: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(NAME, args, OPTIONS, USAGE);
  if (values.help) {
    io.out(USAGE);
    return EXIT_DONE;
  }
  const chosen = (['accept', 'reject', 'reset'] as const).filter((flag) => values[flag]);
  if (chosen.length !== 1) throw new UsageError(`${NAME}: say exactly one of --accept, --reject or --reset.`, USAGE);
  const decision: Decision = chosen[0] as Decision;
  if (positionals.length === 0) throw new UsageError(`${NAME}: name at least one sample id.`, USAGE);
  const dir = existingSessionDir(NAME, sessionDirFor(NAME, { session: values.session }));
  const session = await openSessionFor(NAME, dir, { mustExist: true });
  try {
    const ids = positionals.map((given) => resolveId(given, [...session.state.samples.keys()]));
    const at = new Date().toISOString();
    for (const sampleId of ids) {
      await session.journal.append({ type: 'decision', at, sampleId, decision, source: 'cli', ...(values.reason ? { reason: values.reason } : {}) }, { durable: true });
    }
    if (values.json) io.out(`${JSON.stringify({ decision, samples: ids, counts: session.state.counts })}\n`);
    else io.out(`${decision === 'accept' ? 'accepted' : decision === 'reject' ? 'rejected' : 'reset'} ${ids.length} sample${ids.length === 1 ? '' : 's'}: ${ids.join(' ')}\n`);
  } finally {
    await session.close();
  }
  return EXIT_DONE;
}

function resolveId(given: string, known: readonly string[]): string {
  if (known.includes(given)) return given;
  const matches = given.length >= 4 ? known.filter((id) => id.startsWith(given)) : [];
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length > 1) throw new InputError(`${NAME}: "${given}" matches ${matches.length} samples; give more of the id.`);
  throw new InputError(`${NAME}: no sample with id "${given}" in this session (nothing was changed).`);
}

export const decideCommand: CliCommand = { name: 'decide', summary: 'accept, reject or reset samples by id', usage: USAGE, run };
