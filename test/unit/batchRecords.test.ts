// Reading a batch engine's output and error files: OpenAI's shapes and vLLM run-batch's (errors
// in the same file), joined by custom_id; what cannot be read is reported, never guessed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readBatchRecords } from '../../src/teacher/batchRecords.ts';

const completion = { id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'Two plus two. #### 4', refusal: null }, finish_reason: 'stop' }], usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 } };

describe('batch output records', () => {
  it('reads successes, unrun lines, failed lines and vLLM-style errors; counts what it cannot read', () => {
    const text = [
      { id: 'b1', custom_id: 'r:a:1', response: { status_code: 200, request_id: 'req_1', body: completion }, error: null },
      { id: 'b2', custom_id: 'r:b:1', response: null, error: { code: 'batch_expired', message: 'expired' } },
      { id: 'b3', custom_id: 'r:c:1', response: { status_code: 500, request_id: 'req_3', body: { error: { message: 'server error' } } }, error: null },
      // vLLM: a response with an error status and the error beside it.
      { id: 'b4', custom_id: 'r:d:1', response: { status_code: 400, request_id: 'req_4', body: null }, error: { code: null, message: 'prompt too long' } },
      { id: 'b5', custom_id: 'r:e:1', response: { status_code: 200, request_id: 'req_5', body: { not: 'a completion' } }, error: null },
    ].map((r) => JSON.stringify(r)).join('\n') + '\nnot json\n{"response": null}\n';
    const read = readBatchRecords(text);
    assert.deepEqual(read.unreadable, [6, 7]);
    const [ok, expired, failed, vllm, odd] = read.lines;
    assert.equal(ok?.kind, 'completed');
    if (ok?.kind === 'completed') {
      assert.equal(ok.result.content, 'Two plus two. #### 4');
      assert.deepEqual(ok.result.usage, { promptTokens: 12, completionTokens: 7 });
      assert.equal(ok.result.requestId, 'req_1');
    }
    assert.deepEqual(expired, { customId: 'r:b:1', kind: 'unrun', code: 'batch_expired' });
    assert.deepEqual(failed, { customId: 'r:c:1', kind: 'error', status: 500, message: 'server error' });
    assert.deepEqual(vllm, { customId: 'r:d:1', kind: 'error', status: 400, message: 'prompt too long' });
    assert.deepEqual(odd, { customId: 'r:e:1', kind: 'error', status: 200, message: 'the answer is not a chat completion' });
  });
});
