// /v1/files and /v1/batches: the slice of OpenAI's Files and Batch APIs the openai SDK's
// files.create / files.retrieve / files.content and batches.create / retrieve / list / cancel
// use. Uploads are multipart/form-data, parsed by the platform's own Request.formData().
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BatchObject, BatchStore, StoredFile } from './batchStore.ts';
import { parseJsonBody, readBody, sendJson } from './httpIo.ts';
import { ApiError } from './protocol.ts';

const BATCH_ENDPOINTS = new Set(['/v1/chat/completions']);

/** Returns false when the path is none of these routes. */
export async function handleBatchRoutes(store: BatchStore, req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  if (!path.startsWith('/v1/files') && !path.startsWith('/v1/batches')) return false;
  store.countHttp();
  const method = req.method ?? 'GET';
  if (method === 'POST' && path === '/v1/files') return reply(res, await upload(store, req));
  const file = /^\/v1\/files\/([^/]+)(\/content)?$/.exec(path);
  if (method === 'GET' && file) {
    const stored = store.file(decodeURIComponent(file[1]!));
    if (!stored) throw new ApiError(404, `No such File object: ${file[1]!}`, { param: 'id' });
    if (file[2] === undefined) return reply(res, fileObject(stored));
    res.writeHead(200, { 'content-type': 'application/jsonl', 'content-length': String(Buffer.byteLength(stored.content)) }).end(stored.content);
    return true;
  }
  if (method === 'POST' && path === '/v1/batches') return reply(res, create(store, parseJsonBody(await readBody(req), false)));
  if (method === 'GET' && path === '/v1/batches') {
    const query = new URL(req.url ?? '/', 'http://teacher').searchParams;
    return reply(res, listBatches(store, query.get('after'), Number(query.get('limit') ?? '20')));
  }
  const batch = /^\/v1\/batches\/([^/]+)(\/cancel)?$/.exec(path);
  if (batch) {
    const found = store.batch(decodeURIComponent(batch[1]!));
    if (!found) throw new ApiError(404, `No batch found with id '${batch[1]!}'.`, { param: 'batch_id' });
    if (method === 'GET' && batch[2] === undefined) return reply(res, { ...found });
    if (method === 'POST' && batch[2] !== undefined) {
      await readBody(req);
      return reply(res, store.cancel(found));
    }
  }
  req.resume();
  throw new ApiError(404, `Invalid URL (${method} ${path})`, { code: 'unknown_url' });
}

function reply(res: ServerResponse, body: unknown): true {
  sendJson(res, 200, body);
  return true;
}

async function upload(store: BatchStore, req: IncomingMessage): Promise<unknown> {
  const raw = Buffer.from(await readBodyBytes(req));
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data')) throw new ApiError(400, 'Uploads must be multipart/form-data.', { param: 'file' });
  let form: FormData;
  try {
    form = await new Request('http://teacher/v1/files', { method: 'POST', headers: { 'content-type': type }, body: raw }).formData();
  } catch {
    throw new ApiError(400, 'The multipart body could not be parsed.', { param: 'file' });
  }
  const purpose = form.get('purpose');
  const file = form.get('file');
  if (typeof purpose !== 'string' || purpose === '') throw new ApiError(400, "Missing required parameter: 'purpose'.", { param: 'purpose', code: 'missing_required_parameter' });
  if (file === null || typeof file === 'string') throw new ApiError(400, "Missing required parameter: 'file'.", { param: 'file', code: 'missing_required_parameter' });
  // ignoreBOM keeps a byte order mark in the text, so validation sees it and refuses the file.
  const content = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await file.arrayBuffer());
  return fileObject(store.addFile(file.name, purpose, content));
}

async function readBodyBytes(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function fileObject(file: StoredFile): unknown {
  const { content: _content, ...rest } = file;
  return rest;
}

function create(store: BatchStore, body: unknown): BatchObject {
  const b = (body ?? {}) as { input_file_id?: unknown; endpoint?: unknown; completion_window?: unknown; metadata?: unknown };
  if (typeof b.input_file_id !== 'string') throw new ApiError(400, "Missing required parameter: 'input_file_id'.", { param: 'input_file_id', code: 'missing_required_parameter' });
  if (typeof b.endpoint !== 'string' || !BATCH_ENDPOINTS.has(b.endpoint)) throw new ApiError(400, "Invalid 'endpoint': expected '/v1/chat/completions'.", { param: 'endpoint' });
  if (b.completion_window !== '24h') throw new ApiError(400, "Invalid 'completion_window': expected '24h'.", { param: 'completion_window' });
  const input = store.file(b.input_file_id);
  if (!input) throw new ApiError(404, `No such File object: ${b.input_file_id}`, { param: 'input_file_id' });
  if (input.purpose !== 'batch') throw new ApiError(400, `File ${input.id} has purpose ${input.purpose}, not batch.`, { param: 'input_file_id' });
  const metadata = typeof b.metadata === 'object' && b.metadata !== null ? (b.metadata as Record<string, string>) : null;
  return store.create(input, b.endpoint, b.completion_window, metadata);
}

function listBatches(store: BatchStore, after: string | null, limit: number): unknown {
  const all = store.list();
  const start = after === null ? 0 : all.findIndex((b) => b.id === after) + 1;
  const take = Number.isFinite(limit) && limit > 0 ? Math.min(100, Math.floor(limit)) : 20;
  const data = all.slice(start, start + take);
  return { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: start + take < all.length };
}
