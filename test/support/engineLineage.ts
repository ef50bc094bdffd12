// What the engine tests check on every sample: its lineage is complete and consistent with the
// seed file (hashes recomputed here, independently of the seed reader), with the prompt templates
// (hashes recomputed from their text), and with the completion bought for it (the journal's
// completion event under the recorded cache key carries the sample's text and usage).
import { createHash } from 'node:crypto';
import type { CompletionEvent, JournalEvent } from '../../src/core/journal/events.ts';
import type { ChatMessage, ChatResult, ModelRole } from '../../src/core/model/chat.ts';
import { DEFAULT_PROMPTS } from '../../src/core/prompts/defaults.ts';
import { distinctSeeds } from '../../src/core/planner/distinctSeeds.ts';
import { fewShotFor, TEACHER_FEW_SHOT } from '../../src/core/planner/fewShotRotation.ts';
import { profileSeeds } from '../../src/core/profile/index.ts';
import type { Seed } from '../../src/core/seeds/types.ts';
import { answerRequest, seedShot } from '../../src/core/strategies/teacherAnswer.ts';
import type { PromptId } from '../../src/core/prompts/template.ts';
import type { CallRecord, ModelRef, Sample, StrategyId } from '../../src/core/samples/sample.ts';
import { requestCacheKey } from '../../src/core/strategies/requestKey.ts';

export interface SeedText {
  readonly question: string;
  readonly answer: string;
}

/** sha256(question + U+0000 + answer), first 16 hex digits: the lineage id architecture.md promises. */
export function contentHash(seed: SeedText): string {
  return createHash('sha256').update(`${seed.question}\u0000${seed.answer}`).digest('hex').slice(0, 16);
}

/** The template hash from the template's own text (id, task, system, user). */
export function templateHashOf(id: PromptId): string {
  const t = DEFAULT_PROMPTS[id];
  return createHash('sha256').update(JSON.stringify([t.id, t.task, t.system, t.user])).digest('hex').slice(0, 16);
}

/** The number after the last `####` line, or undefined. */
export function finalOf(text: string): string | undefined {
  const all = [...text.matchAll(/^####\s*(.+?)\s*$/gm)];
  return all[all.length - 1]?.[1];
}

export function samplesIn(events: readonly JournalEvent[]): Sample[] {
  const seen = new Set<string>();
  const samples: Sample[] = [];
  for (const event of events) {
    if (event.type !== 'sample' || seen.has(event.sample.id)) continue;
    seen.add(event.sample.id);
    samples.push(event.sample);
  }
  return samples;
}

export function completionsIn(events: readonly JournalEvent[]): CompletionEvent[] {
  return events.filter((event): event is CompletionEvent => event.type === 'completion');
}

/** Cache keys that have more than one completion event: each is a completion bought twice. */
export function repeatedCacheKeys(events: readonly JournalEvent[]): string[] {
  const counts = new Map<string, number>();
  for (const event of completionsIn(events)) counts.set(event.cacheKey, (counts.get(event.cacheKey) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1).map(([key]) => key);
}

export interface LineageContext {
  /** Seed file line → its record, as the test wrote it. */
  readonly seeds: ReadonlyMap<number, SeedText>;
  readonly strategy: StrategyId;
  readonly teacher: ModelRef;
  /** null for Answer Augmentation (no augmenter call). */
  readonly augmenter: ModelRef | null;
  /** The API key the run used: it must appear nowhere in a sample. */
  readonly secret: string;
  /** The journal's completions by cache key. */
  readonly completions: ReadonlyMap<string, ChatResult>;
  /** Accepted sample ids New Question may show as examples. */
  readonly acceptedIds?: ReadonlySet<string>;
}

const AUGMENTER_PROMPT: Readonly<Record<StrategyId, PromptId | null>> = {
  'answer-augmentation': null,
  'question-rephrase': 'rephrase.v1',
  'new-question': 'new-question.v1',
};

/** Everything wrong with one sample's lineage; [] when complete (so a failure lists all of it). */
export function lineageProblems(sample: Sample, ctx: LineageContext): string[] {
  const problems: string[] = [];
  const say = (what: string) => problems.push(`sample ${sample.id}: ${what}`);
  if (!/^[0-9a-f]{12}$/.test(sample.id)) say(`id ${sample.id} is not 12 hex digits`);
  if (!/^run-/.test(sample.runId)) say(`runId ${sample.runId}`);
  if (sample.strategy !== ctx.strategy) say(`strategy ${sample.strategy}, expected ${ctx.strategy}`);
  if (Number.isNaN(Date.parse(sample.createdAt))) say(`createdAt ${sample.createdAt}`);

  // Seeds: the lines exist in the file and the hashes are the content hashes of those lines.
  const oneSeed = ctx.strategy !== 'new-question';
  if (sample.seedLines.length === 0 || (oneSeed && sample.seedLines.length !== 1)) say(`seedLines ${JSON.stringify(sample.seedLines)}`);
  if (sample.seedHashes.length !== sample.seedLines.length) say('seedHashes and seedLines differ in length');
  sample.seedLines.forEach((line, i) => {
    const seed = ctx.seeds.get(line);
    if (!seed) say(`seed line ${line} is not a valid line of the seed file`);
    else if (sample.seedHashes[i] !== contentHash(seed)) say(`seed hash ${sample.seedHashes[i]} does not match line ${line} (${contentHash(seed)})`);
  });
  if (ctx.strategy === 'answer-augmentation') {
    const seed = ctx.seeds.get(sample.seedLines[0] ?? -1);
    if (seed && sample.question !== seed.question) say('AA question differs from its seed question');
  }
  if (ctx.strategy !== 'new-question' && sample.exampleSampleIds.length > 0) say('examples outside New Question');
  for (const id of sample.exampleSampleIds) if (!ctx.acceptedIds?.has(id)) say(`example ${id} is not an accepted sample`);

  // Models and endpoints, never a key.
  if (JSON.stringify(sample.teacher) !== JSON.stringify(ctx.teacher)) say(`teacher ${JSON.stringify(sample.teacher)}`);
  if (JSON.stringify(sample.augmenter) !== JSON.stringify(ctx.augmenter)) say(`augmenter ${JSON.stringify(sample.augmenter)}`);
  if (JSON.stringify(sample).includes(ctx.secret)) say('the API key is in the sample');

  // Calls: which roles, which prompts, the sampling, the usage and what was bought.
  const roles = sample.calls.map((call) => call.role).join(',');
  const augmenterPrompt = AUGMENTER_PROMPT[ctx.strategy];
  if (augmenterPrompt === null) {
    if (roles !== 'teacher') say(`calls by ${roles}, expected teacher`);
  } else if (roles === 'augmenter') {
    // No teacher answer bought: only for a question the augmenter output could not give.
    if (sample.flags.length === 0 || sample.answer !== '') say('an augmenter-only sample must be flagged and have no answer');
  } else if (roles !== 'augmenter,teacher') say(`calls by ${roles}, expected augmenter,teacher`);
  for (const call of sample.calls) problems.push(...callProblems(sample, call, call.role === 'teacher' ? 'answer.cot.v1' : augmenterPrompt, ctx));
  return problems;
}

function callProblems(sample: Sample, call: CallRecord, promptId: PromptId | null, ctx: LineageContext): string[] {
  const problems: string[] = [];
  const say = (what: string) => problems.push(`sample ${sample.id} ${call.role} call: ${what}`);
  if (promptId === null) return [`sample ${sample.id}: an augmenter call in ${ctx.strategy}`];
  if (call.prompt.id !== promptId) say(`prompt ${call.prompt.id}, expected ${promptId}`);
  if (call.prompt.hash !== templateHashOf(promptId)) say(`prompt hash ${call.prompt.hash}, expected ${templateHashOf(promptId)}`);
  if (!/^[0-9a-f]{64}$/.test(call.cacheKey)) say(`cache key ${call.cacheKey}`);
  const { temperature, maxTokens, seed } = call.sampling;
  if (!(temperature > 0 && temperature <= 2) || !(Number.isInteger(maxTokens) && maxTokens > 0) || !Number.isInteger(seed)) say(`sampling ${JSON.stringify(call.sampling)}`);
  if (!(call.usage.promptTokens > 0) || !(call.usage.completionTokens >= 0)) say(`usage ${JSON.stringify(call.usage)}`);
  if (typeof call.bought !== 'boolean') say('bought is not a boolean');
  const bought = ctx.completions.get(call.cacheKey);
  if (!bought) say('no completion in the journal under its cache key');
  else if (JSON.stringify(bought.usage) !== JSON.stringify(call.usage)) say(`usage ${JSON.stringify(call.usage)} differs from the completion's ${JSON.stringify(bought.usage)}`);
  if (call.role === 'teacher') {
    if (bought && bought.content !== sample.answer) say("the sample's answer is not the completion's content");
    // The recorded call is the request for this very question, model and sampling.
    const request = { role: 'teacher' as ModelRole, model: ctx.teacher.model, messages: teacherMessages(sample, call, ctx), sampling: call.sampling };
    if (requestCacheKey(request) !== call.cacheKey) say('cache key is not the key of (teacher model, answer prompt for this question, sampling)');
  }
  return problems;
}

/**
 * The answer prompt the strategy renders for this sample: the question with the few-shot seeds
 * its unit showed (the planner's choice for AA and QR, the window's first seeds for NQ) and the
 * format of the seeds' kind.
 */
function teacherMessages(sample: Sample, call: CallRecord, ctx: LineageContext): readonly ChatMessage[] {
  const seedOf = (line: number): Seed => {
    const text = ctx.seeds.get(line);
    if (text === undefined) throw new Error(`no seed text for line ${line}`);
    return { line, question: text.question, answer: text.answer, hash: contentHash(text) };
  };
  const pool = distinctSeeds([...ctx.seeds.keys()].sort((a, b) => a - b).map(seedOf));
  let fewShot: Seed[];
  if (sample.strategy === 'new-question') fewShot = sample.seedLines.map(seedOf).slice(0, TEACHER_FEW_SHOT);
  else {
    const seed = seedOf(sample.seedLines[0]!);
    const round = sample.strategy === 'answer-augmentation' ? (call.sampling.seed ?? 0) : (sample.calls.find((c) => c.role === 'augmenter')?.sampling.seed ?? 0);
    const key = `${sample.strategy === 'answer-augmentation' ? 'aa' : 'qr'}:${seed.hash}:${round}`;
    fewShot = fewShotFor(pool, key, pool.findIndex((s) => s.hash === seed.hash));
  }
  const shot = seedShot(profileSeeds(pool), fewShot, undefined);
  return answerRequest(DEFAULT_PROMPTS['answer.cot.v1'], sample.question, { teacherModel: ctx.teacher.model, augmenterModel: '' }, call.sampling.seed ?? 0, shot).messages;
}

export interface RoleTotals {
  /** Calls with bought: true: each query counted once over all samples. */
  bought: number;
  promptTokens: number;
  completionTokens: number;
}

/** Bought calls and their usage per role, over samples (shared calls are bought by one sample only). */
export function boughtTotals(samples: readonly Sample[]): Record<ModelRole, RoleTotals> {
  const totals: Record<ModelRole, RoleTotals> = {
    teacher: { bought: 0, promptTokens: 0, completionTokens: 0 },
    augmenter: { bought: 0, promptTokens: 0, completionTokens: 0 },
  };
  for (const sample of samples) {
    for (const call of sample.calls) {
      if (!call.bought) continue;
      const t = totals[call.role];
      t.bought++;
      t.promptTokens += call.usage.promptTokens;
      t.completionTokens += call.usage.completionTokens;
    }
  }
  return totals;
}

/** The bought calls' cache keys over samples; a key twice means one purchase claimed twice. */
export function boughtKeys(samples: readonly Sample[]): string[] {
  return samples.flatMap((sample) => sample.calls.filter((call) => call.bought).map((call) => call.cacheKey));
}
