// What the strategies add to the Strategy contract of strategy.ts (which stays as it is):
//
// 1. Samples are handed over as they complete. `Strategy.run` returns an array, so when a model
//    call throws half-way through a unit (budget exhausted, cancelled) the samples already made
//    would be lost with the promise. `runUnit` calls `onSample` (and awaits it, so the engine can
//    journal durably) for every sample the moment it is complete, then lets the model error
//    propagate unchanged. `run` is `runUnit` with a sink that does nothing.
//
// 2. Receipts. A CallRecord needs the cache key and whether a query was bought, which only the
//    engine knows; ModelCaller.call returns a bare ChatResult. An engine that implements
//    `ReceiptModelCaller.callWithReceipt` gives the strategies both. With a plain ModelCaller the
//    cache key is `requestCacheKey(request)` and every call counts as bought.
import type { ChatRequest, ChatResult } from '../model/chat.ts';
import type { PromptRef, SampleDraft } from '../samples/sample.ts';
import type { ModelCaller, PlanOptions, Strategy, WorkUnit } from './strategy.ts';

export type SampleSink = (draft: SampleDraft) => void | Promise<void>;

export interface CallReceipt {
  /** The key the engine caches this request under. */
  readonly cacheKey: string;
  /** False when the result came from the cache and no query was bought. */
  readonly bought: boolean;
}

export interface ReceiptModelCaller extends ModelCaller {
  callWithReceipt(request: ChatRequest, prompt: PromptRef): Promise<{ readonly result: ChatResult; readonly receipt: CallReceipt }>;
}

export interface IncrementalStrategy extends Strategy {
  /**
   * Runs one unit. Each sample goes to `onSample` as soon as it is complete, in outputKey order,
   * and the same samples are returned at the end. When a model call throws (or `signal` is
   * aborted between calls, as a ChatError of kind "aborted"), the samples completed before it
   * have already been handed to `onSample`, and the error is rethrown as it is.
   */
  runUnit(unit: WorkUnit, models: ModelCaller, options: PlanOptions, signal: AbortSignal, onSample: SampleSink): Promise<SampleDraft[]>;
}

export function hasReceipts(models: ModelCaller): models is ReceiptModelCaller {
  return typeof (models as Partial<ReceiptModelCaller>).callWithReceipt === 'function';
}
