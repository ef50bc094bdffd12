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

/**
 * JSON with object keys sorted (by UTF-16 code units, as Array.prototype.sort does) and undefined
 * members dropped, as JSON.stringify drops them. Its output is stored (cache keys in journals), so
 * it must never change: test/unit/canonicalJson.test.ts pins it against the original
 * map/join version. Written as loops appending to one string because it runs once per request
 * and the map/join version's arrays were a measurable part of the client's CPU per request.
 * Deliberate quirks kept from the original: toJSON is not called (a Date is `{}`), a function or
 * symbol member is written as null (JSON.stringify would drop it), a hole in an array is written
 * as nothing (`[,1]`).
 */
export function canonicalJson(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return canonicalArray(value);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    out += first ? JSON.stringify(key) : `,${JSON.stringify(key)}`;
    out += `:${canonicalJson(member)}`;
    first = false;
  }
  return `${out}}`;
}

function canonicalArray(items: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out += ',';
    const item = items[i];
    // map() skips holes and join() writes them as nothing; a present undefined is null.
    if (item === undefined) out += i in items ? 'null' : '';
    else out += canonicalJson(item);
  }
  return `${out}]`;
}
