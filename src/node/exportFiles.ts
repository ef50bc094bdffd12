// An export on disk: the training file and its lineage sidecar, written together atomically.
import path from 'node:path';
import type { ExportBuild } from '../core/export/buildExport.ts';
import { writeFilesAtomic } from './atomicWrite.ts';
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
