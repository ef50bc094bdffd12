// Whether a failed fetch could have reached the model. Budget rule: only a failure that certainly
// happened before the request left this machine (no connection, no TLS session) is released;
// anything later (a reset socket, a body cut short) may have been billed, so it is spent.

/** Error codes Node/undici use for failures while connecting, before any request byte is sent. */
const BEFORE_SENDING = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

/** Short, key-free descriptions for the codes people actually meet. */
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed (temporary)',
  EAI_FAIL: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  EHOSTDOWN: 'host is down',
  ENETUNREACH: 'network unreachable',
  ENETDOWN: 'network is down',
  EADDRNOTAVAIL: 'address not available',
  UND_ERR_CONNECT_TIMEOUT: 'connecting timed out',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed while sending',
  UND_ERR_SOCKET: 'the connection was closed unexpectedly',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate could not be verified',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its TLS certificate issuer is unknown',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate does not match the host name',
};

/**
 * Refusals fetch itself makes before opening any connection (undici's makeNetworkError in
 * mainFetch); they carry no error code, only these messages.
 */
const FETCH_REFUSALS: Readonly<Record<string, string>> = {
  'bad port': 'fetch refuses to connect to that port (it is on the blocked-ports list)',
  'unknown scheme': 'fetch does not support that URL scheme',
  'local URLs only': 'fetch allows only local URLs here',
};

/**
 * TypeErrors the Request constructor throws while fetch builds the request, before any socket is
 * opened (the WHATWG fetch spec: a URL with credentials, an unparsable URL, a forbidden method or
 * header value). They have no cause and no code, unlike a network failure ("fetch failed").
 */
const REQUEST_REFUSALS: readonly (readonly [RegExp, string])[] = [
  [/^Request cannot be constructed from a URL that includes credentials/, 'fetch refuses a URL that carries a user name or password'],
  [/^(Failed to parse URL|Invalid URL)/, 'fetch cannot parse the URL'],
  [/is not a valid HTTP (method|header)|^Invalid (header|method)/i, 'fetch refuses the request as built'],
];

export interface FetchFailure {
  /** The first system/undici error code found in the error or its causes, if any. */
  readonly code: string | undefined;
  /** True when the request certainly never left: the attempt is released, not spent. */
  readonly beforeSending: boolean;
  /** A short phrase for messages ("connection refused"). */
  readonly description: string;
}

/** undici wraps the system error: TypeError('fetch failed', {cause}); happy eyeballs adds an AggregateError. */
export function findErrorCode(error: unknown, depth = 0): string | undefined {
  if (depth > 6 || typeof error !== 'object' || error === null) return undefined;
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof record.code === 'string' && record.code !== '') return record.code;
  const fromCause = findErrorCode(record.cause, depth + 1);
  if (fromCause !== undefined) return fromCause;
  if (Array.isArray(record.errors)) {
    for (const inner of record.errors) {
      const code = findErrorCode(inner, depth + 1);
      if (code !== undefined) return code;
    }
  }
  return undefined;
}

function findFetchRefusal(error: unknown, depth = 0): string | undefined {
  if (depth > 6 || typeof error !== 'object' || error === null) return undefined;
  const { message, cause } = error as { message?: unknown; cause?: unknown };
  if (typeof message === 'string' && Object.hasOwn(FETCH_REFUSALS, message)) return FETCH_REFUSALS[message];
  return findFetchRefusal(cause, depth + 1);
}

/** A Request-constructor TypeError (never wrapped: fetch rejects with it as is). Its message may hold the URL, so it is never quoted. */
function findRequestRefusal(error: unknown): string | undefined {
  if (!(error instanceof TypeError) || error.cause !== undefined) return undefined;
  return REQUEST_REFUSALS.find(([pattern]) => pattern.test(error.message))?.[1];
}

export function classifyFetchFailure(error: unknown): FetchFailure {
  const code = findErrorCode(error);
  const refusal = code === undefined ? (findFetchRefusal(error) ?? findRequestRefusal(error)) : undefined;
  if (refusal !== undefined) return { code, beforeSending: true, description: refusal };
  const tlsBeforeSending = code !== undefined && (code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_'));
  return {
    code,
    beforeSending: code !== undefined && (BEFORE_SENDING.has(code) || tlsBeforeSending),
    description: describeCode(code),
  };
}

export function describeCode(code: string | undefined): string {
  if (code === undefined) return 'the connection failed';
  return DESCRIPTIONS[code] ?? `the connection failed (${code})`;
}
