// The result of reading a seed file, shared by the editor, the CLI and everything after them.
// Positions follow the CLI's `file:line:col` convention: 1-based lines and 1-based columns
// counted in UTF-16 code units of the line (VS Code's Position.character + 1), so the editor
// subtracts one and the terminal prints them as they are.

/** The record layouts a seed line may use, named after their fields. */
export type SeedShape = 'question-answer' | 'instruction-output' | 'prompt-completion' | 'messages';

/**
 * The file's shape: the one every valid line uses, `mixed` when valid lines differ (the most
 * common one is then in `fields`), `none` when no line is valid; always `mapping` when an
 * explicit field mapping was given.
 */
export type FileShape = SeedShape | 'mapping' | 'mixed' | 'none';

/** Where the question and the answer come from, in words a person reads (`"instruction" + "input"`). */
export interface SeedFields {
  readonly question: string;
  readonly answer: string;
}

/** Dotted paths (`data.q`, `turns.-1.text`) naming the question and the answer; overrides detection. */
export interface FieldMapping {
  readonly question: string;
  readonly answer: string;
}

export type SeedErrorCode =
  | 'invalid-json'
  | 'not-an-object'
  | 'unknown-shape'
  | 'missing-question'
  | 'missing-answer'
  | 'empty-question'
  | 'empty-answer'
  // The field is there but holds something that is not text (an object, a boolean, …).
  | 'invalid-question'
  | 'invalid-answer';

export type SeedWarningCode =
  | 'duplicate-question'
  | 'mixed-shape'
  // A seed too long for a model's context window (longSeed.ts).
  | 'long-seed'
  // Bytes that are not UTF-8, read as U+FFFD.
  | 'invalid-utf8';

export type SeedDiagnosticCode = SeedErrorCode | SeedWarningCode;

export interface SeedDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly code: SeedDiagnosticCode;
  /** 1-based. */
  readonly line: number;
  /** 1-based, UTF-16 code units within the line. */
  readonly column: number;
  /** 1-based and exclusive, on the same line, when the extent is known. */
  readonly endColumn?: number;
  readonly message: string;
  /** Another line the diagnostic is about (the first occurrence of a repeated question). */
  readonly relatedLine?: number;
}

export interface Seed {
  /** 1-based line in the seed file. */
  readonly line: number;
  readonly question: string;
  readonly answer: string;
  /** First 16 hex digits of sha256(question + "\u0000" + answer): stable lineage id of the content. */
  readonly hash: string;
  /**
   * What the question is asked against, when the seed carries it apart from the question: an
   * Alpaca `input`, a `context` or `schema` field, a chat's system message. Not part of the hash.
   * (An Alpaca input is still appended to `question` too, so hashes and prompts stay as they were.)
   */
  readonly context?: string;
  /** Where `context` came from, so an export puts it back in its place (set whenever context is). */
  readonly contextSource?: SeedContextSource;
}

/** An Alpaca `input` (appended to the question), a `context`/`schema` field, a chat's system message. */
export type SeedContextSource = 'input' | 'field' | 'system';

export interface SeedStats {
  /** Lines read; a final newline does not start another line. */
  readonly lines: number;
  /** Empty or whitespace-only lines, skipped. */
  readonly blank: number;
  readonly valid: number;
  /** Lines with an error; each has exactly one entry in `errors`. */
  readonly invalid: number;
  /** Valid lines whose question repeats an earlier one. */
  readonly duplicates: number;
  /** Valid lines per detected shape (all zero under a field mapping). */
  readonly shapes: Readonly<Record<SeedShape, number>>;
}

export interface SeedIndex {
  readonly shape: FileShape;
  /** The fields used (of the most common shape when mixed, the mapping's paths when mapped); null for shape `none`. */
  readonly fields: SeedFields | null;
  /** Valid seeds in line order; empty when indexed with `keepSeeds: false`. */
  readonly seeds: readonly Seed[];
  /** In line order. */
  readonly errors: readonly SeedDiagnostic[];
  /** In line order. */
  readonly warnings: readonly SeedDiagnostic[];
  readonly stats: SeedStats;
}

export interface IndexSeedsOptions {
  readonly mapping?: FieldMapping;
  /** false: keep only counts and diagnostics (huge files, benchmarks). Default true. */
  readonly keepSeeds?: boolean;
  /** Checked between chunks. */
  readonly signal?: AbortSignal;
  /** Called with every valid seed in line order, even with `keepSeeds: false` (streamed profiles). */
  readonly onSeed?: (seed: Seed) => void;
}
