// What `seedsmith inspect` prints: a summary for a person, `file:line:col:` lines that editors
// and terminals turn into links, or one JSON object for scripts.
import type { SeedDiagnostic, SeedIndex } from '../core/seeds/index.ts';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function inspectSummary(file: string, index: SeedIndex): string {
  const { stats } = index;
  const lines = [
    `${file}: ${plural(stats.valid, 'valid seed', 'valid seeds')}, ${plural(stats.invalid, 'bad line', 'bad lines')}, ${plural(index.warnings.length, 'warning', 'warnings')}`,
  ];
  const fields = index.fields ? ` (question: ${index.fields.question}; answer: ${index.fields.answer})` : '';
  if (index.shape === 'mixed') {
    const used = Object.entries(stats.shapes)
      .filter(([, count]) => count > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([shape, count]) => `${shape} ${count}`)
      .join(', ');
    lines.push(`  shape: mixed (${used}); most common${fields}`);
  } else {
    lines.push(`  shape: ${index.shape}${fields}`);
  }
  lines.push(`  lines: ${stats.lines} read, ${stats.blank} blank, ${plural(stats.duplicates, 'repeated question', 'repeated questions')}`);
  return `${lines.join('\n')}\n`;
}

/** One `file:line:col: message` line per diagnostic, warnings marked as such. */
export function diagnosticLine(file: string, diagnostic: SeedDiagnostic): string {
  const kind = diagnostic.severity === 'warning' ? 'warning: ' : '';
  return `${file}:${diagnostic.line}:${diagnostic.column}: ${kind}${diagnostic.message}`;
}

function jsonDiagnostic(diagnostic: SeedDiagnostic) {
  return {
    line: diagnostic.line,
    column: diagnostic.column,
    endColumn: diagnostic.endColumn,
    code: diagnostic.code,
    message: diagnostic.message,
    relatedLine: diagnostic.relatedLine,
  };
}

/** The --json result: one object, as the CLI contract of architecture.md has it. */
export function inspectJson(file: string, index: SeedIndex): string {
  return `${JSON.stringify({
    file,
    shape: index.shape,
    fields: index.fields,
    valid: index.stats.valid,
    errors: index.errors.map(jsonDiagnostic),
    warnings: index.warnings.map(jsonDiagnostic),
    stats: index.stats,
  })}\n`;
}
