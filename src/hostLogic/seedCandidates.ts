// Which .jsonl files are not seed files: the exports SeedSmith writes and their lineage sidecars
// sit beside the seed file with the same extension, and an export in openai-chat or qa format
// even parses as seeds. The seed picker leaves them out. Plain logic over paths and a first line.
import type { ExportFormat } from '../core/export/formats.ts';

const SIDECAR = '.lineage.jsonl';
/** SeedSmith names its exports `<seed stem>.<format>.export.jsonl`, so they read as exports. */
const EXPORT = '.export.jsonl';

/** The file name an export of `seedPath` gets unless the person picks another. */
export function defaultExportName(seedPath: string, format: ExportFormat): string {
  const name = seedPath.slice(seedPath.lastIndexOf('/') + 1).replace(/\.jsonl$/, '');
  return `${name}.${format}${EXPORT}`;
}

/** `train.lineage.jsonl` → `train.jsonl`: the export a sidecar describes (as src/node/exportFiles.ts names it). */
function exportOfSidecar(sidecar: string): string {
  return `${sidecar.slice(0, -SIDECAR.length)}.jsonl`;
}

/** The paths among `paths` that are exports or lineage sidecars, by their names. */
export function notSeedFiles(paths: readonly string[]): Set<string> {
  const skipped = new Set<string>();
  const present = new Set(paths);
  for (const path of paths) {
    if (path.endsWith(SIDECAR)) {
      skipped.add(path);
      // Whatever name the person gave an export, its sidecar gives it away.
      const described = exportOfSidecar(path);
      if (present.has(described)) skipped.add(described);
    } else if (path.endsWith(EXPORT)) {
      skipped.add(path);
    }
  }
  return skipped;
}

/** Whether a file's first line is a lineage record (a sidecar, even a renamed one). */
export function isLineageLine(line: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return false;
  }
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (record['source'] === 'seed' || record['source'] === 'sample') && Array.isArray(record['seedHashes']) && typeof record['line'] === 'number' && 'decision' in record;
}
