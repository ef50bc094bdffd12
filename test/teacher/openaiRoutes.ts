// The OpenAI-compatible endpoints: POST /v1/chat/completions and GET /v1/models[/id].
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { completeChoices } from './completer.ts';
import { completionObject, streamChunks, usageOf } from './completionBody.ts';
import { planRequest } from './faults.ts';
import { parseJsonBody, readBody, sendError, sendJson } from './httpIo.ts';
import type { TeacherKnobs } from './knobs.ts';
import { DEFAULT_MODEL_IDS } from './knobs.ts';
import { readPrompt } from './prompt.ts';
import type { ChatRequest } from './protocol.ts';
import { ApiError, parseChatRequest } from './protocol.ts';
import { formatDuration } from './rateLimiter.ts';
import type { TeacherCore } from './teacherCore.ts';
import { estimatePromptTokens } from './tokens.ts';

const MODEL_CREATED = 1_700_000_000;

/** How a route takes its key: OpenAI-style Bearer, or Azure's api-key header. */
export type KeyScheme = 'bearer' | 'api-key';

function checkApiKey(knobs: Readonly<TeacherKnobs>, req: IncomingMessage, scheme: KeyScheme = 'bearer'): void {
  if (knobs.requireApiKey === null) return;
  const header = req.headers.authorization ?? '';
  const apiKeyHeader = req.headers['api-key'];
  const token = scheme === 'api-key' ? (typeof apiKeyHeader === 'string' ? apiKeyHeader.trim() : '') : header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
  if (token === knobs.requireApiKey) return;
  // Never echo the key back: it would end up in the client's error logs.
  throw new ApiError(401, token === '' ? "You didn't provide an API key." : 'Incorrect API key provided.', {
    code: 'invalid_api_key',
  });
}

function modelNotFound(model: string): ApiError {
  return new ApiError(404, `The model \`${model}\` does not exist or you do not have access to it.`, {
    param: 'model',
    code: 'model_not_found',
  });
}

export function handleModels(core: TeacherCore, req: IncomingMessage, res: ServerResponse, id: string | null, scheme: KeyScheme = 'bearer'): void {
  checkApiKey(core.knobs, req, scheme);
  if (!core.knobs.listModels) throw new ApiError(404, 'This endpoint does not list models.', { code: 'unknown_url' });
  const ids = core.knobs.models ?? DEFAULT_MODEL_IDS;
  const entry = (m: string): unknown => ({ id: m, object: 'model', created: MODEL_CREATED, owned_by: 'seedsmith-test-teacher' });
  if (id === null) return sendJson(res, 200, { object: 'list', data: ids.map(entry) });
  if (core.knobs.models !== null && !ids.includes(id)) throw modelNotFound(id);
  sendJson(res, 200, entry(id));
}

/** Azure routes by deployment: the deployment is the model, whatever the body names. */
export interface ChatRoute {
  readonly scheme: KeyScheme;
  readonly deployment?: string;
}

export async function handleChat(core: TeacherCore, req: IncomingMessage, res: ServerResponse, route: ChatRoute = { scheme: 'bearer' }): Promise<void> {
  // One knob snapshot per request: a configure() while it waits must not change its fate.
  const knobs = core.knobs;
  const raw = await readBody(req);
  let body: unknown;
  let bodyError: ApiError | undefined;
  try {
    body = parseJsonBody(raw, false);
  } catch (error) {
    bodyError = error as ApiError;
  }
  const named = (body as { model?: unknown } | undefined)?.model;
  const model = route.deployment ?? (typeof named === 'string' && named !== '' ? named : '(none)');
  core.stats.request(model);
  try {
    checkApiKey(knobs, req, route.scheme);
    if (bodyError) throw bodyError;
    if (knobs.echoKeyIn400) throw keyEchoingRejection(req);
    const parsed = parseChatRequest(route.deployment === undefined ? body : { ...(body as object), model: route.deployment });
    const request = knobs.honoursSeed ? parsed : { ...parsed, seed: null };
    if (knobs.models !== null && !knobs.models.includes(request.model)) throw modelNotFound(request.model);
    if (knobs.rejectResponseFormat && request.responseFormat.type === 'json_schema') {
      throw new ApiError(400, "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.", { param: 'response_format', code: 'unsupported_parameter' });
    }
    await serveValid(core, knobs, request, res);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if ((error.status === 401 || error.status === 404) && knobs.rejectStaggerMs > 0) await sleep(core.nextRejectionIndex() * knobs.rejectStaggerMs);
    core.stats.error(model, error.status);
    sendError(res, error);
  }
}

/**
 * The careless gateway the echoKeyIn400 knob plays: it quotes the key it was sent, shortened the
 * way dashboards shorten keys, and the Authorization header it saw, in a 400's message.
 */
function keyEchoingRejection(req: IncomingMessage): ApiError {
  const header = req.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
  return new ApiError(400, `Invalid request for key ${token.slice(0, 3)}…${token.slice(-14)}; the gateway saw "Authorization: ${header.slice(0, 24)}..." and key ${token.slice(4, 16)}.`, {
    code: 'invalid_request',
  });
}

async function serveValid(core: TeacherCore, knobs: Readonly<TeacherKnobs>, request: ChatRequest, res: ServerResponse): Promise<void> {
  const { model } = request;
  const index = core.nextRequestIndex();
  const headers: Record<string, string> = {};
  if (knobs.insufficientQuota) {
    throw new ApiError(429, 'You exceeded your current quota, please check your plan and billing details.', { type: 'insufficient_quota', code: 'insufficient_quota' });
  }
  if (knobs.requestsPerMinute !== null) {
    const rate = core.limiter.take(knobs.requestsPerMinute, knobs.rateLimitWindowMs, Date.now());
    headers['x-ratelimit-limit-requests'] = String(rate.limit);
    headers['x-ratelimit-remaining-requests'] = String(rate.remaining);
    headers['x-ratelimit-reset-requests'] = formatDuration(rate.resetMs);
    if (!rate.allowed) {
      throw rateLimited(
        `Rate limit reached for ${model} on requests per min (RPM): Limit ${rate.limit}, Used ${rate.limit}, Requested 1. Please try again in ${formatDuration(rate.retryAfterMs)}.`,
        knobs.rateLimitRetryAfterSeconds === null ? rate.retryAfterMs : knobs.rateLimitRetryAfterSeconds * 1000,
        headers,
      );
    }
  }
  const plan = planRequest(knobs, index);
  if (plan.fault === 'rateLimited') {
    throw rateLimited(`Rate limit reached for ${model}. Please try again later.`, knobs.retryAfterSeconds * 1000, headers);
  }

  const gone = new AbortController();
  if (res.destroyed) gone.abort();
  res.on('close', () => {
    if (!res.writableFinished) gone.abort();
  });
  if (plan.fault === 'hang') {
    // The model "runs" forever: nothing is sent until the client (or close()) drops the socket.
    core.stats.hung(model);
    await new Promise<void>((resolve) => {
      if (gone.signal.aborted) resolve();
      else gone.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    return;
  }
  if (!(await pause(plan.latencyMs, gone.signal))) {
    core.stats.clientAbort(model);
    return;
  }
  if (plan.fault === 'serverError') {
    const overloaded = knobs.errorStatus === 503;
    throw new ApiError(
      knobs.errorStatus,
      overloaded
        ? 'The server is overloaded or not ready yet.'
        : 'The server had an error while processing your request. Sorry about that!',
      {
        type: 'server_error',
        ...(overloaded ? { code: 'overloaded' } : {}),
        headers: knobs.errorRetryAfterSeconds === null ? headers : { ...headers, ...retryAfterHeaders(knobs.errorRetryAfterSeconds * 1000) },
      },
    );
  }

  const prompt = readPrompt(request);
  core.received.add(request, prompt);
  const sampleKey =
    request.temperature === 0
      ? 'greedy'
      : request.seed !== null
        ? `seed:${request.seed}`
        : `call:${core.nextSampleCall(prompt.promptHash)}`;
  if (plan.brokenBody) {
    // The model ran (a completion is counted) but the body the client gets is cut off mid-JSON.
    core.stats.completion(model, estimatePromptTokens(request.messages), 0, []);
    const text = '{"id":"chatcmpl-broken","object":"chat.completion","choices":[{"index":0,"message":{"role":"assist';
    if (!res.headersSent && !res.destroyed) res.writeHead(200, { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) }).end(text);
    return;
  }
  const choices = completeChoices({ request, prompt, registry: core.registry, knobs, requestIndex: index, sampleKey });
  const promptTokens = estimatePromptTokens(request.messages);
  const usage = usageOf(promptTokens, choices);
  core.stats.completion(model, usage.prompt_tokens, usage.completion_tokens, choices.map((c) => c.fault));
  const meta = {
    id: `chatcmpl-st${String(core.nextServed()).padStart(6, '0')}${(knobs.seed >>> 0).toString(36)}`,
    created: Math.floor(Date.now() / 1000),
    model,
  };
  if (!request.stream) return sendJson(res, 200, completionObject(meta, choices, usage), headers);

  res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  for (const chunk of streamChunks(meta, choices, request.includeUsage ? usage : null)) {
    if (gone.signal.aborted) break;
    res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    if (knobs.chunkDelayMs > 0 && !(await pause(knobs.chunkDelayMs, gone.signal))) break;
  }
  if (gone.signal.aborted) {
    core.stats.clientAbort(model);
    return;
  }
  res.end('data: [DONE]\n\n');
}

function rateLimited(message: string, retryAfterMs: number, headers: Record<string, string>): ApiError {
  return new ApiError(429, message, {
    type: 'requests',
    code: 'rate_limit_exceeded',
    headers: { ...headers, ...retryAfterHeaders(retryAfterMs) },
  });
}

function retryAfterHeaders(retryAfterMs: number): Record<string, string> {
  // Retry-After is whole seconds by the HTTP spec; retry-after-ms carries the exact wait.
  return { 'retry-after': String(Math.ceil(retryAfterMs / 1000)), 'retry-after-ms': String(Math.round(retryAfterMs)) };
}

/** Waits, unless the client goes away first; true when the wait completed. */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  if (ms <= 0) return true;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
