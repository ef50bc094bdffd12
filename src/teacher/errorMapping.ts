// SDK errors → ChatError: one kind core and the UI can switch on, and one sentence a person can act
// on. Messages name the endpoint (without user info or query) and never the key; text a server
// sent is scrubbed (scrubSecrets: any run of the key, anything shaped like a key) before it is
// quoted, and clipped after, so a clip cannot cut a key in two and let half of it through.
import OpenAI from 'openai';
import { ChatError } from '../core/model/errors.ts';
import { scrubSecrets } from '../core/model/scrubSecrets.ts';
import { UnmeteredRequestError } from './callRegistry.ts';
import { classifyFetchFailure } from './fetchFailure.ts';

export interface ErrorContext {
  /** Already described (describeEndpoint): safe to print. */
  readonly endpoint: string;
  readonly apiKey: string;
  readonly model?: string;
  readonly attempts: number;
  readonly timeoutMs: number;
}

const SERVER_TEXT_LIMIT = 300;

export function cancelledError(cause?: unknown): ChatError {
  return new ChatError('aborted', 'The request was cancelled.', null, { cause });
}

export function toChatError(error: unknown, context: ErrorContext): ChatError {
  if (error instanceof ChatError) return error;
  const { endpoint, attempts } = context;
  const tries = `${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}`;
  if (error instanceof OpenAI.APIUserAbortError) return cancelledError(error);
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new ChatError('timeout', `The endpoint ${endpoint} did not answer within ${context.timeoutMs} ms (${tries}).`, null, { cause: error });
  }
  if (error instanceof OpenAI.APIConnectionError) {
    if (error.cause instanceof UnmeteredRequestError) return new ChatError('connection', error.cause.message, null, { cause: error });
    const failure = classifyFetchFailure(error.cause);
    if (failure.beforeSending) return new ChatError('connection', `Could not reach ${endpoint}: ${failure.description}.`, null, { cause: error });
    // The request may have gone out (a reset socket, a body cut short): the endpoint was reachable,
    // so this is one failed request, not a run-ending "cannot connect".
    return new ChatError('server', `The connection to ${endpoint} broke before the answer was complete (${failure.description}).`, null, { cause: error });
  }
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    return statusError(error.status, error, context, tries);
  }
  // A 2xx whose body is not a chat completion (the SDK failed to parse it), or anything else.
  return new ChatError('server', `The endpoint ${endpoint} sent a response that could not be read as a chat completion.`, null, { cause: error });
}

function statusError(status: number, error: InstanceType<typeof OpenAI.APIError>, context: ErrorContext, tries: string): ChatError {
  const { endpoint } = context;
  const options = { cause: error };
  if (status === 401) {
    const message = context.apiKey === ''
      ? `The endpoint ${endpoint} requires an API key and none is set (HTTP 401).`
      : `The endpoint ${endpoint} rejected the API key (HTTP 401).`;
    return new ChatError('auth', message, status, options);
  }
  if (status === 403) return new ChatError('auth', `The endpoint ${endpoint} refused access with this API key (HTTP 403).`, status, options);
  if (status === 404) {
    const message = context.model === undefined
      ? `The endpoint ${endpoint} answered "not found" (HTTP 404): check the base URL.`
      : `The endpoint ${endpoint} has no model "${context.model}", or the base URL is wrong (HTTP 404).`;
    return new ChatError('not-found', message, status, options);
  }
  if (status === 429) {
    // The client waits out every 429 a wait can cure (see meteredFetch): one that reaches here is
    // an account out of quota, or a refusal the endpoint said not to retry.
    const said = serverText(error, context.apiKey);
    return new ChatError('rate-limited', `The endpoint ${endpoint} refused the request (HTTP 429) in a way waiting does not cure${said === '' ? '.' : `: ${said}`}`, status, options);
  }
  if (status === 408) return new ChatError('timeout', `The endpoint ${endpoint} timed the request out after ${tries} (HTTP 408).`, status, options);
  if (status >= 500 || status === 409) return new ChatError('server', `The endpoint ${endpoint} failed with HTTP ${status} after ${tries}.`, status, options);
  const said = serverText(error, context.apiKey);
  return new ChatError('bad-request', `The endpoint ${endpoint} rejected the request (HTTP ${status})${said === '' ? '.' : `: ${said}`}`, status, options);
}

/** The server's own explanation, which for a 400 usually names the offending parameter. */
function serverText(error: InstanceType<typeof OpenAI.APIError>, apiKey: string): string {
  const body = error.error as { message?: unknown } | undefined;
  // A JSON error body carries {error: {message}}; a plain-text body ends up in the SDK's message.
  const raw = typeof body?.message === 'string' ? body.message : body === undefined ? error.message.replace(/^\d{3} (status code \(no body\))?/, '') : '';
  const text = scrubSecrets(raw.replace(/\s+/g, ' ').trim(), apiKey);
  if (text === '') return '';
  const clipped = text.length > SERVER_TEXT_LIMIT ? `${text.slice(0, SERVER_TEXT_LIMIT - 1)}…` : text;
  return /[.!?…]$/.test(clipped) ? clipped : `${clipped}.`;
}
