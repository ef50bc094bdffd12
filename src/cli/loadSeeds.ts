// Seeds for a run: the valid lines of the file. Bad lines do not stop generation (they are
// reported, as `inspect` would), but a file with no valid seed is bad input. Warnings about a
// seed that is used anyway (too long for a context window, bytes that are not UTF-8) are
// reported too; the common ones (a repeated question, a mixed shape) are left to `inspect`.
import { indexSeeds, type Seed, type SeedDiagnostic } from '../core/seeds/index.ts';
import { InputError } from './cliErrors.ts';
import { diagnosticLine } from './formatInspect.ts';
import { readFileChunks } from './readFileChunks.ts';

export async function loadSeeds(command: string, file: string, report: (text: string) => void): Promise<readonly Seed[]> {
  const index = await indexSeeds(await readFileChunks(command, file));
  for (const diagnostic of index.errors.slice(0, 20)) report(`${diagnosticLine(file, diagnostic)}\n`);
  if (index.errors.length > 20) report(`${file}: …and ${index.errors.length - 20} more bad lines (see \`seedsmith inspect ${file}\`).\n`);
  const notable = index.warnings.filter(isAboutUse);
  for (const diagnostic of notable.slice(0, 20)) report(`${diagnosticLine(file, diagnostic)}\n`);
  if (notable.length > 20) report(`${file}: …and ${notable.length - 20} more warnings (see \`seedsmith inspect ${file}\`).\n`);
  if (index.seeds.length === 0) throw new InputError(`${command}: "${file}" has no valid seed.`);
  if (index.errors.length > 0) report(`${command}: using the ${index.seeds.length} valid seeds; ${index.errors.length} bad lines are skipped.\n`);
  return index.seeds;
}

function isAboutUse(diagnostic: SeedDiagnostic): boolean {
  return diagnostic.code === 'long-seed' || diagnostic.code === 'invalid-utf8';
}
