// The identity of a request for the cache: model, rendered messages, sampling parameters and
// response format (architecture.md). The role is left out on purpose: the same request to the
// same model is the same completion whoever asks. Object keys are sorted, so two equal requests
// built in a different order still share a key.
import { sha256Hex } from '../sha256.ts';
import type { ChatRequest } from '../model/chat.ts';

export function requestCacheKey(request: ChatRequest): string {
  const identity = {
    model: request.model,
    messages: request.messages.map((m) => [m.role, m.content]),
    sampling: request.sampling,
    responseFormat: request.responseFormat ?? null,
  };
  return sha256Hex(canonicalJson(identity));
}

/** JSON with object keys sorted and undefined members dropped, as JSON.stringify drops them. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
