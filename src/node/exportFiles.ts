// An export on disk: the training file and its lineage sidecar, written together atomically.
import path from 'node:path';
import type { ExportBuild, ExportLine } from '../core/export/buildExport.ts';
import { writeFilesAtomic, writeFilesAtomicTogether } from './atomicWrite.ts';
import type { AtomicFs } from './atomicWrite.ts';

/** `train.jsonl` → `train.lineage.jsonl` (the last extension is replaced). */
export function lineagePathFor(out: string): string {
  const ext = path.extname(out);
  const stem = ext === '' ? out : out.slice(0, -ext.length);
  return `${stem}.lineage.jsonl`;
}

function* jsonl(lines: readonly string[]): Iterable<string> {
  for (const line of lines) yield `${line}\n`;
}

/**
 * Writes both files. The sidecar is renamed into place first, so a training file is never there
 * without lineage describing it.
 */
export async function writeExportFiles(out: string, build: ExportBuild, fs?: AtomicFs): Promise<{ out: string; lineage: string }> {
  if (build.problems.length > 0) throw new Error(`refusing to write an export with ${build.problems.length} invalid lines`);
  const lineage = lineagePathFor(out);
  await writeFilesAtomic(
    [
      { path: lineage, content: jsonl(build.lineage) },
      { path: out, content: jsonl(build.lines) },
    ],
    fs,
  );
  return { out, lineage };
}

/**
 * The streamed form: `lines` are the export's lines (made from one read of the session), each
 * written to both files as it comes, so no file is ever whole in memory. The sidecar is renamed
 * first, as above. Whatever `lines` throws (an invalid line found on the way) leaves both
 * targets as they were.
 */
export async function writeExportStream(out: string, lines: AsyncIterable<ExportLine>, fs?: AtomicFs): Promise<{ out: string; lineage: string }> {
  const lineage = lineagePathFor(out);
  await writeFilesAtomicTogether([lineage, out], rows(lines), fs);
  return { out, lineage };
}

async function* rows(lines: AsyncIterable<ExportLine>): AsyncIterable<readonly [string, string]> {
  for await (const made of lines) yield [`${JSON.stringify(made.lineage)}\n`, `${made.line}\n`];
}
