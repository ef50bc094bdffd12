// The lineage sidecar (`<name>.lineage.jsonl`): one record per exported line, in the same order,
// tracing it to its seed line(s) and content hash(es), the strategy, models and prompt templates
// that made it, the checks as they stood at export, and the person's decision.
import type { CheckResult } from '../checks/types.ts';
import type { SampleReview } from '../journal/state.ts';
import type { ModelRef, Sample, StrategyId } from '../samples/sample.ts';
import type { Seed } from '../seeds/types.ts';

export interface LineagePrompt {
  readonly role: 'teacher' | 'augmenter';
  readonly id: string;
  readonly hash: string;
  /** The answer kind the prompt was rendered for. */
  readonly kind?: string;
}

export interface LineageDecision {
  readonly state: 'accepted' | 'rejected' | 'pending';
  readonly edited: boolean;
  readonly at: string | null;
  readonly source: string | null;
  readonly reason: string | null;
}

export interface LineageRecord {
  /** 1-based line in the exported file. */
  readonly line: number;
  readonly source: 'seed' | 'sample';
  readonly sampleId: string | null;
  readonly seedLines: readonly number[];
  readonly seedHashes: readonly string[];
  readonly strategy: StrategyId | null;
  readonly runId: string | null;
  readonly createdAt: string | null;
  readonly models: { readonly teacher: ModelRef | null; readonly augmenter: ModelRef | null };
  /** Each distinct template used, in call order. */
  readonly prompts: readonly LineagePrompt[];
  /** Accepted samples a new question was shown as examples. */
  readonly exampleSampleIds: readonly string[];
  /** Null for seeds, and when checks were not run. */
  readonly checks: readonly CheckResult[] | null;
  /** Null for seeds. */
  readonly decision: LineageDecision | null;
}

export function seedLineage(line: number, seed: Seed): LineageRecord {
  return {
    line,
    source: 'seed',
    sampleId: null,
    seedLines: [seed.line],
    seedHashes: [seed.hash],
    strategy: null,
    runId: null,
    createdAt: null,
    models: { teacher: null, augmenter: null },
    prompts: [],
    exampleSampleIds: [],
    checks: null,
    decision: null,
  };
}

export function sampleLineage(line: number, sample: Sample, review: SampleReview | undefined, checks: readonly CheckResult[] | null): LineageRecord {
  const prompts: LineagePrompt[] = [];
  for (const call of sample.calls) {
    if (!prompts.some((p) => p.role === call.role && p.id === call.prompt.id && p.hash === call.prompt.hash)) prompts.push({ role: call.role, id: call.prompt.id, hash: call.prompt.hash, ...(call.prompt.kind === undefined ? {} : { kind: call.prompt.kind }) });
  }
  return {
    line,
    source: 'sample',
    sampleId: sample.id,
    seedLines: sample.seedLines,
    seedHashes: sample.seedHashes,
    strategy: sample.strategy,
    runId: sample.runId,
    createdAt: sample.createdAt,
    models: { teacher: sample.teacher, augmenter: sample.augmenter },
    prompts,
    exampleSampleIds: sample.exampleSampleIds,
    checks,
    decision: {
      state: review?.state ?? 'pending',
      edited: review?.edited != null,
      at: review?.decidedAt ?? null,
      source: review?.source ?? null,
      reason: review?.reason ?? null,
    },
  };
}
