// Session → the lines of a training file and their lineage, validated. Pure: src/node writes
// the result. Accepted samples only (with the person's edits) unless pending or rejected ones are
// asked for by name; the original seeds first when asked for.
import { currentText } from '../checks/currentText.ts';
import type { CheckResult } from '../checks/types.ts';
import type { SampleReview, SessionState } from '../journal/state.ts';
import type { Sample } from '../samples/sample.ts';
import type { Seed } from '../seeds/types.ts';
import { formatRecord } from './formats.ts';
import type { ExportContext, ExportFormat } from './formats.ts';
import { sampleLineage, seedLineage } from './lineage.ts';
import type { LineageRecord } from './lineage.ts';
import { lineProblem } from './validateLine.ts';

export interface ExportOptions {
  readonly format: ExportFormat;
  /** openai-chat and sharegpt: a system turn on every line. */
  readonly system?: string;
  /** Seeds to export too, before the samples. */
  readonly seeds?: readonly Seed[];
  readonly includePending?: boolean;
  readonly includeRejected?: boolean;
  /** Seed content hash → the seed's context and its source (seedContexts), so every line keeps its seed's context. */
  readonly contexts?: ReadonlyMap<string, ExportContext>;
  /** Check results per sample, copied into the lineage. */
  readonly checks?: ReadonlyMap<string, readonly CheckResult[]>;
}

export interface ExportCounts {
  readonly lines: number;
  readonly seeds: number;
  readonly accepted: number;
  readonly pending: number;
  readonly rejected: number;
  /** Of the exported samples, how many carry a person's edits. */
  readonly edited: number;
}

export interface ExportProblem {
  readonly sampleId: string | null;
  readonly seedLine: number | null;
  readonly problem: string;
}

export interface ExportBuild {
  /** JSON records, one per line, without newlines. */
  readonly lines: readonly string[];
  /** The lineage records as JSON, one per exported line, in the same order. */
  readonly lineage: readonly string[];
  readonly records: readonly LineageRecord[];
  readonly counts: ExportCounts;
  /** Lines that failed their format's validation: when not empty, nothing must be written. */
  readonly problems: readonly ExportProblem[];
}

/** The contexts of seeds by content hash, the way samples name their seeds. */
export function seedContexts(seeds: readonly Seed[]): Map<string, ExportContext> {
  const contexts = new Map<string, ExportContext>();
  for (const seed of seeds) if (seed.context !== undefined) contexts.set(seed.hash, contextOfSeed(seed)!);
  return contexts;
}

function contextOfSeed(seed: Seed): ExportContext | undefined {
  return seed.context === undefined ? undefined : { text: seed.context, source: seed.contextSource ?? 'field' };
}

/** The context every seed of a sample shares (the samples of NQ come from several seeds). */
function contextOf(hashes: readonly string[], contexts: ReadonlyMap<string, ExportContext> | undefined): ExportContext | undefined {
  if (contexts === undefined || hashes.length === 0) return undefined;
  const first = contexts.get(hashes[0]!);
  return hashes.every((h) => contexts.get(h)?.text === first?.text && contexts.get(h)?.source === first?.source) ? first : undefined;
}

/** One line of an export: the training record and its lineage. */
export interface ExportLine {
  readonly line: string;
  readonly lineage: LineageRecord;
}

/**
 * Formats and validates the lines of an export one at a time, counting as it goes: buildExport
 * feeds it a whole session, the CLI samples streamed from the journal. Seeds first, then samples
 * in generation order. A line that fails its format's validation becomes a problem, not a line.
 */
export class ExportLineMaker {
  readonly counts = { lines: 0, seeds: 0, accepted: 0, pending: 0, rejected: 0, edited: 0 };
  readonly problems: ExportProblem[] = [];
  readonly #options: ExportOptions;

  constructor(options: ExportOptions) {
    this.#options = options;
  }

  seed(seed: Seed): ExportLine | null {
    const options = this.#options;
    const made = this.#make(formatRecord(options.format, seed.question, seed.answer, options.system, contextOfSeed(seed)), seedLineage(this.counts.lines + 1, seed), { sampleId: null, seedLine: seed.line });
    if (made) this.counts.seeds += 1;
    return made;
  }

  /** Null when the sample's review state is not exported, or its line is not valid. */
  sample(sample: Sample, review: SampleReview | undefined): ExportLine | null {
    const options = this.#options;
    const reviewState = review?.state ?? 'pending';
    if (reviewState === 'pending' && !options.includePending) return null;
    if (reviewState === 'rejected' && !options.includeRejected) return null;
    const text = currentText(sample, review);
    const lineage = sampleLineage(this.counts.lines + 1, sample, review, options.checks?.get(sample.id) ?? null);
    const made = this.#make(formatRecord(options.format, text.question, text.answer, options.system, contextOf(sample.seedHashes, options.contexts)), lineage, { sampleId: sample.id, seedLine: null });
    if (!made) return null;
    this.counts[reviewState] += 1;
    if (text.edited) this.counts.edited += 1;
    return made;
  }

  #make(record: object, lineage: LineageRecord, where: Pick<ExportProblem, 'sampleId' | 'seedLine'>): ExportLine | null {
    const line = JSON.stringify(record);
    const problem = lineProblem(this.#options.format, line);
    if (problem !== null) {
      this.problems.push({ ...where, problem });
      return null;
    }
    this.counts.lines += 1;
    return { line, lineage };
  }
}

export function buildExport(state: SessionState, options: ExportOptions): ExportBuild {
  const lines: string[] = [];
  const records: LineageRecord[] = [];
  const maker = new ExportLineMaker(options);
  const take = (made: ExportLine | null) => {
    if (made === null) return;
    lines.push(made.line);
    records.push(made.lineage);
  };
  for (const seed of options.seeds ?? []) take(maker.seed(seed));
  for (const sample of state.samples.values()) take(maker.sample(sample, state.reviews.get(sample.id)));
  return { lines, lineage: records.map((r) => JSON.stringify(r)), records, counts: { ...maker.counts }, problems: maker.problems };
}
