import type { JSONPath } from 'jsonc-parser';
import type { SeedContextSource, SeedErrorCode, SeedFields, SeedShape } from './types.ts';

/** Filled in place for every valid line, so the hot path allocates nothing of its own. */
export interface Extracted {
  question: string;
  answer: string;
  shape: SeedShape | 'mapping';
  /** The seed's context (see Seed.context); reset to undefined before each line. */
  context: string | undefined;
  /** Where `context` came from; undefined exactly when `context` is. */
  contextSource: SeedContextSource | undefined;
}

export interface FieldProblem {
  readonly code: SeedErrorCode;
  readonly message: string;
  /** Where to point: a value, or [] for the object itself (a missing field). */
  readonly path: JSONPath;
}

/** Takes a seed's question and answer out of one parsed line. */
export interface SeedExtractor {
  /** Set when the fields are fixed in advance (a mapping) rather than detected per line. */
  readonly fields: SeedFields | undefined;
  extract(record: Readonly<Record<string, unknown>>, out: Extracted): FieldProblem | undefined;
  /** Path of the question's value in a record `extract` accepted (to point at a repeat). */
  questionPath(record: Readonly<Record<string, unknown>>, shape: Extracted['shape']): JSONPath;
}
