// What keeps a key out of messages and what keeps a request that never left out of the spend:
// the one scrubber every server text passes, and the classification of fetch's own refusals.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChatError } from '../../src/core/model/errors.ts';
import { scrubSecrets } from '../../src/core/model/scrubSecrets.ts';
import { createChatClient } from '../../src/teacher/index.ts';
import { classifyFetchFailure } from '../../src/teacher/fetchFailure.ts';

const KEY = 'sk-proj-Zx81LmQe7TvB2nRk9WpD4sYh6GjU0cAf';

describe('scrubSecrets', () => {
  it('removes every run of 8+ characters of the key, wherever it is cut', () => {
    const text = `bad key ${KEY.slice(0, 3)}…${KEY.slice(-12)} and middle ${KEY.slice(10, 19)} and whole ${KEY}.`;
    const out = scrubSecrets(text, KEY);
    for (let i = 0; i + 8 <= KEY.length; i++) assert.ok(!out.includes(KEY.slice(i, i + 8)), `${KEY.slice(i, i + 8)} left in: ${out}`);
    assert.match(out, /^bad key .*and middle \[redacted\] and whole \[redacted\]\.$/);
  });

  it('keeps runs of 7 characters (common words) and ordinary text', () => {
    assert.equal(scrubSecrets(`the word ${KEY.slice(20, 27)} stays`, KEY), `the word ${KEY.slice(20, 27)} stays`);
    assert.equal(scrubSecrets("Invalid 'temperature': expected a number between 0 and 2.", KEY), "Invalid 'temperature': expected a number between 0 and 2.");
  });

  it("removes anything shaped like a key, whoever's it is", () => {
    assert.equal(scrubSecrets('got Authorization: Bearer abc.def-123 from you'), 'got Authorization: Bearer [redacted] from you');
    assert.equal(scrubSecrets('key sk-…-012345... is revoked'), 'key [redacted] is revoked');
    assert.equal(scrubSecrets('see https://gw.example/v1?api-key=s3cr3t&x=1'), 'see https://gw.example/v1?api-key=[redacted]&x=1');
    assert.equal(scrubSecrets('a task-list and a risk-free plan'), 'a task-list and a risk-free plan');
  });
});

describe('requests that never left', () => {
  it("classifies fetch's refusal of a URL with credentials as not sent", async () => {
    const error = await fetch('http://user:hunter2@127.0.0.1:1/v1').then(() => null, (e: unknown) => e);
    const failure = classifyFetchFailure(error);
    assert.equal(failure.beforeSending, true);
    assert.doesNotMatch(failure.description, /hunter2/);
  });

  it('a chat client refuses a base URL with user info without naming the password', () => {
    assert.throws(
      () => createChatClient({ baseURL: 'http://user:hunter2@127.0.0.1:8787/v1', apiKey: KEY, timeoutMs: 1000, maxRetries: 0, maxConcurrency: 1 }),
      (error: unknown) => error instanceof ChatError && /user name or password/.test(error.message) && !error.message.includes('hunter2'),
    );
  });
});
