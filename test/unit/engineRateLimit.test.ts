// Patience with rate limits, end to end: a generation run through the real openai SDK against the
// real test teacher with a small sliding-window request limit whose Retry-After is too short (as
// some servers send). The SDK's own retries alone run out long before the window reopens; the run
// must still finish its whole budget, without spending past it and without counting a 429.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { GenerationRun } from '../../src/core/engine/runGeneration.ts';
import { indexSeedText } from '../../src/core/seeds/index.ts';
import { openSession } from '../../src/node/sessionFolder.ts';
import type { TeacherEvent } from '../../src/teacher/index.ts';
import { createChatClient } from '../../src/teacher/index.ts';
import { makeTempDir, seedFileText } from '../support/seedFixtures.ts';
import { TEST_MODEL, withTeacher } from '../teacher/testing.ts';

describe('a run against a rate-limited endpoint', () => {
  it('waits for the window and finishes its whole budget, billing no 429', async () => {
    const budget = 30;
    // 10 requests per second-long window, answered with "Retry-After: 0.05 s": the SDK's 2
    // retries are over within 0.1 s, far from the window's reopening.
    await withTeacher({ requestsPerMinute: 10, rateLimitWindowMs: 1000, rateLimitRetryAfterSeconds: 0.05 }, async (teacher) => {
      const dir = await makeTempDir();
      try {
        const session = await openSession(join(dir.path, 'session'));
        try {
          const pauses: TeacherEvent[] = [];
          const client = createChatClient({
            baseURL: teacher.url,
            apiKey: 'sk-test',
            timeoutMs: 10_000,
            maxRetries: 2,
            maxConcurrency: 8,
            onEvent: (event) => {
              if (event.type === 'pause') pauses.push(event);
            },
          });
          const model = { model: TEST_MODEL, endpoint: teacher.url };
          const run = new GenerationRun(
            {
              seedFile: join(dir.path, 'seeds.jsonl'),
              seeds: indexSeedText(seedFileText(budget)).seeds,
              strategy: 'answer-augmentation',
              limits: { teacher: budget, augmenter: budget },
              teacher: model,
              augmenter: model,
              concurrency: 8,
            },
            { clients: { teacher: client, augmenter: client }, session: { journal: session.journal, ledger: session.ledger } },
          );
          let unitFailures = 0;
          run.events.on('unit-failed', () => unitFailures++);
          const finished = await run.start();
          const served = teacher.stats().totals;

          assert.ok((served.errors['429'] ?? 0) > 0, 'the limit was never hit: the test proves nothing');
          assert.ok(pauses.length > 0, 'no pause was announced for the display');
          assert.notEqual(finished.reason, 'failed', `the run gave up: ${finished.message}`);
          assert.equal(unitFailures, 0);
          assert.equal(finished.samplesAdded, budget);
          const ledger = finished.ledger.teacher;
          assert.ok(ledger.spent <= budget, `spent ${ledger.spent} of ${budget}`);
          assert.equal(ledger.completed, budget);
          assert.equal(served.completions, ledger.completed, 'every completion the server made is in the ledger');
          assert.equal(ledger.released, served.errors['429'], 'every 429 was released, none billed');
        } finally {
          await session.close();
        }
      } finally {
        await dir.remove();
      }
    });
  });
  it('stops at once at its time limit while waiting for the window: nothing reserved, nothing spent that was not sent', async () => {
    const budget = 20;
    // 4 requests per minute: after them the run would wait the better part of a minute.
    await withTeacher({ requestsPerMinute: 4, rateLimitWindowMs: 60_000 }, async (teacher) => {
      const dir = await makeTempDir();
      try {
        const session = await openSession(join(dir.path, 'session'));
        try {
          let waiting!: () => void;
          const paused = new Promise<void>((resolve) => (waiting = resolve));
          const client = createChatClient({
            baseURL: teacher.url,
            apiKey: 'sk-test',
            timeoutMs: 10_000,
            maxRetries: 2,
            maxConcurrency: 4,
            onEvent: (event) => {
              if (event.type === 'pause' && event.waitMs > 30_000) waiting();
            },
          });
          const model = { model: TEST_MODEL, endpoint: teacher.url };
          const run = new GenerationRun(
            {
              seedFile: join(dir.path, 'seeds.jsonl'),
              seeds: indexSeedText(seedFileText(budget)).seeds,
              strategy: 'answer-augmentation',
              limits: { teacher: budget, augmenter: budget },
              teacher: model,
              augmenter: model,
              concurrency: 4,
              // Far beyond the first window's four requests, far short of its reopening.
              maxWallMs: 2_000,
            },
            { clients: { teacher: client, augmenter: client }, session: { journal: session.journal, ledger: session.ledger } },
          );
          const finished = run.start();
          await paused;
          const started = performance.now();
          const result = await finished;
          const stoppedAfterMs = performance.now() - started;
          assert.equal(result.reason, 'time-limit');
          assert.equal(result.message, 'The time limit of 2 s passed.');
          assert.ok(stoppedAfterMs < 10_000, `the run waited for the window (${Math.round(stoppedAfterMs)} ms) instead of stopping at its time limit`);
          const served = teacher.stats().totals;
          const ledger = result.ledger.teacher;
          assert.equal(result.samplesAdded, 4);
          assert.equal(ledger.reserved, 0, 'a waiting call left a reservation behind');
          assert.equal(ledger.spent, served.completions, 'spent exactly what the endpoint completed');
          assert.equal(ledger.released, served.errors['429'] ?? 0);
        } finally {
          await session.close();
        }
      } finally {
        await dir.remove();
      }
    });
  });
});
