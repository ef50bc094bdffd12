// core's BatchEngine on the openai SDK's files and batches APIs: the input file is uploaded with
// files.create (multipart), the batch created with batches.create and tagged with SeedSmith's
// batch key in its metadata (so a batch created just before a crash is found again by
// batches.list), polled with batches.retrieve, read with files.content, cancelled with
// batches.cancel. Azure OpenAI's global batch takes the same calls with its own paths.
import { toFile } from 'openai';
import type OpenAI from 'openai';
import type { BatchEngine, BatchPoll, BatchRequestLine, BatchResultLine, BatchSubmission } from '../core/batch/batchEngine.ts';
import { ChatError } from '../core/model/errors.ts';
import type { MaxTokensField } from './chatBody.ts';
import { buildChatBody, resolveMaxTokensField } from './chatBody.ts';
import { badBaseUrlReason } from './endpoint.ts';
import { readBatchRecords } from './batchRecords.ts';
import type { FetchLike } from './meteredFetch.ts';
import { createSdk } from './sdk.ts';

export interface BatchClientConfig {
  readonly baseURL: string;
  readonly apiKey: string;
  readonly kind: 'openai' | 'azure';
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly maxTokensField?: MaxTokensField;
  /** The fetch that really sends; a benchmark passes one that counts. Defaults to the global fetch. */
  readonly fetch?: FetchLike;
}

/** The metadata key a batch carries SeedSmith's batch key under. */
export const BATCH_KEY_METADATA = 'seedsmith_batch';

const TERMINAL = new Set(['completed', 'expired', 'cancelled', 'failed']);
/** Batches looked through when recovering one by its key: the newest first, 100 a page. */
const FIND_PAGES = 20;

export function createBatchClient(config: BatchClientConfig): BatchEngine {
  const bad = badBaseUrlReason(config.baseURL);
  if (bad !== null) throw new ChatError('connection', bad);
  const sdk = createSdk({ baseURL: config.baseURL, apiKey: config.apiKey, timeoutMs: config.timeoutMs, maxRetries: config.maxRetries, ...(config.fetch ? { fetch: config.fetch } : {}) });
  const maxTokensField = resolveMaxTokensField(config.maxTokensField ?? 'auto', config.baseURL);
  const endpoint = config.kind === 'azure' ? '/chat/completions' : '/v1/chat/completions';

  const submission = (batch: OpenAI.Batches.Batch): BatchSubmission => ({ batchId: batch.id, inputFileId: batch.input_file_id, expiresAt: isoOf(batch.expires_at) });

  return {
    kind: config.kind,
    encodeLine: (line: BatchRequestLine) => encodeBatchLine(line, endpoint, maxTokensField),
    async submit(lines, batchKey, signal) {
      // UTF-8 without a byte order mark: providers refuse a BOM.
      const file = await sdk.files.create({ file: await toFile(Buffer.from(`${lines.join('\n')}\n`, 'utf8'), `seedsmith-${batchKey}.jsonl`), purpose: 'batch' }, { signal });
      const batch = await sdk.batches.create({ input_file_id: file.id, endpoint: endpoint as '/v1/chat/completions', completion_window: '24h', metadata: { [BATCH_KEY_METADATA]: batchKey } }, { signal });
      return submission(batch);
    },
    async find(batchKey, signal) {
      let page = await sdk.batches.list({ limit: 100 }, { signal });
      for (let n = 0; n < FIND_PAGES; n++) {
        const found = page.data.find((b) => b.metadata?.[BATCH_KEY_METADATA] === batchKey);
        if (found) return submission(found);
        if (!page.hasNextPage()) return null;
        page = await page.getNextPage();
      }
      return null;
    },
    async poll(batchId, signal): Promise<BatchPoll> {
      const batch = await sdk.batches.retrieve(batchId, { signal });
      return {
        status: batch.status,
        terminal: TERMINAL.has(batch.status),
        outputFileId: batch.output_file_id ?? null,
        errorFileId: batch.error_file_id ?? null,
        counts: { total: batch.request_counts?.total ?? 0, completed: batch.request_counts?.completed ?? 0, failed: batch.request_counts?.failed ?? 0 },
        errors: (batch.errors?.data ?? []).map((e) => `${e.line != null ? `line ${e.line}: ` : ''}${e.message ?? e.code ?? 'invalid'}`),
        expiresAt: isoOf(batch.expires_at),
      };
    },
    async results(poll, signal): Promise<BatchResultLine[]> {
      const lines: BatchResultLine[] = [];
      for (const id of [poll.outputFileId, poll.errorFileId]) {
        if (id === null) continue;
        const text = await (await sdk.files.content(id, { signal })).text();
        lines.push(...readBatchRecords(text).lines);
      }
      return lines;
    },
    async cancel(batchId, signal) {
      await sdk.batches.cancel(batchId, { signal });
    },
  };
}

/** One input line in the OpenAI batch format ({custom_id, method, url, body}), as vLLM's run-batch reads it too. */
export function encodeBatchLine(line: BatchRequestLine, url: string, maxTokensField: 'max_tokens' | 'max_completion_tokens'): string {
  return JSON.stringify({ custom_id: line.customId, method: 'POST', url, body: buildChatBody(line.request, maxTokensField) });
}

function isoOf(seconds: number | null | undefined): string | null {
  return typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : null;
}
