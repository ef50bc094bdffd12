// Reads seed lines one by one and keeps what the editor, the CLI and the generator need. The
// per-line path for a good line is JSON.parse plus a few property reads; anything slower
// (positions, plain-words messages) runs only for lines that have a problem.
import type { Extracted, SeedExtractor } from './extractor.ts';
import { detectedExtractor, SHAPE_FIELDS } from './detectedShapes.ts';
import { mappingExtractor } from './fieldMapping.ts';
import { describeJsonError } from './jsonError.ts';
import { LineSplitter } from './lineSplitter.ts';
import { LONG_SEED_CHARS, longSeedMessage } from './longSeed.ts';
import type { LineSink } from './lineSplitter.ts';
import { firstNonSpace, locateValue } from './locate.ts';
import { QuestionIndex } from './questionIndex.ts';
import { seedHash } from './seedHash.ts';
import { isBlank } from './seedText.ts';
import { ShapeTally } from './shapeTally.ts';
import type { FileShape, IndexSeedsOptions, Seed, SeedDiagnostic, SeedErrorCode, SeedFields, SeedIndex } from './types.ts';

const OPEN_BRACE = 123;

function kindOfJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a JSON array';
  if (typeof value === 'string') return 'a JSON string';
  if (typeof value === 'number') return 'a number';
  return `${String(value)}`;
}

function invalidUtf8Warning(line: number, column: number, count: number): SeedDiagnostic {
  const more = count > 1 ? ` (${count} places on this line)` : '';
  return { severity: 'warning', code: 'invalid-utf8', line, column, endColumn: column + 1, message: `invalid UTF-8: bytes that are not UTF-8 are read as U+FFFD (\uFFFD)${more}; save the file as UTF-8` };
}

function byLine(a: SeedDiagnostic, b: SeedDiagnostic): number {
  return a.line - b.line || a.column - b.column;
}

/** Incremental: push chunks as they arrive, then finish once. */
export class SeedIndexer {
  readonly #splitter = new LineSplitter();
  readonly #sink: LineSink = {
    line: (text, lineNumber) => this.#line(text, lineNumber),
    invalidUtf8: (lineNumber, column) => this.#invalidUtf8(lineNumber, column),
  };
  readonly #extractor: SeedExtractor;
  readonly #keepSeeds: boolean;
  readonly #seeds: Seed[] = [];
  readonly #errors: SeedDiagnostic[] = [];
  readonly #duplicateWarnings: SeedDiagnostic[] = [];
  // Rare warnings about one line each (a very long seed, bytes that are not UTF-8).
  readonly #lineWarnings: SeedDiagnostic[] = [];
  // Per line: where its first byte that is not UTF-8 is, and how many there are.
  readonly #badBytes = new Map<number, { column: number; count: number }>();
  readonly #questions = new QuestionIndex();
  readonly #tally = new ShapeTally();
  readonly #out: Extracted = { question: '', answer: '', shape: 'question-answer', context: undefined, contextSource: undefined };
  readonly #onSeed: ((seed: Seed) => void) | undefined;
  #lines = 0;
  #blank = 0;
  #valid = 0;
  #finished = false;

  constructor(options: IndexSeedsOptions = {}) {
    this.#extractor = options.mapping ? mappingExtractor(options.mapping) : detectedExtractor;
    this.#keepSeeds = options.keepSeeds ?? true;
    this.#onSeed = options.onSeed;
  }

  push(chunk: Uint8Array | string): void {
    if (this.#finished) throw new Error('SeedIndexer: push after finish');
    this.#splitter.push(chunk, this.#sink);
  }

  finish(): SeedIndex {
    if (this.#finished) throw new Error('SeedIndexer: finish called twice');
    this.#finished = true;
    this.#splitter.end(this.#sink);

    const mapped = this.#extractor.fields;
    const ranked = this.#tally.ranked();
    const common = ranked[0];
    let shape: FileShape;
    let fields: SeedFields | null;
    if (mapped) {
      shape = 'mapping';
      fields = mapped;
    } else {
      shape = common === undefined ? 'none' : ranked.length > 1 ? 'mixed' : common;
      fields = common === undefined ? null : SHAPE_FIELDS[common];
    }
    const warnings = this.#duplicateWarnings.concat(this.#tally.warnings(), this.#lineWarnings, [...this.#badBytes].map(([line, bad]) => invalidUtf8Warning(line, bad.column, bad.count))).sort(byLine);
    return {
      shape,
      fields,
      seeds: this.#seeds,
      errors: this.#errors,
      warnings,
      stats: {
        lines: this.#lines,
        blank: this.#blank,
        valid: this.#valid,
        invalid: this.#errors.length,
        duplicates: this.#duplicateWarnings.length,
        shapes: this.#tally.counts(),
      },
    };
  }

  #line(text: string, line: number): void {
    this.#lines = line;
    const first = text.charCodeAt(0);
    if (first !== OPEN_BRACE && isBlank(text)) {
      this.#blank++;
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const problem = describeJsonError(text, error);
      this.#error('invalid-json', line, problem.offset, problem.length, problem.message);
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      const start = firstNonSpace(text);
      const end = text.trimEnd().length;
      this.#error('not-an-object', line, start, end - start, `line is ${kindOfJson(value)}, not an object`);
      return;
    }
    const record = value as Readonly<Record<string, unknown>>;
    const out = this.#out;
    out.context = undefined;
    out.contextSource = undefined;
    const problem = this.#extractor.extract(record, out);
    if (problem) {
      const at = locateValue(text, problem.path);
      this.#error(problem.code, line, at.offset, at.length, problem.message);
      return;
    }
    this.#valid++;
    if (out.shape !== 'mapping') this.#tally.add(out.shape, line, first === OPEN_BRACE ? 1 : firstNonSpace(text) + 1);

    const earlier = this.#questions.firstLine(out.question, line);
    if (earlier !== 0) {
      const at = locateValue(text, this.#extractor.questionPath(record, out.shape));
      this.#duplicateWarnings.push({
        severity: 'warning',
        code: 'duplicate-question',
        line,
        column: at.offset + 1,
        endColumn: at.offset + at.length + 1,
        message: `repeated question: same as line ${earlier}`,
        relatedLine: earlier,
      });
    }
    const characters = out.question.length + out.answer.length;
    if (characters > LONG_SEED_CHARS) {
      const at = locateValue(text, this.#extractor.questionPath(record, out.shape));
      this.#lineWarnings.push({ severity: 'warning', code: 'long-seed', line, column: at.offset + 1, endColumn: at.offset + 2, message: longSeedMessage(characters) });
    }
    if (this.#keepSeeds || this.#onSeed) {
      const hash = seedHash(out.question, out.answer);
      const seed: Seed = out.context === undefined
        ? { line, question: out.question, answer: out.answer, hash }
        : { line, question: out.question, answer: out.answer, hash, context: out.context, contextSource: out.contextSource ?? 'field' };
      if (this.#keepSeeds) this.#seeds.push(seed);
      this.#onSeed?.(seed);
    }
  }

  #invalidUtf8(line: number, column: number): void {
    const seen = this.#badBytes.get(line);
    if (seen) seen.count++;
    else this.#badBytes.set(line, { column, count: 1 });
  }

  #error(code: SeedErrorCode, line: number, offset: number, length: number, message: string): void {
    const column = offset + 1;
    const diagnostic: SeedDiagnostic = length > 0
      ? { severity: 'error', code, line, column, endColumn: column + length, message }
      : { severity: 'error', code, line, column, message };
    this.#errors.push(diagnostic);
  }
}
