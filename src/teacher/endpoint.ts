// How an endpoint is named in messages people read: scheme, host, port and path only, so user
// info or a key passed as a query parameter (some gateways take ?api-key=) never reaches a
// message, a log or the journal.

export function describeEndpoint(baseURL: string): string {
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    return 'the configured endpoint';
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

/** Removes the key from text that came from elsewhere (a server's error message echoing it). */
export function scrubSecret(text: string, secret: string): string {
  if (secret.length < 4) return text;
  return text.split(secret).join('[redacted]');
}

/** Why baseURL cannot be used, or null when it is an absolute http(s) URL. Names no key. */
export function badBaseUrlReason(baseURL: string): string | null {
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    return 'The base URL is not a valid URL (expected something like http://127.0.0.1:8787/v1).';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `The base URL ${describeEndpoint(baseURL)} is not an http(s) URL.`;
  return null;
}
