// The one JSON object `seedsmith recommend --json` prints. Field names are a contract for
// scripts (architecture.md: `recommend` → {ratio, strategy, ...}); add fields, never rename them.
import { estimateAssumptions } from '../core/advisor/assumptions.ts';
import type { StrategyEstimate } from '../core/advisor/estimate.ts';
import type { RunFeedback } from '../core/advisor/feedback.ts';
import type { Recommendation } from '../core/advisor/recommend.ts';
import type { AnswerProfile } from '../core/profile/types.ts';
import type { StrategyId } from '../core/samples/sample.ts';

export interface RecommendReport {
  readonly seedFile: string;
  readonly recommendation: Recommendation;
  readonly augmenterLimit: number;
  readonly estimates: Readonly<Record<StrategyId, StrategyEstimate>>;
  readonly unitsSampled: number;
  /** The seeds' answer profile the estimates and the reason used. */
  readonly profile: AnswerProfile;
  readonly session: { readonly dir: string; readonly feedback: RunFeedback; readonly teacherSpent: number; readonly augmenterSpent: number } | null;
}

export function recommendJson(report: RecommendReport): string {
  const r = report.recommendation;
  return `${JSON.stringify({
    seedFile: report.seedFile,
    seedCount: r.seedCount,
    budget: { teacherQueries: r.teacherQueries, augmenterCalls: report.augmenterLimit },
    weakAugmenter: r.weakAugmenter,
    ratio: r.ratio,
    strategy: r.strategy,
    confidence: r.confidence,
    zone: r.zone,
    reason: r.reason,
    crossover: r.crossover,
    alternatives: r.alternatives,
    mixedPlan: r.mixedPlan,
    taskKind: r.taskKind,
    answerKind: report.profile.kind,
    estimates: report.estimates,
    assumptions: estimateAssumptions(report.profile),
    session: report.session === null ? null : { dir: report.session.dir, teacherSpent: report.session.teacherSpent, augmenterSpent: report.session.augmenterSpent },
    feedback: report.session?.feedback ?? null,
  })}\n`;
}
