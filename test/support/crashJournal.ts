// Shared by the crash test and the child it kills: which attempts the "endpoint" refuses, and
// the events the child writes. Both sides must agree on the rule without talking.
import type { JournalEvent, RunStartEvent } from '../../src/core/journal/events.ts';
import type { AttemptOutcome } from '../../src/core/model/chat.ts';

export const CRASH_CHILD = new URL('./crashJournalChild.ts', import.meta.url);

/** Every fifth attempt is refused before the model runs (a 429): released, not spent. */
export function isReleased(attemptId: string): boolean {
  return Number(attemptId.slice(attemptId.lastIndexOf('.') + 1)) % 5 === 0;
}

export function outcomeFor(attemptId: string): AttemptOutcome {
  return isReleased(attemptId) ? { kind: 'released', status: 429, reason: 'rate limited' } : { kind: 'completed', status: 200 };
}

export function crashRunStart(runId: string, limit: number): RunStartEvent {
  return {
    type: 'run-start', at: new Date().toISOString(), runId, strategy: 'answer-augmentation', seedFile: 'seeds.jsonl', seedCount: 10,
    limits: { teacher: limit, augmenter: limit }, teacher: { model: 't', endpoint: 'http://127.0.0.1:1' }, augmenter: { model: 'a', endpoint: 'http://127.0.0.1:1' },
    exampleSampleIds: [], options: {},
  };
}

export function crashSample(attemptId: string, runId: string): JournalEvent {
  return {
    type: 'sample', at: new Date().toISOString(),
    sample: {
      id: `s-${attemptId}`, unitKey: `u-${attemptId}`, runId, outputKey: '0', strategy: 'answer-augmentation', question: `Question for ${attemptId}?`, answer: `Answer ${'x'.repeat(200)}.`,
      flags: [], seedLines: [1], seedHashes: ['h'], exampleSampleIds: [], calls: [], teacher: { model: 't', endpoint: 'http://127.0.0.1:1' }, augmenter: null, createdAt: new Date().toISOString(),
    },
  };
}
