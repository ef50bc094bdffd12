// The two ModelCallers a batch run hands the strategies, so the strategies' own code decides
// which requests a unit needs and how their answers become samples, exactly as online:
// - collecting: answers what the session has bought (the cache) and writes down every other
//   request. An augmenter request stops the unit (the teacher requests depend on its answer: the
//   next batch); a teacher request gets a placeholder answer so the unit goes on and all of its
//   teacher requests are written down in one pass (the drafts made from placeholders are thrown away).
// - cache only: answers from the cache and throws for anything not bought yet, for building samples.
import type { ChatRequest, ChatResult } from '../model/chat.ts';
import { ChatError } from '../model/errors.ts';
import type { PromptRef, SampleDraft } from '../samples/sample.ts';
import type { SessionState } from '../journal/state.ts';
import { requestCacheKey } from '../strategies/requestKey.ts';
import type { CallReceipt, IncrementalStrategy, ReceiptModelCaller } from '../strategies/strategyRun.ts';
import type { PlanOptions, WorkUnit } from '../strategies/strategy.ts';
import { sampleIdOf } from '../engine/sampleIds.ts';

export interface CollectedRequest {
  readonly request: ChatRequest;
  readonly cacheKey: string;
  /** What the line feeds: the sample id for a teacher request, the unit's for an augmenter request. */
  readonly ref: string;
}

export interface UnitNeeds {
  /** Requests to put in the next batch. */
  readonly requests: readonly CollectedRequest[];
  /** The unit waits for requests already out in a batch. */
  readonly waiting: boolean;
  /** The unit needs a request this run will not send again (it failed once in this run). */
  readonly blocked: boolean;
}

class Deferred extends Error {}

const PLACEHOLDER = (model: string): ChatResult => ({ content: '', refusal: null, finishReason: 'stop', usage: { promptTokens: 0, completionTokens: 0 }, model, requestId: null, attempts: 0, latencyMs: 0 });

/**
 * What `unit` still needs bought. `outstanding`: cache keys of lines out in a batch; `excluded`:
 * cache keys this run gave up on (their line failed), never resent by it.
 */
export async function collectUnit(strategy: IncrementalStrategy, unit: WorkUnit, options: PlanOptions, state: SessionState, outstanding: ReadonlySet<string>, excluded: ReadonlySet<string>): Promise<UnitNeeds> {
  const requests = new Map<string, CollectedRequest>();
  let waiting = false;
  let blocked = false;
  const call = async (request: ChatRequest, _prompt: PromptRef): Promise<ChatResult> => {
    const cacheKey = requestCacheKey(request);
    const cached = state.cache.get(cacheKey);
    if (cached) return cached;
    if (outstanding.has(cacheKey)) waiting = true;
    else if (excluded.has(cacheKey)) blocked = true;
    else if (!requests.has(cacheKey)) requests.set(cacheKey, { request, cacheKey, ref: sampleIdOf(unit.key, `@${request.role}:${requests.size}`) });
    if (request.role === 'augmenter') throw new Deferred();
    return PLACEHOLDER(request.model);
  };
  // Teacher lines are named after the sample they feed, known once the unit hands the draft over.
  const onSample = (draft: SampleDraft): void => {
    for (const record of draft.calls) {
      const collected = requests.get(record.cacheKey);
      if (collected && record.role === 'teacher') requests.set(record.cacheKey, { ...collected, ref: sampleIdOf(unit.key, draft.outputKey) });
    }
  };
  try {
    await strategy.runUnit(unit, { call }, options, new AbortController().signal, onSample);
  } catch (error) {
    if (!(error instanceof Deferred)) throw error;
  }
  return { requests: [...requests.values()], waiting, blocked };
}

/** Answers from the cache only; `boughtFor` says whether a cached answer was bought for this unit (its first unit). */
export function cacheOnlyCaller(state: SessionState, boughtFor: (cacheKey: string) => boolean): ReceiptModelCaller {
  const callWithReceipt = async (request: ChatRequest, _prompt: PromptRef): Promise<{ result: ChatResult; receipt: CallReceipt }> => {
    const cacheKey = requestCacheKey(request);
    const cached = state.cache.get(cacheKey);
    if (!cached) throw new ChatError('bad-request', 'Not bought yet: the batch line for this request has no answer.');
    return { result: cached, receipt: { cacheKey, bought: boughtFor(cacheKey) } };
  };
  return { callWithReceipt, call: async (request, prompt) => (await callWithReceipt(request, prompt)).result };
}
