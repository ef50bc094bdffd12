// Reads a batch input file (OpenAI's JSONL: {custom_id, method, url, body} per line) the way the
// provider validates it before anything runs: every line well formed, custom ids unique, one
// model per file. The first problem fails the whole batch, with its line number.

export interface BatchInputLine {
  readonly customId: string;
  readonly body: Record<string, unknown>;
  readonly model: string;
}

export interface BatchValidationProblem {
  readonly code: string;
  readonly message: string;
  readonly line: number | null;
  readonly param: string | null;
}

export type ReadInput = { readonly ok: true; readonly lines: BatchInputLine[] } | { readonly ok: false; readonly problem: BatchValidationProblem };

export function readBatchInput(text: string, endpoint: string): ReadInput {
  if (text.charCodeAt(0) === 0xfeff) return fail('invalid_json_line', 'The file starts with a byte order mark; it is not valid JSONL.', 1, null);
  const lines: BatchInputLine[] = [];
  const seen = new Set<string>();
  let model: string | null = null;
  const raw = text.split('\n');
  for (const [i, line] of raw.entries()) {
    const number = i + 1;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return fail('invalid_json_line', 'This line is not parseable as valid JSON.', number, null);
    }
    const v = value as { custom_id?: unknown; method?: unknown; url?: unknown; body?: unknown } | null;
    if (typeof v !== 'object' || v === null) return fail('invalid_request', 'Each line must be a JSON object.', number, null);
    if (typeof v.custom_id !== 'string' || v.custom_id === '') return fail('missing_required_parameter', "Missing required parameter: 'custom_id'.", number, 'custom_id');
    if (seen.has(v.custom_id)) return fail('duplicate_custom_id', `The custom_id ${v.custom_id} is used on more than one line.`, number, 'custom_id');
    if (v.method !== 'POST') return fail('invalid_value', "Invalid 'method': expected 'POST'.", number, 'method');
    if (v.url !== endpoint) return fail('mismatched_endpoint', `The url ${String(v.url)} does not match the batch's endpoint ${endpoint}.`, number, 'url');
    const body = v.body as Record<string, unknown> | undefined;
    if (typeof body !== 'object' || body === null || typeof body['model'] !== 'string') return fail('missing_required_parameter', "Missing required parameter: 'body.model'.", number, 'body.model');
    const lineModel = body['model'] as string;
    if (model !== null && lineModel !== model) return fail('mismatched_model', `This line's model ${lineModel} differs from the file's model ${model}; a batch file holds one model.`, number, 'body.model');
    model = lineModel;
    seen.add(v.custom_id);
    lines.push({ customId: v.custom_id, body, model: lineModel });
  }
  if (lines.length === 0) return fail('empty_file', 'The input file has no requests.', null, null);
  return { ok: true, lines };
}

function fail(code: string, message: string, line: number | null, param: string | null): ReadInput {
  return { ok: false, problem: { code, message, line, param } };
}
