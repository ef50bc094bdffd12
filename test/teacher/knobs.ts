// The teacher's behaviour switches. Defaults describe a well-behaved, fast teacher; tests turn
// on exactly the misbehaviour they want to exercise. Knobs can change at runtime (configure()
// or POST /__teacher/config) so one server can serve a whole browser test.

export interface TeacherKnobs {
  /** Fixed delay before answering a chat completion, in ms. */
  latencyMs: number;
  /** Extra delay drawn uniformly from [0, latencyJitterMs] per request (seeded, reproducible). */
  latencyJitterMs: number;
  /** Delay between streamed chunks, in ms; lets tests abort in the middle of a stream. */
  chunkDelayMs: number;
  /** Fraction of requests answered with `errorStatus` before any completion is produced. */
  errorRate: number;
  errorStatus: 500 | 502 | 503;
  /** Retry-After for injected 5xx; null (like OpenAI) sends none and the client backs off on its own. */
  errorRetryAfterSeconds: number | null;
  /** Fraction of requests answered 429 at random (independent of requestsPerMinute). */
  rateLimit429Rate: number;
  /** Retry-After sent with random 429s; fractions are sent exactly in retry-after-ms. */
  retryAfterSeconds: number;
  /** Sliding-window limit on requests per window; null means unlimited. */
  requestsPerMinute: number | null;
  /** Window of the requestsPerMinute limit; 60 000 in real life, shorter in tests. */
  rateLimitWindowMs: number;
  /** Retry-After sent with requestsPerMinute refusals; null sends the exact wait, a number (seconds) mimics servers whose hint is too short. */
  rateLimitRetryAfterSeconds: number | null;
  /** Fraction of requests accepted and never answered, until the client gives up. */
  hangRate: number;
  /** Fraction of choices cut short with finish_reason "length". */
  truncateRate: number;
  /** Fraction of choices whose output is broken: invalid JSON, or an answer without "####". */
  malformedJsonRate: number;
  /** Fraction of choices with empty content. */
  emptyRate: number;
  /** Fraction of choices that refuse (the `refusal` field for json_schema, refusal text otherwise). */
  refusalRate: number;
  /** Fraction of answer-task choices whose final number is deliberately wrong. */
  wrongAnswerRate: number;
  /**
   * Fraction of answer-task choices written in the wrong shape for the kind the few-shot examples
   * show: prose around a label, JSON or SQL, code without its fence, a one-word text, a worked
   * number without its final-answer line. Drawn apart from the other faults.
   */
  wrongShapeRate: number;
  /** Seed of every fault decision; with the same seed and request order a run repeats exactly. */
  seed: number;
  /** If set, only these model ids exist (others get 404); also what GET /v1/models lists. */
  models: readonly string[] | null;
  /** If set, requests must carry `Authorization: Bearer <requireApiKey>` (else 401). */
  requireApiKey: string | null;
  /** The k-th 401 or 404 (from 0) waits k × this before it is sent: the first comes back while later ones are still in flight. */
  rejectStaggerMs: number;
  /** Fraction of requests answered HTTP 200 with a body that is not a chat completion (cut-off JSON); the model ran. */
  malformedBodyRate: number;
  /** Every chat request is answered 400 with a message that echoes parts of the caller's Bearer token, as careless gateways do. */
  echoKeyIn400: boolean;
  /** Chat requests with response_format json_schema get a 400 naming the parameter, as endpoints without structured output answer. */
  rejectResponseFormat: boolean;
  /** Batches (/v1/batches): how long a batch stays in progress before its lines run, in ms. */
  batchDelayMs: number;
  /** Batches: how long a finished batch shows status `completed` before its output file ids appear, in ms. */
  batchFileDelayMs: number;
  /** Batches: fraction of lines answered with a 500 in the error file (the model may have run). */
  batchLineErrorRate: number;
  /** Batches: fraction of lines left unrun and reported `batch_expired`; a request expires at most once, so a resubmission runs. */
  batchExpireRate: number;
  /** Batches: fraction of lines in neither the output nor the error file. */
  batchDropRate: number;
  /** Batches: when set, every batch fails validation with this message (nothing runs). */
  batchValidationError: string | null;
  /** Batches: output and error lines in a random order instead of the input's. */
  batchShuffle: boolean;
  /** Every chat request is answered 429 insufficient_quota, as OpenAI answers an account out of credit: no wait cures it. */
  insufficientQuota: boolean;
  /** False: GET /v1/models (and Azure's /openai/models) answer 404, as endpoints without a listing do. */
  listModels: boolean;
  /** False: `seed` is read and ignored, the wording follows the per-prompt counter (as if unseeded). */
  honoursSeed: boolean;
  /**
   * The api-versions the Azure routes (/openai/deployments/{d}/chat/completions?api-version=…)
   * accept; null accepts any non-empty one. A request without api-version is answered 404, as
   * Azure does ("Resource not found").
   */
  azureApiVersions: readonly string[] | null;
}

/** What GET /v1/models lists when no allow-list is configured. */
export const DEFAULT_MODEL_IDS: readonly string[] = ['seedsmith-teacher', 'seedsmith-augmenter'];

export const DEFAULT_KNOBS: Readonly<TeacherKnobs> = Object.freeze({
  latencyMs: 0,
  latencyJitterMs: 0,
  chunkDelayMs: 0,
  errorRate: 0,
  errorStatus: 500,
  errorRetryAfterSeconds: null,
  rateLimit429Rate: 0,
  retryAfterSeconds: 1,
  requestsPerMinute: null,
  rateLimitWindowMs: 60_000,
  rateLimitRetryAfterSeconds: null,
  hangRate: 0,
  truncateRate: 0,
  malformedJsonRate: 0,
  emptyRate: 0,
  refusalRate: 0,
  wrongAnswerRate: 0,
  wrongShapeRate: 0,
  seed: 1,
  models: null,
  requireApiKey: null,
  rejectStaggerMs: 0,
  malformedBodyRate: 0,
  echoKeyIn400: false,
  rejectResponseFormat: false,
  batchDelayMs: 0,
  batchFileDelayMs: 0,
  batchLineErrorRate: 0,
  batchExpireRate: 0,
  batchDropRate: 0,
  batchValidationError: null,
  batchShuffle: false,
  insufficientQuota: false,
  listModels: true,
  honoursSeed: true,
  azureApiVersions: null,
});

const RATE_KEYS = [
  'errorRate',
  'rateLimit429Rate',
  'hangRate',
  'truncateRate',
  'malformedJsonRate',
  'emptyRate',
  'refusalRate',
  'wrongAnswerRate',
  'malformedBodyRate',
  'wrongShapeRate',
  'batchLineErrorRate',
  'batchExpireRate',
  'batchDropRate',
] as const;
const NON_NEGATIVE_KEYS = ['latencyMs', 'latencyJitterMs', 'chunkDelayMs', 'retryAfterSeconds', 'rejectStaggerMs', 'batchDelayMs', 'batchFileDelayMs'] as const;
const KNOWN_KEYS = new Set<string>(Object.keys(DEFAULT_KNOBS));

/**
 * Validates a knob patch from an untrusted source (admin endpoint, command line) and returns it
 * typed. Throws an Error naming the offending key, so a typo in a browser test fails loudly
 * instead of silently leaving the teacher well-behaved.
 */
export function parseKnobPatch(input: unknown): Partial<TeacherKnobs> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new Error('knobs must be a JSON object');
  }
  // An undefined value means "not given" (a TypeScript Partial), never "set to undefined".
  const record = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const patch: Partial<TeacherKnobs> = {};
  for (const key of Object.keys(record)) {
    if (!KNOWN_KEYS.has(key)) throw new Error(`unknown knob "${key}"`);
  }
  for (const key of RATE_KEYS) {
    if (key in record) patch[key] = rate(key, record[key]);
  }
  for (const key of NON_NEGATIVE_KEYS) {
    if (key in record) patch[key] = nonNegative(key, record[key]);
  }
  if ('errorStatus' in record) {
    const v = record.errorStatus;
    if (v !== 500 && v !== 502 && v !== 503) throw new Error('knob "errorStatus" must be 500, 502 or 503');
    patch.errorStatus = v;
  }
  if ('rateLimitRetryAfterSeconds' in record) {
    const v = record.rateLimitRetryAfterSeconds;
    patch.rateLimitRetryAfterSeconds = v === null ? null : nonNegative('rateLimitRetryAfterSeconds', v);
  }
  if ('errorRetryAfterSeconds' in record) {
    const v = record.errorRetryAfterSeconds;
    patch.errorRetryAfterSeconds = v === null ? null : nonNegative('errorRetryAfterSeconds', v);
  }
  if ('requestsPerMinute' in record) {
    const v = record.requestsPerMinute;
    patch.requestsPerMinute = v === null ? null : positiveInteger('requestsPerMinute', v);
  }
  if ('rateLimitWindowMs' in record) patch.rateLimitWindowMs = positiveInteger('rateLimitWindowMs', record.rateLimitWindowMs);
  if ('seed' in record) {
    const v = record.seed;
    if (typeof v !== 'number' || !Number.isInteger(v)) throw new Error('knob "seed" must be an integer');
    patch.seed = v;
  }
  if ('models' in record) {
    const v = record.models;
    if (v !== null && !(Array.isArray(v) && v.length > 0 && v.every((m) => typeof m === 'string' && m !== ''))) {
      throw new Error('knob "models" must be null or a non-empty array of model ids');
    }
    patch.models = v === null ? null : [...(v as string[])];
  }
  if ('requireApiKey' in record) {
    const v = record.requireApiKey;
    if (v !== null && (typeof v !== 'string' || v === '')) throw new Error('knob "requireApiKey" must be null or a non-empty string');
    patch.requireApiKey = v;
  }
  for (const key of ['echoKeyIn400', 'listModels', 'honoursSeed'] as const) {
    if (!(key in record)) continue;
    const v = record[key];
    if (typeof v !== 'boolean') throw new Error(`knob "${key}" must be a boolean`);
    patch[key] = v;
  }
  if ('azureApiVersions' in record) {
    const v = record.azureApiVersions;
    if (v !== null && !(Array.isArray(v) && v.length > 0 && v.every((m) => typeof m === 'string' && m !== ''))) {
      throw new Error('knob "azureApiVersions" must be null or a non-empty array of api-versions');
    }
    patch.azureApiVersions = v === null ? null : [...(v as string[])];
  }
  if ('rejectResponseFormat' in record) {
    if (typeof record.rejectResponseFormat !== 'boolean') throw new Error('knob "rejectResponseFormat" must be a boolean');
    patch.rejectResponseFormat = record.rejectResponseFormat;
  }
  if ('batchValidationError' in record) {
    const v = record.batchValidationError;
    if (v !== null && (typeof v !== 'string' || v === '')) throw new Error('knob "batchValidationError" must be null or a non-empty string');
    patch.batchValidationError = v;
  }
  if ('batchShuffle' in record) {
    if (typeof record.batchShuffle !== 'boolean') throw new Error('knob "batchShuffle" must be a boolean');
    patch.batchShuffle = record.batchShuffle;
  }
  if ('insufficientQuota' in record) {
    if (typeof record.insufficientQuota !== 'boolean') throw new Error('knob "insufficientQuota" must be a boolean');
    patch.insufficientQuota = record.insufficientQuota;
  }
  return patch;
}

/** Applies a (validated) patch; the result is a fresh frozen object so readers never see a half-update. */
export function mergeKnobs(base: Readonly<TeacherKnobs>, patch: Partial<TeacherKnobs>): Readonly<TeacherKnobs> {
  const merged: TeacherKnobs = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    // undefined means "not given" in a Partial; null is a real value (clears models / key).
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  return Object.freeze(merged);
}

function rate(key: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) {
    throw new Error(`knob "${key}" must be a number between 0 and 1`);
  }
  return v;
}

function nonNegative(key: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(`knob "${key}" must be a number >= 0`);
  return v;
}

function positiveInteger(key: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new Error(`knob "${key}" must be a positive integer`);
  return v;
}
