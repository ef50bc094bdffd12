// What `seedsmith inspect` prints: a summary for a person, `file:line:col:` lines that editors
// and terminals turn into links, or one JSON object for scripts.
import type { AnswerProfile } from '../core/profile/index.ts';
import type { SeedDiagnostic, SeedIndex } from '../core/seeds/index.ts';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function inspectSummary(file: string, index: SeedIndex, profile?: AnswerProfile): string {
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
  if (profile && profile.seeds > 0) lines.push(...answerProfileLines(profile));
  return `${lines.join('\n')}\n`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** The answer profile in a few lines: the kind and how many seeds agree, then what the kind needs. */
export function answerProfileLines(profile: AnswerProfile): string[] {
  const agree = `${percent(profile.share)} of ${plural(profile.seeds, 'seed', 'seeds')}`;
  const how = profile.source === 'setting' ? `set by answerKind; ${agree} look like it` : agree;
  const details: string[] = [];
  if (profile.marker !== undefined) details.push(profile.marker === 'none' ? 'bare numbers' : `final answer after ${profile.marker}`);
  if (profile.labels) details.push(`labels: ${profile.labels.map((label) => JSON.stringify(label)).join(', ')}`);
  if (profile.language !== undefined && profile.kind !== 'sql') details.push(`language: ${profile.language}`);
  if (profile.fenced !== undefined) details.push(profile.fenced ? 'in a ``` fence' : 'unfenced');
  if (profile.schema?.properties) {
    const required = new Set(profile.schema.required ?? []);
    details.push(`keys: ${Object.keys(profile.schema.properties).map((key) => (required.has(key) ? key : `${key}?`)).join(', ')}`);
  }
  if (profile.lengthRange && profile.kind === 'text') details.push(`${profile.lengthRange.min}–${profile.lengthRange.max} words`);
  const lines = [`  answers: ${profile.kind} (${how})${details.length > 0 ? `; ${details.join('; ')}` : ''}`];
  if (profile.context) lines.push(`  context: ${percent(profile.context.share)} of seeds carry one (input, context/schema field or system message)`);
  return lines;
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
export function inspectJson(file: string, index: SeedIndex, answerProfile?: AnswerProfile): string {
  return `${JSON.stringify({
    file,
    shape: index.shape,
    fields: index.fields,
    valid: index.stats.valid,
    errors: index.errors.map(jsonDiagnostic),
    warnings: index.warnings.map(jsonDiagnostic),
    stats: index.stats,
    answerProfile,
  })}\n`;
}
