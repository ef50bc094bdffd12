// Every HTTP request the teacher got, with the credentials it carried, so a test can prove which
// key went to which endpoint (a key for one provider must never reach another's URL). In-process
// only (TestTeacher.requests()): the admin endpoints never show a key. Bounded like ReceivedLog.
import type { IncomingMessage } from 'node:http';

export interface LoggedRequest {
  readonly method: string;
  /** Path without the query. */
  readonly path: string;
  /** The api-version query parameter (Azure), or null. */
  readonly apiVersion: string | null;
  /** The Authorization header as sent, or null. */
  readonly authorization: string | null;
  /** The api-key header as sent (Azure's), or null. */
  readonly apiKey: string | null;
}

export const REQUESTS_KEPT = 5000;

export class RequestLog {
  #items: LoggedRequest[] = [];

  add(req: IncomingMessage): void {
    const url = new URL(req.url ?? '/', 'http://teacher');
    if (url.pathname.startsWith('/__teacher/')) return;
    const header = (name: string): string | null => {
      const value = req.headers[name];
      return typeof value === 'string' ? value : null;
    };
    this.#items.push({ method: req.method ?? 'GET', path: url.pathname, apiVersion: url.searchParams.get('api-version'), authorization: header('authorization'), apiKey: header('api-key') });
    if (this.#items.length > REQUESTS_KEPT) this.#items.splice(0, this.#items.length - REQUESTS_KEPT);
  }

  list(): LoggedRequest[] {
    return structuredClone(this.#items);
  }

  clear(): void {
    this.#items = [];
  }
}
