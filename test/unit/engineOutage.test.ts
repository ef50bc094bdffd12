// Patience with an endpoint that is down for a while (issue 12, item 4: only errors that waiting
// cannot cure stop a run early). The real test teacher answers every request 503 until the test
// has seen far more refusals than the engine's "8 failed units in a row" rule would have
// allowed, then recovers; the run must ride the outage out and finish, billing no 503.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { indexSeedText } from '../../src/core/seeds/index.ts';
import { runInProcess } from '../support/engineRun.ts';
import { makeTempDir, seedFileText } from '../support/seedFixtures.ts';
import { TEST_MODEL, withTeacher } from '../teacher/testing.ts';

/** Refusals seen before the endpoint comes back: 8 units × 3 SDK attempts would have ended the run at 24. */
const OUTAGE_REFUSALS = 60;

describe('a run against an endpoint that is down for a while', () => {
  it('waits through 503s (Retry-After) and finishes its whole budget once the endpoint is back, billing no 503', async () => {
    const budget = 12;
    await withTeacher({ errorRate: 1, errorStatus: 503, errorRetryAfterSeconds: 0.02 }, async (teacher) => {
      const dir = await makeTempDir();
      try {
        const causes = new Set<string>();
        let recovered = false;
        const { finished, unitFailures } = await runInProcess({
          sessionDir: join(dir.path, 'session'),
          seedFile: join(dir.path, 'seeds.jsonl'),
          seeds: indexSeedText(seedFileText(budget)).seeds,
          strategy: 'answer-augmentation',
          limits: { teacher: budget, augmenter: budget },
          baseURL: teacher.url,
          teacherModel: TEST_MODEL,
          augmenterModel: TEST_MODEL,
          concurrency: 4,
          onEvent: (event) => {
            if (event.type !== 'pause') return;
            causes.add(event.cause);
            if (!recovered && (teacher.stats().totals.errors['503'] ?? 0) >= OUTAGE_REFUSALS) {
              recovered = true;
              teacher.configure({ errorRate: 0 });
            }
          },
        });
        const served = teacher.stats().totals;

        assert.ok(recovered, `the outage never reached ${OUTAGE_REFUSALS} refusals: the test proves nothing`);
        assert.deepEqual([...causes], ['unavailable'], 'the waits were announced as the endpoint being unavailable');
        assert.equal(finished.reason, 'done', `the run gave up: ${finished.message}`);
        assert.equal(unitFailures, 0);
        assert.equal(finished.samplesAdded, budget);
        const ledger = finished.ledger.teacher;
        assert.equal(ledger.spent, budget);
        assert.equal(served.completions, ledger.completed, 'every completion the server made is in the ledger');
        assert.equal(ledger.released, served.errors['503'], 'every 503 was released, none billed');
      } finally {
        await dir.remove();
      }
    });
  });
});
