// The test teacher's Files and Batch APIs, driven through the real openai SDK (files.create with
// a multipart upload, batches.create / retrieve / cancel / list, files.content), and its knobs:
// processing delay, failing, expiring and missing lines, validation failure, `completed` before
// the file ids, shuffled output; and the offline runner (vLLM run-batch's stand-in).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type OpenAI from 'openai';
import { toFile } from 'openai';
import { runOffline } from '../teacher/offlineBatch.ts';
import { clientFor, TEST_MODEL, withTeacher } from '../teacher/testing.ts';
import type { TestTeacher } from '../teacher/server.ts';

const question = (i: number) => `Tom has ${i + 2} apples and buys ${i + 3} more. How many apples does Tom have now?`;
const line = (i: number, model = TEST_MODEL) => ({ custom_id: `run-1:s${i}:1`, method: 'POST', url: '/v1/chat/completions', body: { model, messages: [{ role: 'user', content: `Question: ${question(i)}` }], temperature: 0.7, seed: i, max_tokens: 400 } });
const jsonl = (lines: readonly unknown[]) => lines.map((l) => `${JSON.stringify(l)}\n`).join('');

async function submit(client: OpenAI, text: string, metadata?: Record<string, string>): Promise<OpenAI.Batches.Batch> {
  const file = await client.files.create({ file: await toFile(Buffer.from(text), 'input.jsonl'), purpose: 'batch' });
  return client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h', ...(metadata ? { metadata } : {}) });
}

async function finished(client: OpenAI, id: string): Promise<OpenAI.Batches.Batch> {
  let batch = await client.batches.retrieve(id);
  while (!['completed', 'expired', 'failed', 'cancelled'].includes(batch.status)) {
    await new Promise((r) => setTimeout(r, 5));
    batch = await client.batches.retrieve(id);
  }
  return batch;
}

async function records(client: OpenAI, fileId: string | null | undefined): Promise<{ custom_id: string; response: { status_code: number; body: OpenAI.ChatCompletion } | null; error: { code: string } | null }[]> {
  if (!fileId) return [];
  const text = await (await client.files.content(fileId)).text();
  return text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
}

const withClient = (knobs: Parameters<typeof withTeacher>[0], run: (client: OpenAI, teacher: TestTeacher) => Promise<void>) => withTeacher(knobs, (teacher) => run(clientFor(teacher), teacher));

describe('test teacher: files and batches', { concurrency: true }, () => {
  it('uploads a file, runs a batch and answers every line in the output file, counted as completions', async () => {
    await withClient({}, async (client, teacher) => {
      const lines = Array.from({ length: 5 }, (_, i) => line(i));
      const created = await submit(client, jsonl(lines), { seedsmith: 'local-1' });
      assert.equal(created.status, 'in_progress');
      const batch = await finished(client, created.id);
      assert.equal(batch.status, 'completed');
      assert.deepEqual(batch.request_counts, { total: 5, completed: 5, failed: 0 });
      const out = await records(client, batch.output_file_id);
      assert.deepEqual(out.map((r) => r.custom_id), lines.map((l) => l.custom_id));
      assert.ok(out.every((r) => r.response?.status_code === 200 && /#### \d+/.test(r.response.body.choices[0]!.message.content ?? '')));
      assert.equal(batch.error_file_id, null);
      assert.equal(teacher.stats().models[TEST_MODEL]!.completions, 5);
      assert.equal(teacher.batchStats().executed, 5);
      const listed = await client.batches.list();
      assert.equal(listed.data[0]!.metadata?.['seedsmith'], 'local-1');
    });
  });

  it('stays in progress for the processing delay, and cancel reports every line batch_cancelled', async () => {
    await withClient({ batchDelayMs: 60_000 }, async (client, teacher) => {
      const created = await submit(client, jsonl([line(0), line(1)]));
      assert.equal((await client.batches.retrieve(created.id)).status, 'in_progress');
      assert.equal((await client.batches.cancel(created.id)).status, 'cancelling');
      const batch = await finished(client, created.id);
      assert.equal(batch.status, 'cancelled');
      const errors = await records(client, batch.error_file_id);
      assert.deepEqual(errors.map((r) => r.error?.code), ['batch_cancelled', 'batch_cancelled']);
      assert.equal(teacher.stats().totals.completions, 0);
    });
  });

  it('fails validation with the provider message and line, running nothing', async () => {
    await withClient({ batchValidationError: 'The input file is malformed.' }, async (client, teacher) => {
      const batch = await finished(client, (await submit(client, jsonl([line(0)]))).id);
      assert.equal(batch.status, 'failed');
      assert.equal(batch.errors?.data?.[0]?.message, 'The input file is malformed.');
      assert.equal(batch.output_file_id, null);
      assert.equal(teacher.stats().totals.completions, 0);
    });
    await withClient({}, async (client) => {
      const mixed = await finished(client, (await submit(client, jsonl([line(0), line(1, 'other-model')]))).id);
      assert.equal(mixed.status, 'failed');
      assert.equal(mixed.errors?.data?.[0]?.line, 2);
      const bom = await finished(client, (await submit(client, `\ufeff${jsonl([line(0)])}`)).id);
      assert.equal(bom.status, 'failed');
      const duplicate = await finished(client, (await submit(client, jsonl([line(0), line(0)]))).id);
      assert.equal(duplicate.errors?.data?.[0]?.code, 'duplicate_custom_id');
    });
  });

  it('expires part of a batch (status expired), fails and drops lines, and a resubmission of the expired requests runs', async () => {
    await withClient({ batchExpireRate: 0.3, batchLineErrorRate: 0.2, batchDropRate: 0.1, seed: 3 }, async (client, teacher) => {
      const lines = Array.from({ length: 40 }, (_, i) => line(i));
      const batch = await finished(client, (await submit(client, jsonl(lines))).id);
      assert.equal(batch.status, 'expired');
      const out = await records(client, batch.output_file_id);
      const errors = await records(client, batch.error_file_id);
      const expired = errors.filter((r) => r.error?.code === 'batch_expired');
      const failed = errors.filter((r) => r.response?.status_code === 500);
      const stats = teacher.batchStats();
      assert.ok(expired.length > 0 && failed.length > 0 && stats.dropped > 0, JSON.stringify(stats));
      assert.equal(out.length + expired.length + failed.length + stats.dropped, 40);
      assert.equal(stats.executed, out.length + failed.length);
      assert.equal(teacher.stats().totals.completions, out.length, 'a line that failed after running is not a completion');
      const again = lines.filter((l) => expired.some((r) => r.custom_id === l.custom_id)).map((l) => ({ ...l, custom_id: l.custom_id.replace(/:1$/, ':2') }));
      const second = await finished(client, (await submit(client, jsonl(again))).id);
      assert.equal((await records(client, second.error_file_id)).filter((r) => r.error?.code === 'batch_expired').length, 0);
    });
  });

  it('shows completed before the output file id exists, and can shuffle the output', async () => {
    await withClient({ batchFileDelayMs: 300, batchShuffle: true }, async (client) => {
      const lines = Array.from({ length: 20 }, (_, i) => line(i));
      const batch = await finished(client, (await submit(client, jsonl(lines))).id);
      assert.equal(batch.status, 'completed');
      assert.equal(batch.output_file_id, null, 'the status came first');
      let later = batch;
      while (later.output_file_id === null) {
        await new Promise((r) => setTimeout(r, 20));
        later = await client.batches.retrieve(batch.id);
      }
      const ids = (await records(client, later.output_file_id)).map((r) => r.custom_id);
      assert.deepEqual([...ids].sort(), lines.map((l) => l.custom_id).sort());
      assert.notDeepEqual(ids, lines.map((l) => l.custom_id));
    });
  });

  it('offline mode runs an input file to one output file holding successes and errors', () => {
    const lines = Array.from({ length: 30 }, (_, i) => line(i));
    const { output, result } = runOffline(jsonl(lines), { batchLineErrorRate: 0.2, seed: 5 });
    const parsed = output.trim().split('\n').map((l) => JSON.parse(l) as { custom_id: string; response: { status_code: number } });
    assert.equal(parsed.length, 30);
    assert.ok(result.failed > 0 && result.succeeded > 0);
    assert.equal(parsed.filter((r) => r.response.status_code === 200).length, result.succeeded);
    assert.deepEqual(parsed.map((r) => r.custom_id), lines.map((l) => l.custom_id));
  });
});
