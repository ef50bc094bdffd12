// One model call as the strategies make it: cancellation is checked first, and the call comes
// back with the CallRecord that goes into the samples it feeds.
import type { ChatRequest, ChatResult } from '../model/chat.ts';
import { ChatError } from '../model/errors.ts';
import type { CallRecord, PromptRef } from '../samples/sample.ts';
import type { ModelCaller } from './strategy.ts';
import { requestCacheKey } from './requestKey.ts';
import { hasReceipts } from './strategyRun.ts';

export interface CallOutcome {
  readonly result: ChatResult;
  readonly record: CallRecord;
}

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new ChatError('aborted', 'The run was cancelled.', null, { cause: signal.reason });
}

export async function callModel(models: ModelCaller, request: ChatRequest, prompt: PromptRef, signal: AbortSignal): Promise<CallOutcome> {
  throwIfAborted(signal);
  let result: ChatResult;
  let cacheKey: string;
  let bought: boolean;
  if (hasReceipts(models)) {
    const served = await models.callWithReceipt(request, prompt);
    result = served.result;
    ({ cacheKey, bought } = served.receipt);
  } else {
    result = await models.call(request, prompt);
    cacheKey = requestCacheKey(request);
    bought = true;
  }
  const record: CallRecord = {
    role: request.role,
    cacheKey,
    prompt: { id: prompt.id, hash: prompt.hash, ...(prompt.kind === undefined ? {} : { kind: prompt.kind }) },
    sampling: request.sampling,
    usage: result.usage,
    finishReason: result.finishReason,
    bought,
    ...(request.responseFormat !== undefined && result.structuredOutput !== undefined ? { structuredOutput: result.structuredOutput } : {}),
  };
  return { result, record };
}

/**
 * Shares one call among the samples it fed: the first sample handed over carries the record as
 * it is, later ones carry `bought: false`, so adding up bought calls over samples counts each
 * query once.
 */
export class SharedCall {
  readonly #record: CallRecord;
  #claimed = false;

  constructor(record: CallRecord) {
    this.#record = record;
  }

  claim(): CallRecord {
    if (this.#claimed) return { ...this.#record, bought: false };
    this.#claimed = true;
    return this.#record;
  }
}
