// One place that constructs the SDK client, so every client we make reads no surprise from the
// environment (OPENAI_BASE_URL, OPENAI_API_KEY, AZURE_OPENAI_API_KEY, OPENAI_API_VERSION) and
// treats a missing key the same way.
import OpenAI, { AzureOpenAI } from 'openai';
import type { AzureTarget } from '../core/providers/provider.ts';
import type { FetchLike } from './meteredFetch.ts';

export interface SdkOptions {
  readonly baseURL: string;
  readonly apiKey: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly fetch?: FetchLike;
  /** Azure OpenAI: the SDK's Azure client (deployment paths, api-version, the api-key header). */
  readonly azure?: AzureTarget | null;
}

export function createSdk(options: SdkOptions): OpenAI {
  // Local servers often need no key, but the SDK refuses to start without one (and would read
  // OPENAI_API_KEY, possibly a key for another endpoint). An empty key sends no Authorization.
  const keyless = options.apiKey === '';
  const common = {
    apiKey: keyless ? 'unused' : options.apiKey,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  if (options.azure) {
    // baseURL is given, never `endpoint`: the SDK would otherwise fill baseURL from OPENAI_BASE_URL.
    return new AzureOpenAI({
      ...common,
      baseURL: `${options.azure.endpoint}/openai`,
      apiVersion: options.azure.apiVersion,
      deployment: options.azure.deployment,
      ...(keyless ? { defaultHeaders: { 'api-key': null } } : {}),
    });
  }
  return new OpenAI({
    ...common,
    baseURL: options.baseURL,
    ...(keyless ? { defaultHeaders: { Authorization: null } } : {}),
  });
}
