// Errors a chat call can end in, as plain classes core and the UI can switch on. Messages are
// one sentence a person can act on; they never contain the API key.

export type ChatErrorKind =
  | 'budget-exhausted' // our own limit: nothing was sent
  | 'aborted' // the person cancelled
  | 'auth' // 401/403: the key is missing or wrong
  | 'not-found' // 404: unknown model or wrong base URL
  | 'bad-request' // 400/422: the endpoint rejected the request shape
  | 'rate-limited' // a 429 no wait cures (out of quota, or the endpoint said not to retry); the client waits out the others
  | 'server' // 5xx after the retries ran out
  | 'timeout' // no answer in time after the retries ran out
  | 'connection'; // the endpoint could not be reached

export class ChatError extends Error {
  readonly kind: ChatErrorKind;
  readonly status: number | null;

  constructor(kind: ChatErrorKind, message: string, status: number | null = null, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ChatError';
    this.kind = kind;
    this.status = status;
  }

  /** Errors that end the whole run rather than one sample. */
  get isFatal(): boolean {
    return this.kind === 'auth' || this.kind === 'not-found' || this.kind === 'budget-exhausted' || this.kind === 'aborted' || this.kind === 'connection' || this.kind === 'rate-limited';
  }
}

export class BudgetExhaustedError extends ChatError {
  readonly role: 'teacher' | 'augmenter';

  constructor(role: 'teacher' | 'augmenter', limit: number) {
    super('budget-exhausted', `The ${role} budget of ${limit} queries is spent.`);
    this.name = 'BudgetExhaustedError';
    this.role = role;
  }
}
