// The fetch the chat client sends with by default: node:http/https over keep-alive connections,
// resolving only once the whole body has arrived, with a Response that already holds it.
//
// Why not the global fetch (undici): the metered fetch must hold a completion's whole body before
// it settles the meter anyway (a body cut short is spent, a whole one completed), so fetch's
// streams were pure overhead: read into a stream, drained into a buffer, rebuilt into a second
// Response for the SDK, whose text() streamed it once more. P1 (issue 12) measured the plain pool
// at 20 ms teacher latency spending 400-700 µs of client CPU per request, most of it there; the
// client thread is what bounds throughput on a 2-core machine. In the editor, node:http/https are
// also what VS Code's proxy and system-certificate support patch.
//
// What fetch did that this keeps: any status is a Response (never an error); a failure carries the
// system error code (ECONNREFUSED...) that fetchFailure.ts classifies; the caller's signal aborts
// the request; a compressed body (never asked for: no Accept-Encoding is sent) is decoded.
// What it leaves to the global fetch: anything but a plain http(s) request with a string or byte
// body (a Request object, FormData, streams), which the chat client never sends.
// Redirects are not followed: a chat completion is a POST, and an endpoint that redirects one is
// misconfigured; the 3xx reaches the SDK as a refusal, like any other status it cannot use.
import http from 'node:http';
import https from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { FetchLike } from './meteredFetch.ts';

/**
 * The lib typings declare Response's members as properties, which a subclass may not override
 * with methods or getters; at runtime they are prototype methods and getters like any class's.
 */
const ResponseBase = Response as unknown as new (body: null, init: ResponseInit) => object;

/**
 * A Response whose body is already in memory. text(), json(), arrayBuffer() and bytes() answer
 * from it without building a stream; `body` makes one only if something asks for it.
 */
class HeldResponse extends ResponseBase {
  readonly #url: string;
  #stream: ReadableStream<Uint8Array> | undefined;
  /** The body exactly as it arrived (decoded if the server compressed it anyway). */
  readonly heldBytes: Uint8Array<ArrayBuffer>;

  constructor(bytes: Uint8Array<ArrayBuffer>, init: ResponseInit, url: string) {
    // A null body keeps undici from wrapping the bytes in a stream; the members below serve them.
    super(null, init);
    this.heldBytes = bytes;
    this.#url = url;
  }

  get url(): string {
    return this.#url;
  }

  get body(): ReadableStream<Uint8Array> {
    this.#stream ??= new Blob([this.heldBytes]).stream();
    return this.#stream;
  }

  text(): Promise<string> {
    return Promise.resolve(Buffer.from(this.heldBytes.buffer, this.heldBytes.byteOffset, this.heldBytes.byteLength).toString('utf8'));
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.heldBytes.slice().buffer);
  }

  bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return Promise.resolve(this.heldBytes.slice());
  }

  blob(): Promise<Blob> {
    return Promise.resolve(new Blob([this.heldBytes]));
  }

  clone(): Response {
    const self = this as unknown as Response;
    return heldResponse(this.heldBytes, { status: self.status, statusText: self.statusText, headers: self.headers }, this.#url);
  }
}

/** A Response holding `bytes` as its whole body. */
export function heldResponse(bytes: Uint8Array<ArrayBuffer>, init: ResponseInit, url: string): Response {
  return new HeldResponse(bytes, init, url) as unknown as Response;
}

/** The body the response holds already, or undefined if reading it would need the network. */
export function heldBody(response: Response): Uint8Array<ArrayBuffer> | undefined {
  return response instanceof HeldResponse ? response.heldBytes : undefined;
}

/** An idle connection is closed after this (undici's default keep-alive timeout), before most servers drop it. */
export const IDLE_SOCKET_MS = 4_000;

// One pair for the process, like fetch's global dispatcher: the next run (or the next client)
// finds the connections already open. Concurrency is the rate controller's business, so the
// agents never queue a request. Idle connections do not keep a process alive.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: Infinity, timeout: IDLE_SOCKET_MS }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: Infinity, timeout: IDLE_SOCKET_MS }),
};

/** The fetch `fallback` (global fetch by default) takes whatever this does not send itself. */
export function createBufferedFetch(fallback: FetchLike = (input, init) => fetch(input, init)): FetchLike {
  return (input, init = {}) => {
    const url = typeof input === 'string' ? new URL(input) : input instanceof URL ? input : undefined;
    const body = init.body ?? null;
    const plainBody = body === null || typeof body === 'string' || body instanceof Uint8Array || body instanceof ArrayBuffer;
    if (!url || !plainBody || (url.protocol !== 'http:' && url.protocol !== 'https:')) return fallback(input, init);
    return send(url, init, body, url.protocol === 'https:' ? https : http, agents[url.protocol]);
  };
}

function send(url: URL, init: RequestInit, body: string | Uint8Array | ArrayBuffer | null, transport: typeof http | typeof https, agent: http.Agent): Promise<Response> {
  return new Promise((resolve, reject) => {
    const signal = init.signal ?? undefined;
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const request = transport.request(url, { method: init.method ?? 'GET', headers: headerRecord(init.headers), agent, ...(signal ? { signal } : {}) }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        try {
          const bytes = decoded(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), response.headers['content-encoding']);
          resolve(heldResponse(bytes, { status: response.statusCode ?? 0, statusText: response.statusMessage ?? '', headers: responseHeaders(response.rawHeaders) }, url.href));
        } catch (error) {
          reject(error);
        }
      });
      // The connection closed before the body was whole: the request was sent, so it may be billed.
      response.on('close', () => {
        if (!response.complete) reject(Object.assign(new Error('the connection closed before the response was whole'), { code: 'ECONNRESET' }));
      });
    });
    request.on('error', reject);
    request.end(body === null ? undefined : body instanceof ArrayBuffer ? new Uint8Array(body) : body);
  });
}

/** Headers as Node takes them (Headers has already joined repeated names with ", "). */
function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  const record: Record<string, string> = {};
  if (headers === undefined) return record;
  const source = headers instanceof Headers ? headers : new Headers(headers);
  source.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}

function responseHeaders(raw: readonly string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}

/** Servers may compress even unasked; fetch decoded that, so this does too. */
function decoded(wire: Buffer, encoding: string | undefined): Uint8Array<ArrayBuffer> {
  const bytes = inflated(wire, encoding);
  // Node's Buffers sit on plain ArrayBuffers (never shared ones), which is what Response and Blob take.
  return new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
}

function inflated(bytes: Buffer, encoding: string | undefined): Buffer {
  switch (encoding?.trim().toLowerCase()) {
    case undefined:
    case '':
    case 'identity':
      return bytes;
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(bytes);
    case 'deflate':
      return inflateSync(bytes);
    case 'br':
      return brotliDecompressSync(bytes);
    default:
      return bytes;
  }
}
