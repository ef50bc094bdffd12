// Reading the headers an endpoint uses to say "slow down": Retry-After (and OpenAI's more precise
// retry-after-ms) on a refusal, and the x-ratelimit-* family OpenAI sends on every response.

/** What x-ratelimit-{limit,remaining,reset}-requests said; a field is undefined when absent or unreadable. */
export interface RequestRateHeaders {
  readonly limit?: number;
  readonly remaining?: number;
  readonly resetMs?: number;
}

/**
 * How long the endpoint asked us to wait, in ms: retry-after-ms first (exact), then Retry-After
 * as seconds or as an HTTP date. Undefined when neither is present or readable. Never negative:
 * a date in the past means "now".
 */
export function parseRetryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const value = Number(ms.trim());
    if (Number.isFinite(value)) return Math.max(0, value);
  }
  const raw = headers.get('retry-after')?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw) * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };

/**
 * OpenAI writes x-ratelimit-reset-* as Go durations ("20ms", "1s", "6m0s", "1h2m3.5s"). A bare
 * number is taken as seconds, which is what some compatible servers send.
 */
export function parseGoDuration(text: string): number | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  const part = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/y;
  let total = 0;
  let index = 0;
  while (index < s.length) {
    part.lastIndex = index;
    const match = part.exec(s);
    if (match === null) return undefined;
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? Number.NaN);
    index = part.lastIndex;
  }
  return Number.isFinite(total) ? total : undefined;
}

export function parseRequestRateHeaders(headers: Headers): RequestRateHeaders {
  const count = (name: string): number | undefined => {
    const raw = headers.get(name)?.trim();
    if (raw === undefined || !/^\d+$/.test(raw)) return undefined;
    return Number(raw);
  };
  const reset = headers.get('x-ratelimit-reset-requests');
  const result: { limit?: number; remaining?: number; resetMs?: number } = {};
  const limit = count('x-ratelimit-limit-requests');
  const remaining = count('x-ratelimit-remaining-requests');
  const resetMs = reset === null ? undefined : parseGoDuration(reset);
  if (limit !== undefined) result.limit = limit;
  if (remaining !== undefined) result.remaining = remaining;
  if (resetMs !== undefined) result.resetMs = resetMs;
  return result;
}
