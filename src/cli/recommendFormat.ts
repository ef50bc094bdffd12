// What `seedsmith recommend` prints for a person: the advice in a paragraph, a table of what each
// strategy buys and costs, why not the others, the mixed plan when there is one (with the
// commands that run it), and how the strategies have done in the session so far.
import type { StrategyEstimate } from '../core/advisor/estimate.ts';
import type { RunFeedback, StrategyFeedback } from '../core/advisor/feedback.ts';
import { formatNumber } from '../core/advisor/formatNumber.ts';
import type { CostEstimate, TokenRange } from '../core/advisor/pricing.ts';
import { STRATEGY_NAMES } from '../core/samples/strategyIds.ts';
import { STRATEGY_IDS } from '../core/samples/sample.ts';
import type { RecommendReport } from './recommendJson.ts';

export interface CommandContext {
  /** The seed file as the user named it, for the commands we suggest. */
  readonly seedFile: string;
  /** Flags to repeat in suggested commands (models). */
  readonly modelFlags: readonly string[];
}

export function recommendText(report: RecommendReport, context: CommandContext): string {
  const r = report.recommendation;
  const out: string[] = [];
  const confidence = { clear: 'clear', uncertain: 'uncertain: BR is inside the crossover band', 'matters-little': 'the choice matters little with this many seeds' }[r.confidence];
  out.push(`Recommended: ${STRATEGY_NAMES[r.strategy]} (${r.strategy}); ${confidence}.`, '', r.reason, '');

  out.push(`What each strategy buys with Q = ${formatNumber(r.teacherQueries)} teacher queries over ${formatNumber(r.seedCount)} seeds (augmenter limit ${formatNumber(report.augmenterLimit)}):`);
  out.push(...estimateTable(report.estimates, r.strategy));
  const tokenizer = report.estimates[r.strategy].teacher.tokenizer;
  out.push(
    `Samples, teacher queries and augmenter calls are what \`generate\` plans for a new session (failures and rejected self-checks only lower them). ` +
      `Tokens: the prompts of up to ${report.unitsSampled} planned units per strategy, rendered and counted with ${tokenizer}; what the models write back is a range from the seeds' lengths (SeedSmith's assumptions, listed under --json "assumptions").`,
  );
  if (report.session !== null) {
    out.push(`This session has already spent ${formatNumber(report.session.teacherSpent)} teacher queries and ${formatNumber(report.session.augmenterSpent)} augmenter calls; \`generate\` with the same --budget plans only what is left.`);
  }
  out.push('', 'Why not the others:', ...r.alternatives.map((a) => `  - ${a.why}`));

  if (r.mixedPlan !== null) {
    out.push('', r.mixedPlan.text);
    const [first, then] = r.mixedPlan.steps;
    if (then.teacherQueries > 0) {
      const base = `seedsmith generate ${shellWord(context.seedFile)}`;
      const models = context.modelFlags.length > 0 ? ` ${context.modelFlags.join(' ')}` : '';
      out.push(`  ${base} --budget ${first.teacherQueries} --strategy ${first.strategy}${models}`);
      out.push(`  ${base} --budget ${r.teacherQueries} --strategy ${then.strategy}${models}   # --budget is the session's total: this run spends the ${formatNumber(then.teacherQueries)} left`);
    }
  }
  if (report.session !== null) out.push('', ...feedbackText(report.session.dir, report.session.feedback));
  return `${out.join('\n')}\n`;
}

function estimateTable(estimates: RecommendReport['estimates'], chosen: string): string[] {
  const header = ['strategy', 'samples', 'teacher', 'augmenter', 'tokens in', 'tokens out', 'cost'];
  const rows = STRATEGY_IDS.map((id) => {
    const e: StrategyEstimate = estimates[id];
    return [`${id === chosen ? '* ' : '  '}${id}`, formatNumber(e.samples), formatNumber(e.teacherQueries), formatNumber(e.augmenterCalls), tokenRange(e.inputTokens), tokenRange(e.outputTokens), costText(e.cost)];
  });
  return table([header.map((h, i) => (i === 0 ? `  ${h}` : h)), ...rows], [false, true, true, true, true, true, false]);
}

function feedbackText(dir: string, feedback: RunFeedback): string[] {
  const lines = [`How the strategies have done in the session ${dir}:`];
  if (feedback.strategies.length === 0) return [...lines, '  no samples yet.'];
  const header = ['strategy', 'samples', 'accepted', 'rejected', 'pending', 'acceptance', 'queries/accepted', 'cost/accepted'];
  const rows = feedback.strategies.map((s) => [
    `  ${s.strategy}`,
    formatNumber(s.samples),
    formatNumber(s.accepted),
    formatNumber(s.rejected),
    formatNumber(s.pending),
    s.acceptanceRate === null ? '–' : `${Math.round(s.acceptanceRate * 100)}%`,
    s.queriesPerAccepted === null ? '–' : formatNumber(s.queriesPerAccepted),
    perAcceptedCost(s),
  ]);
  lines.push(...table([header.map((h, i) => (i === 0 ? `  ${h}` : h)), ...rows], [false, true, true, true, true, true, true, false]));
  for (const s of feedback.strategies) {
    if (s.rejected === 0) continue;
    const reasons = s.rejectionReasons.map((c) => `${c.value} ×${c.count}`).join('; ');
    const flags = s.rejectedFlags.length > 0 ? `; flags on rejected samples: ${s.rejectedFlags.map((c) => `${c.value} ×${c.count}`).join(', ')}` : '';
    lines.push(`  ${STRATEGY_NAMES[s.strategy]} rejected because: ${reasons}${flags}`);
  }
  if (feedback.hint !== null) lines.push(`  Hint: ${feedback.hint}`);
  return lines;
}

function perAcceptedCost(s: StrategyFeedback): string {
  if (!s.cost.priced) return s.cost.message;
  return s.cost.perAccepted === null ? '–' : moneyText(s.cost.perAccepted);
}

function costText(cost: CostEstimate): string {
  if (!cost.priced) return cost.message;
  return cost.low === cost.high ? moneyText(cost.low) : `${moneyText(cost.low)}–${moneyText(cost.high)}`;
}

/** Enough digits to tell amounts apart at any size: 1,234 · 12.35 · 0.0012. */
export function moneyText(x: number): string {
  if (x === 0) return '0';
  if (x >= 100) return formatNumber(x, 0);
  if (x >= 1) return x.toFixed(2);
  return x.toPrecision(2);
}

function tokenRange(range: TokenRange): string {
  return range.low === range.high ? compact(range.low) : `${compact(range.low)}–${compact(range.high)}`;
}

/** 950 · 12.3k · 4.56M: three significant digits are as many as an estimate has. */
export function compact(n: number): string {
  if (n < 1000) return String(Math.round(n));
  const [value, unit] = n < 1e6 ? [n / 1e3, 'k'] : n < 1e9 ? [n / 1e6, 'M'] : [n / 1e9, 'G'];
  return `${Number(value.toPrecision(3))}${unit}`;
}

function table(rows: readonly (readonly string[])[], alignRight: readonly boolean[]): string[] {
  const widths = alignRight.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 && !alignRight[i] ? cell : alignRight[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

/** A path as one shell word: quoted only when it needs to be. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
