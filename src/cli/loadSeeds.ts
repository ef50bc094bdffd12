// Seeds for a run: the valid lines of the file. Bad lines do not stop generation (they are
// reported, as `inspect` would), but a file with no valid seed is bad input.
import { indexSeeds, type Seed } from '../core/seeds/index.ts';
import { InputError } from './cliErrors.ts';
import { diagnosticLine } from './formatInspect.ts';
import { readFileChunks } from './readFileChunks.ts';

export async function loadSeeds(command: string, file: string, report: (text: string) => void): Promise<readonly Seed[]> {
  const index = await indexSeeds(await readFileChunks(command, file));
  for (const diagnostic of index.errors.slice(0, 20)) report(`${diagnosticLine(file, diagnostic)}\n`);
  if (index.errors.length > 20) report(`${file}: …and ${index.errors.length - 20} more bad lines (see \`seedsmith inspect ${file}\`).\n`);
  if (index.seeds.length === 0) throw new InputError(`${command}: "${file}" has no valid seed.`);
  if (index.errors.length > 0) report(`${command}: using the ${index.seeds.length} valid seeds; ${index.errors.length} bad lines are skipped.\n`);
  return index.seeds;
}
