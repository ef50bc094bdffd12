// Builds a file's answer profile from its seeds, one at a time, in bounded memory: counts per
// kind, the distinct short answers up to a small cap, an inferred JSON schema, language and marker
// tallies, and the answer length range. Nothing keeps the answers themselves.
import type { Seed } from '../seeds/types.ts';
import { classifyAnswer } from './classifyAnswer.ts';
import type { AnswerShape } from './classifyAnswer.ts';
import { JsonSchemaInference } from './jsonSchema.ts';
import { looksLikeSqlOpening, sqlTextOf } from './sqlStatement.ts';
import { ANSWER_KINDS } from './types.ts';
import type { AnswerKind, AnswerProfile, NumericMarker } from './types.ts';

/** More distinct short answers than this and they are free text, not a closed set of labels. */
export const MAX_LABELS = 30;

/**
 * SQL-looking answers parsed per file (the parser costs ~0.2 ms an answer: 20,000 Spider-sized
 * queries took 3–6 s). Past this sample, an answer opening with a SQL keyword counts as SQL when
 * most parsed ones did, and as not SQL otherwise.
 */
export const SQL_PARSE_SAMPLE = 2000;

/**
 * Bare whole numbers are labels ("0"/"1", a 1–5 rating) rather than numeric answers when they come
 * from a tiny closed set with many repeats: at most this many distinct values…
 */
export const MAX_NUMBER_LABELS = 10;
/** …each seen this many times on average. Math answers vary; a label set repeats. */
const NUMBER_LABEL_REPEATS = 3;
const WHOLE_NUMBER = /^[-+]?\d+$/;

type Counted = Exclude<AnswerKind, 'label'> | 'short';

class Tally<K> {
  readonly #counts = new Map<K, number>();
  add(key: K): void {
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
  }
  /** Most frequent first; ties keep first-seen order. */
  ranked(): K[] {
    return this.entries().sort((a, b) => b[1] - a[1]).map(([key]) => key);
  }
  /** In first-seen order. */
  entries(): [K, number][] {
    return [...this.#counts.entries()];
  }
  get(key: K): number {
    return this.#counts.get(key) ?? 0;
  }
  get size(): number {
    return this.#counts.size;
  }
}

export interface ProfileOptions {
  /** The user's choice (settings or seedsmith.jsonc); `auto` or undefined detects. */
  readonly kind?: AnswerKind | 'auto';
}

export class AnswerProfileBuilder {
  readonly #kinds = new Tally<Counted>();
  readonly #labels = new Tally<string>();
  #labelsOverflow = false;
  /** Bare whole-number answers (numeric with no marker), as written, while they may be labels. */
  readonly #numberLabels = new Tally<string>();
  #bareNumbers = 0;
  #numberLabelsRuledOut = false;
  readonly #markers = new Tally<NumericMarker>();
  readonly #languages = new Tally<string>();
  #fenced = 0;
  #codeLike = 0;
  readonly #json = new JsonSchemaInference();
  #seeds = 0;
  #withContext = 0;
  #minWords = Infinity;
  #maxWords = 0;
  #sqlParsed = 0;
  #sqlParsedOk = 0;

  add(seed: Pick<Seed, 'answer' | 'context'>): void {
    this.#seeds++;
    if (seed.context !== undefined) this.#withContext++;
    const words = wordCount(seed.answer);
    this.#minWords = Math.min(this.#minWords, words);
    this.#maxWords = Math.max(this.#maxWords, words);
    const shape = this.#classify(seed.answer);
    this.#kinds.add(shape.kind);
    switch (shape.kind) {
      case 'json':
        this.#json.add(shape.value);
        break;
      case 'numeric':
        this.#markers.add(shape.marker);
        if (shape.marker === 'none') this.#addBareNumber(seed.answer.trim());
        break;
      case 'sql':
      case 'code':
        this.#codeLike++;
        if (shape.fenced) this.#fenced++;
        if (shape.kind === 'sql') this.#languages.add('sql');
        else if (shape.language !== null) this.#languages.add(shape.language);
        break;
      case 'short':
        // Past the cap only membership of the known labels is counted; the set is not closed anyway.
        if (this.#labels.size < MAX_LABELS || this.#labels.get(shape.label) > 0) this.#labels.add(shape.label);
        else this.#labelsOverflow = true;
        break;
      case 'text':
        break;
    }
  }

  #addBareNumber(value: string): void {
    this.#bareNumbers++;
    if (this.#numberLabelsRuledOut) return;
    // "$5", "2.5", "1,200" are amounts, not labels; past the cap the set is not tiny.
    if (!WHOLE_NUMBER.test(value) || (this.#numberLabels.size >= MAX_NUMBER_LABELS && this.#numberLabels.get(value) === 0)) this.#numberLabelsRuledOut = true;
    else this.#numberLabels.add(value);
  }

  /** Whether the bare numbers are a tiny closed set of labels (see MAX_NUMBER_LABELS). */
  #numbersAreLabels(): boolean {
    const distinct = this.#numberLabels.size;
    return this.#bareNumbers > 0 && !this.#numberLabelsRuledOut && this.#bareNumbers >= NUMBER_LABEL_REPEATS * distinct;
  }

  #classify(answer: string): AnswerShape {
    if (this.#sqlParsed < SQL_PARSE_SAMPLE) {
      const shape = classifyAnswer(answer);
      if (looksLikeSqlOpening(sqlTextOf(answer))) {
        this.#sqlParsed++;
        if (shape.kind === 'sql') this.#sqlParsedOk++;
      }
      return shape;
    }
    return classifyAnswer(answer, this.#sqlParsedOk * 2 > this.#sqlParsed ? 'assume' : 'skip');
  }

  finish(options: ProfileOptions = {}): AnswerProfile {
    const seeds = this.#seeds;
    const short = this.#kinds.get('short');
    // A closed set: few distinct values, most of them repeated (three answers "a", "b", "c" are not yet a set).
    const distinct = this.#labels.size;
    const closed = short > 0 && !this.#labelsOverflow && distinct <= Math.max(2, Math.ceil(short / 2));
    const counts: Record<AnswerKind, number> = { numeric: 0, label: 0, json: 0, sql: 0, code: 0, text: 0 };
    for (const kind of ANSWER_KINDS) if (kind !== 'label') counts[kind] = this.#kinds.get(kind);
    if (closed) counts.label = short;
    else counts.text += short;
    const numberLabels = this.#numbersAreLabels();
    if (numberLabels) {
      counts.numeric -= this.#bareNumbers;
      counts.label += this.#bareNumbers;
    }

    let detected: AnswerKind = 'text';
    for (const kind of ANSWER_KINDS) if (counts[kind] > counts[detected]) detected = kind;
    const overridden = options.kind !== undefined && options.kind !== 'auto';
    const chosen = overridden ? (options.kind as AnswerKind) : detected;
    const profile: { -readonly [K in keyof AnswerProfile]: AnswerProfile[K] } = {
      kind: chosen,
      share: seeds === 0 ? 0 : counts[chosen] / seeds,
      source: overridden ? 'setting' : 'detected',
      seeds,
      counts,
    };
    switch (chosen) {
      case 'numeric':
        profile.marker = this.#markers.ranked()[0] ?? '####';
        break;
      case 'label': {
        const labels = [...(closed ? this.#labels.entries() : []), ...(numberLabels ? this.#numberLabels.entries() : [])];
        // Most frequent first; ties keep first-seen order within each set, words before numbers.
        if (labels.length > 0) profile.labels = labels.sort((a, b) => b[1] - a[1]).map(([label]) => label);
        break;
      }
      case 'json': {
        const schema = this.#json.schema();
        if (schema) profile.schema = schema;
        break;
      }
      case 'sql':
        profile.language = 'sql';
        profile.fenced = this.#fenced * 2 > this.#codeLike;
        break;
      case 'code': {
        const language = this.#languages.ranked().find((name) => name !== 'sql') ?? this.#languages.ranked()[0];
        if (language !== undefined) profile.language = language;
        profile.fenced = this.#fenced * 2 > this.#codeLike;
        break;
      }
      case 'text':
        break;
    }
    if (seeds > 0) profile.lengthRange = { min: this.#minWords, max: this.#maxWords, unit: 'words' };
    if (this.#withContext > 0) profile.context = { seeds: this.#withContext, share: this.#withContext / seeds };
    return profile;
  }
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Words as tokenize counts them (the text checks compare with that), without building the array. */
function wordCount(text: string): number {
  WORD.lastIndex = 0;
  let n = 0;
  while (WORD.exec(text) !== null) n++;
  return n;
}

/** The profile of seeds already in memory. */
export function profileSeeds(seeds: Iterable<Pick<Seed, 'answer' | 'context'>>, options: ProfileOptions = {}): AnswerProfile {
  const builder = new AnswerProfileBuilder();
  for (const seed of seeds) builder.add(seed);
  return builder.finish(options);
}
