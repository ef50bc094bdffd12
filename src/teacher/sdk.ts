// One place that constructs the SDK client, so every client we make reads no surprise from the
// environment (OPENAI_BASE_URL, OPENAI_API_KEY) and treats a missing key the same way.
import OpenAI from 'openai';
import type { FetchLike } from './meteredFetch.ts';

export interface SdkOptions {
  readonly baseURL: string;
  readonly apiKey: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly fetch?: FetchLike;
}

export function createSdk(options: SdkOptions): OpenAI {
  // Local servers often need no key, but the SDK refuses to start without one (and would read
  // OPENAI_API_KEY, possibly a key for another endpoint). An empty key sends no Authorization.
  const keyless = options.apiKey === '';
  return new OpenAI({
    baseURL: options.baseURL,
    apiKey: keyless ? 'unused' : options.apiKey,
    ...(keyless ? { defaultHeaders: { Authorization: null } } : {}),
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
