// createChatClient: core's ChatClient over any OpenAI-compatible endpoint, with every HTTP attempt
// (the SDK's own retries included) metered, at most a window of attempts in flight, and errors
// turned into ChatErrors a person can act on.
import type { AttemptMeter, ChatClient, ChatRequest, ChatResult, StructuredOutputWay } from '../core/model/chat.ts';
import type { AzureTarget } from '../core/providers/provider.ts';
import { ChatError } from '../core/model/errors.ts';
import type { CallContext } from './callRegistry.ts';
import { CALL_HEADER, CallRegistry } from './callRegistry.ts';
import type { MaxTokensField } from './chatBody.ts';
import { buildChatBody, resolveMaxTokensField } from './chatBody.ts';
import { createBufferedFetch } from './bufferedFetch.ts';
import { toChatResult } from './chatResult.ts';
import { badBaseUrlReason, describeEndpoint } from './endpoint.ts';
import { cancelledError, toChatError } from './errorMapping.ts';
import type { TeacherEventListener } from './events.ts';
import type { FetchLike } from './meteredFetch.ts';
import { createMeteredFetch } from './meteredFetch.ts';
import type { RateSnapshot } from './rateController.ts';
import { RateController } from './rateController.ts';
import { refusesResponseFormat } from './responseFormatRefusal.ts';
import { createSdk } from './sdk.ts';

export interface ChatClientConfig {
  /** Ends in /v1 for OpenAI-style servers, e.g. http://127.0.0.1:8787/v1. */
  readonly baseURL: string;
  /** '' for endpoints that need none (no Authorization header is sent). */
  readonly apiKey: string;
  /** Per HTTP attempt, from the moment it is sent until the whole answer has arrived. */
  readonly timeoutMs: number;
  /** Retries the SDK makes on its own (429, 5xx, timeouts, lost connections); each one is metered. */
  readonly maxRetries: number;
  /** Upper bound of attempts in flight; the rate controller may allow fewer after a 429. */
  readonly maxConcurrency: number;
  /** Defaults to 'auto' (see MaxTokensField). */
  readonly maxTokensField?: MaxTokensField;
  /** The fetch that really sends; tests pass a double. Defaults to createBufferedFetch (node:http, bodies read whole). */
  readonly fetch?: FetchLike;
  readonly onEvent?: TeacherEventListener;
  /** Azure OpenAI: requests go to the deployment's path with the api-version, the key in `api-key`. */
  readonly azure?: AzureTarget | null;
  /** Defaults to true; false leaves `seed` out of every request (see ProviderPreset.honoursSeed). */
  readonly sendSeed?: boolean;
  /**
   * How response_format json_schema is handled. Every mode but 'instructions' sends it and, when
   * the endpoint refuses it with a 400 (released, not spent), sends the request again without it
   * and stops sending it. 'probe' (endpoints that may not take it) lets the first structured
   * request find out while the others wait; 'native' (the default) sends them all at once;
   * 'instructions' never sends it. Each result says which way it was made.
   */
  readonly structuredOutput?: 'native' | 'probe' | 'instructions';
}

/** What is known of an endpoint's structured output. */
export type StructuredOutputVerdict = StructuredOutputWay | 'unknown';

export interface TeacherChatClient extends ChatClient {
  /** The concurrency window, attempts in flight and any pause, for a status display. */
  rateSnapshot(): RateSnapshot;
  /** Whether the endpoint has been found to take response_format json_schema ('unknown' before a structured request answered). */
  structuredOutput(): StructuredOutputVerdict;
}

/**
 * The SDK's own timer would start before our fetch waits for a slot and a reservation, and would
 * then count queueing as a timeout; the metered fetch enforces timeoutMs per attempt instead. This
 * is only a backstop (below setTimeout's 2^31 ms limit).
 */
const SDK_BACKSTOP_TIMEOUT_MS = 24 * 60 * 60 * 1000;

export function createChatClient(config: ChatClientConfig): TeacherChatClient {
  const bad = badBaseUrlReason(config.baseURL);
  if (bad !== null) throw new ChatError('connection', bad);
  if (!Number.isInteger(config.timeoutMs) || config.timeoutMs < 1) throw new RangeError(`timeoutMs must be a positive integer, got ${config.timeoutMs}`);
  if (!Number.isInteger(config.maxRetries) || config.maxRetries < 0) throw new RangeError(`maxRetries must be a non-negative integer, got ${config.maxRetries}`);

  const endpoint = describeEndpoint(config.baseURL);
  const maxTokensField = resolveMaxTokensField(config.maxTokensField ?? 'auto', config.baseURL);
  const rate = new RateController({ maxConcurrency: config.maxConcurrency, ...(config.onEvent ? { onEvent: config.onEvent } : {}) });
  const calls = new CallRegistry();
  const meteredFetch = createMeteredFetch({
    fetch: config.fetch ?? createBufferedFetch(),
    calls,
    rate,
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    sdkTimeoutCanWin: config.timeoutMs >= SDK_BACKSTOP_TIMEOUT_MS,
    ...(config.onEvent ? { onEvent: config.onEvent } : {}),
  });
  const sdk = createSdk({ baseURL: config.baseURL, apiKey: config.apiKey, timeoutMs: SDK_BACKSTOP_TIMEOUT_MS, maxRetries: config.maxRetries, fetch: meteredFetch, azure: config.azure ?? null });
  const quirks = { sendSeed: config.sendSeed !== false };

  /** 'instructions' once the endpoint refused response_format: the rest of the run goes without it. */
  let verdict: StructuredOutputVerdict = config.structuredOutput === 'instructions' ? 'instructions' : 'unknown';
  /** 'probe': the first structured request in flight; the others wait for its verdict. */
  let probe: Promise<unknown> | null = null;
  const tagged = async (way: 'json-schema' | 'instructions', sent: Promise<ChatResult>): Promise<ChatResult> => ({ ...(await sent), structuredOutput: way });

  async function complete(request: ChatRequest, meter: AttemptMeter, signal: AbortSignal): Promise<ChatResult> {
    if (request.responseFormat === undefined) return completeOnce(request, meter, signal);
    if (config.structuredOutput === 'probe') while (verdict === 'unknown' && probe !== null) await probe.catch(() => {});
    if (verdict === 'instructions') return tagged('instructions', completeOnce(withoutResponseFormat(request), meter, signal));
    const attempt = (async () => {
      try {
        const result = await tagged('json-schema', completeOnce(request, meter, signal));
        if (verdict === 'unknown') verdict = 'json-schema';
        return result;
      } catch (error) {
        // The refusal was a 400 before the model ran: released, not spent.
        if (!refusesResponseFormat(error)) throw error;
        verdict = 'instructions';
        return tagged('instructions', completeOnce(withoutResponseFormat(request), meter, signal));
      }
    })();
    if (verdict !== 'unknown' || config.structuredOutput !== 'probe') return attempt;
    probe = attempt;
    try {
      return await attempt;
    } finally {
      probe = null;
    }
  }

  async function completeOnce(request: ChatRequest, meter: AttemptMeter, signal: AbortSignal): Promise<ChatResult> {
    if (signal.aborted) throw cancelledError(signal.reason);
    // The call's own controller: the caller's abort flows into it, and so does a meter failure,
    // which must stop the SDK without touching the caller's signal.
    const callAbort = new AbortController();
    let fatal: { readonly error: unknown } | undefined;
    const onCallerAbort = (): void => callAbort.abort(signal.reason);
    signal.addEventListener('abort', onCallerAbort, { once: true });
    const call: CallContext = {
      meter,
      signal: callAbort.signal,
      attempts: 0,
      fail(error) {
        fatal ??= { error };
        callAbort.abort(error);
      },
    };
    const id = calls.open(call);
    const started = performance.now();
    try {
      const { data, response, request_id: sdkRequestId } = await sdk.chat.completions
        .create(buildChatBody(request, maxTokensField, quirks), { signal: callAbort.signal, headers: { [CALL_HEADER]: id } })
        .withResponse();
      if (fatal) throw fatal.error;
      return toChatResult(data, {
        requestId: response.headers.get('x-request-id') ?? sdkRequestId ?? null,
        attempts: call.attempts,
        latencyMs: Math.round(performance.now() - started),
        requestedModel: request.model,
      });
    } catch (error) {
      if (fatal) throw fatal.error;
      if (signal.aborted) throw cancelledError(signal.reason);
      throw toChatError(error, { endpoint, apiKey: config.apiKey, model: request.model, attempts: call.attempts, timeoutMs: config.timeoutMs });
    } finally {
      signal.removeEventListener('abort', onCallerAbort);
      calls.close(id);
    }
  }

  return { complete, rateSnapshot: () => rate.snapshot(), structuredOutput: () => verdict };
}

function withoutResponseFormat(request: ChatRequest): ChatRequest {
  return { role: request.role, model: request.model, messages: request.messages, sampling: request.sampling };
}
