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

/**
 * Why baseURL cannot be used, or null when it is an absolute http(s) URL without user info.
 * Names no key and no password. User info is refused before anything is reserved: fetch refuses
 * such a URL itself, and a password in a URL ends up in logs.
 */
export function badBaseUrlReason(baseURL: string): string | null {
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    return 'The base URL is not a valid URL (expected something like http://127.0.0.1:8787/v1).';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `The base URL ${describeEndpoint(baseURL)} is not an http(s) URL.`;
  if (url.username !== '' || url.password !== '') return `The base URL ${describeEndpoint(baseURL)} carries a user name or password; remove it (the key is read from OPENAI_API_KEY).`;
  return null;
}
