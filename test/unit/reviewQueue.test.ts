import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reduceJournal } from '../../src/core/journal/reduce.ts';
import type { JournalEvent } from '../../src/core/journal/events.ts';
import { asMarkdownText } from '../../src/core/review/markdownText.ts';
import { cursorAfterDecision, moveTarget, reviewQueue } from '../../src/core/review/reviewQueue.ts';
import { undoStackFrom } from '../../src/core/review/undoStack.ts';
import type { Sample, SampleFlag, StrategyId } from '../../src/core/samples/sample.ts';

const at = '2026-11-21T00:00:00.000Z';

function sample(id: string, strategy: StrategyId, flags: SampleFlag[] = []): JournalEvent {
  const value: Sample = {
    id, unitKey: `u-${id}`, runId: 'r1', outputKey: 'a0', strategy, question: `q ${id}`, answer: `a ${id}`, flags,
    seedLines: [1], seedHashes: ['h'], exampleSampleIds: [], calls: [],
    teacher: { model: 't', endpoint: 'http://x/v1' }, augmenter: null, createdAt: at,
  };
  return { type: 'sample', at, sample: value };
}

const decide = (sampleId: string, decision: 'accept' | 'reject'): JournalEvent => ({ type: 'decision', at, sampleId, decision, source: 'test' });

describe('review queue', () => {
  const state = reduceJournal([
    sample('s1', 'answer-augmentation'),
    sample('s2', 'question-rephrase', ['truncated']),
    sample('s3', 'answer-augmentation'),
    sample('s4', 'new-question', ['refusal']),
    decide('s3', 'accept'),
  ]);

  it('pending keeps generation order, with flagged samples first when asked', () => {
    assert.deepEqual(reviewQueue(state, { filter: 'pending', strategy: 'all', flaggedFirst: false }), ['s1', 's2', 's4']);
    assert.deepEqual(reviewQueue(state, { filter: 'pending', strategy: 'all', flaggedFirst: true }), ['s2', 's4', 's1']);
  });

  it('filters by state, flags and strategy', () => {
    assert.deepEqual(reviewQueue(state, { filter: 'accepted', strategy: 'all', flaggedFirst: true }), ['s3']);
    assert.deepEqual(reviewQueue(state, { filter: 'flagged', strategy: 'all', flaggedFirst: false }), ['s2', 's4']);
    assert.deepEqual(reviewQueue(state, { filter: 'all', strategy: 'answer-augmentation', flaggedFirst: false }), ['s1', 's3']);
  });

  it('after a decision the cursor stays when the sample left the queue, and moves on when it stayed', () => {
    assert.equal(cursorAfterDecision(1, false, 2), 1);
    assert.equal(cursorAfterDecision(1, true, 3), 2);
    assert.equal(cursorAfterDecision(2, false, 2), 1, 'the last card decided: back to the new last one');
    assert.equal(cursorAfterDecision(0, false, 0), 0);
  });
});

describe('asMarkdownText', () => {
  it('escapes Markdown and HTML syntax so model text shows as itself', () => {
    const text = '<img src=x onerror="alert(1)"> **bold** [link](http://x) #### 42';
    const escaped = asMarkdownText(text);
    assert.ok(!/(^|[^\\])[<>*[\]()#]/.test(escaped), escaped);
    assert.equal(escaped.replace(/\\(.)/g, '$1'), text, 'unescaping gives the text back');
  });

  it('keeps spaces (so hovers wrap between words) and turns newlines into Markdown line breaks', () => {
    assert.equal(asMarkdownText('a b\nc'), 'a b  \nc');
  });
});

describe('undo history from the journal', () => {
  const decision = (sampleId: string, choice: 'accept' | 'reject' | 'reset', source: string, at: string, extra: object = {}): JournalEvent => ({ type: 'decision', at, sampleId, decision: choice, source, ...extra });

  it('lists the editor\'s decisions with what they replaced, newest last, without the undone ones or the CLI\'s', () => {
    const state = reduceJournal([
      sample('s1', 'answer-augmentation'),
      sample('s2', 'answer-augmentation'),
      sample('s3', 'answer-augmentation'),
      decision('s1', 'accept', 'editor', '2026-11-21T00:00:01.000Z'),
      decision('s2', 'reject', 'editor', '2026-11-21T00:00:02.000Z', { reason: 'wrong' }),
      decision('s2', 'accept', 'editor', '2026-11-21T00:00:03.000Z', { edited: { question: 'q', answer: 'a' } }),
      decision('s3', 'accept', 'cli', '2026-11-21T00:00:04.000Z'),
      decision('s2', 'reject', 'editor-undo', '2026-11-21T00:00:05.000Z', { reason: 'wrong' }),
    ]);
    const stack = undoStackFrom(state);
    assert.deepEqual(stack.map((entry) => [entry.sampleId, entry.previous.state, entry.previous.reason]), [
      ['s1', 'pending', null],
      ['s2', 'pending', null],
    ]);
  });
});

describe('review queue with check results', () => {
  it('moves samples that fail an automatic check to the front with the flagged ones', () => {
    const state = reduceJournal([sample('s1', 'answer-augmentation'), sample('s2', 'answer-augmentation'), sample('s3', 'answer-augmentation', ['refusal'])]);
    const failsCheck = (id: string) => id === 's2';
    assert.deepEqual(reviewQueue(state, { filter: 'pending', strategy: 'all', flaggedFirst: true, failsCheck }), ['s2', 's3', 's1']);
    assert.deepEqual(reviewQueue(state, { filter: 'pending', strategy: 'all', flaggedFirst: false, failsCheck }), ['s1', 's2', 's3']);
  });
});

describe('moveTarget', () => {
  it('lands on the named sample wherever the queue now holds it, else on the position asked for', () => {
    assert.equal(moveTarget(['s1', 's2', 's3'], 0, 's3'), 2, 'the card moved to slid to the end: follow it');
    assert.equal(moveTarget(['s1', 's2', 's3'], 1, 'gone'), 1);
    assert.equal(moveTarget(['s1', 's2', 's3'], 1, undefined), 1);
  });
});
