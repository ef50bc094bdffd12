// The slice of the OpenAI chat-completions wire protocol the teacher speaks: request validation
// into a small typed shape, and the error body every client library knows how to read.

export interface ChatMessage {
  role: string;
  /** Text content; array content parts are joined, non-text parts ignored. */
  content: string;
}

export type JsonSchema = Record<string, unknown>;

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; schema: JsonSchema | null; strict: boolean };

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  n: number;
  stream: boolean;
  includeUsage: boolean;
  /** max_completion_tokens, else max_tokens, else null (no limit). */
  maxTokens: number | null;
  temperature: number;
  seed: number | null;
  responseFormat: ResponseFormat;
}

/** An error answered in OpenAI's shape: {"error": {message, type, param, code}}. */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly param: string | null;
  readonly code: string | null;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    message: string,
    details: { type?: string; param?: string | null; code?: string | null; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.status = status;
    this.type = details.type ?? 'invalid_request_error';
    this.param = details.param ?? null;
    this.code = details.code ?? null;
    this.headers = details.headers ?? {};
  }

  body(): { error: { message: string; type: string; param: string | null; code: string | null } } {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);

function badParam(param: string, message: string, code: string | null = 'invalid_value'): ApiError {
  return new ApiError(400, message, { param, code });
}

/** Validates a parsed JSON body. Throws ApiError(400) naming the offending parameter. */
export function parseChatRequest(body: unknown): ChatRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(400, 'The request body must be a JSON object.');
  }
  const b = body as Record<string, unknown>;
  if (b.model === undefined) throw badParam('model', "Missing required parameter: 'model'.", 'missing_required_parameter');
  if (typeof b.model !== 'string' || b.model === '') throw badParam('model', "Invalid type for 'model': expected a non-empty string.", 'invalid_type');
  if (b.messages === undefined) throw badParam('messages', "Missing required parameter: 'messages'.", 'missing_required_parameter');
  if (!Array.isArray(b.messages) || b.messages.length === 0) {
    throw badParam('messages', "Invalid 'messages': expected a non-empty array of messages.", 'invalid_type');
  }
  const messages = b.messages.map((m, i) => parseMessage(m, i));
  const n = optionalInteger(b.n, 'n', 1, 128) ?? 1;
  const maxTokens = optionalInteger(b.max_completion_tokens, 'max_completion_tokens', 1, 1_000_000) ??
    optionalInteger(b.max_tokens, 'max_tokens', 1, 1_000_000);
  let temperature = 1;
  if (b.temperature !== undefined && b.temperature !== null) {
    if (typeof b.temperature !== 'number' || b.temperature < 0 || b.temperature > 2) {
      throw badParam('temperature', "Invalid 'temperature': expected a number between 0 and 2.");
    }
    temperature = b.temperature;
  }
  const seed = optionalInteger(b.seed, 'seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  if (b.stream !== undefined && b.stream !== null && typeof b.stream !== 'boolean') {
    throw badParam('stream', "Invalid type for 'stream': expected a boolean.", 'invalid_type');
  }
  const stream = b.stream === true;
  const streamOptions = b.stream_options as { include_usage?: unknown } | null | undefined;
  if (streamOptions !== undefined && streamOptions !== null && !stream) {
    throw badParam('stream_options', "The 'stream_options' parameter is only allowed when 'stream' is enabled.");
  }
  return {
    model: b.model,
    messages,
    n,
    stream,
    includeUsage: streamOptions?.include_usage === true,
    maxTokens: maxTokens ?? null,
    temperature,
    seed: seed ?? null,
    responseFormat: parseResponseFormat(b.response_format),
  };
}

function parseMessage(m: unknown, i: number): ChatMessage {
  const param = `messages[${i}]`;
  if (typeof m !== 'object' || m === null) throw badParam(param, `Invalid '${param}': expected an object.`, 'invalid_type');
  const { role, content } = m as { role?: unknown; content?: unknown };
  if (typeof role !== 'string' || !ROLES.has(role)) {
    throw badParam(`${param}.role`, `Invalid '${param}.role': expected one of ${[...ROLES].join(', ')}.`);
  }
  if (typeof content === 'string') return { role, content };
  if (content === null || content === undefined) {
    if (role === 'assistant') return { role, content: '' };
    throw badParam(`${param}.content`, `Missing required parameter: '${param}.content'.`, 'missing_required_parameter');
  }
  if (Array.isArray(content)) {
    const text = content
      .map((part) => (part as { type?: unknown; text?: unknown } | null))
      .filter((part) => part?.type === 'text' && typeof part.text === 'string')
      .map((part) => part!.text as string)
      .join('\n');
    return { role, content: text };
  }
  throw badParam(`${param}.content`, `Invalid type for '${param}.content': expected a string or an array of content parts.`, 'invalid_type');
}

function parseResponseFormat(rf: unknown): ResponseFormat {
  if (rf === undefined || rf === null) return { type: 'text' };
  const type = (rf as { type?: unknown }).type;
  if (type === 'text') return { type: 'text' };
  if (type === 'json_object') return { type: 'json_object' };
  if (type === 'json_schema') {
    const js = (rf as { json_schema?: unknown }).json_schema as { name?: unknown; schema?: unknown; strict?: unknown } | undefined;
    if (typeof js !== 'object' || js === null || typeof js.name !== 'string' || js.name === '') {
      throw badParam('response_format.json_schema.name', "Missing required parameter: 'response_format.json_schema.name'.", 'missing_required_parameter');
    }
    const schema = typeof js.schema === 'object' && js.schema !== null ? (js.schema as JsonSchema) : null;
    return { type: 'json_schema', name: js.name, schema, strict: js.strict === true };
  }
  throw badParam('response_format.type', "Invalid 'response_format.type': expected 'text', 'json_object' or 'json_schema'.");
}

function optionalInteger(v: unknown, param: string, min: number, max: number): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw badParam(param, `Invalid '${param}': expected an integer between ${min} and ${max}.`);
  }
  return v;
}
