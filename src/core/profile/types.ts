// The answer profile of a seed file: what shape the user's answers have, so prompts ask for that
// shape and checks judge it. Computed once per file from a stream of seeds.

/** The kinds of task fine-tuning data comes in (method.md, "Task kinds"). */
export type AnswerKind = 'numeric' | 'label' | 'json' | 'sql' | 'code' | 'text';

export const ANSWER_KINDS: readonly AnswerKind[] = ['numeric', 'label', 'json', 'sql', 'code', 'text'];

export function isAnswerKind(value: unknown): value is AnswerKind {
  return typeof value === 'string' && (ANSWER_KINDS as readonly string[]).includes(value);
}

/** How a numeric answer states its final value; `none` is a bare number. */
export type NumericMarker = '####' | '\\boxed{}' | 'The answer is' | 'none';

/** The subset of JSON Schema (draft-07) that inference produces and the json check validates. */
export interface JsonSchema {
  readonly type?: JsonTypeName | readonly JsonTypeName[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  /** false when inference saw every key the seeds use (so another key is a change of shape). */
  readonly additionalProperties?: false;
  readonly items?: JsonSchema;
}

export type JsonTypeName = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

export interface LengthRange {
  /** Words (letters and digits runs, as the duplicate check counts them). */
  readonly min: number;
  readonly max: number;
  readonly unit: 'words';
}

export interface AnswerProfile {
  readonly kind: AnswerKind;
  /** Share of the seeds whose own answer is of `kind`, 0–1 (0 for a file without seeds). */
  readonly share: number;
  /** detected: by majority; setting: the user chose the kind (share still says how many agree). */
  readonly source: 'detected' | 'setting';
  readonly seeds: number;
  /** Seeds per kind, each seed counted once. */
  readonly counts: Readonly<Record<AnswerKind, number>>;
  /** numeric: the final-answer marker most numeric seeds use. */
  readonly marker?: NumericMarker;
  /** label: the closed set, most frequent first. */
  readonly labels?: readonly string[];
  /** json: inferred from every JSON answer. */
  readonly schema?: JsonSchema;
  /** code (and sql when fenced): the language most code seeds use. */
  readonly language?: string;
  /** code: whether most code seeds wrap their answer in a ``` fence. */
  readonly fenced?: boolean;
  /** The seeds' answer lengths, whatever the kind (text checks and estimates use it). */
  readonly lengthRange?: LengthRange;
  /** Seeds that carry a context apart from their question (Alpaca input, schema, system message). */
  readonly context?: { readonly seeds: number; readonly share: number };
}
