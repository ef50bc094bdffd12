// Words a newcomer reads (issue 11, item 8): no wrong plural, no file the user does not have,
// one spelling per button, and an Apply that says what it changes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { recommendStrategy } from '../../src/core/advisor/recommend.ts';
import { DEFAULT_PROMPTS, renderPrompt } from '../../src/core/prompts/index.ts';
import { ScaffoldingChecker } from '../../src/core/checks/scaffolding.ts';
import { LABELS } from '../../webview/labels.ts';
import { applyOffer } from '../../webview/strategyOffer.ts';

const text = (messages: { content: string }[]) => messages.map((m) => m.content).join('\n');

describe('the augmenter prompts', () => {
  it('never ask for "1 rephrasings" or "1 new questions"', () => {
    const rephrase = text(renderPrompt(DEFAULT_PROMPTS['rephrase.v1'], { count: 1, question: 'What is 2 + 2?' }));
    const fresh = text(renderPrompt(DEFAULT_PROMPTS['new-question.v1'], { count: 1, examples: 'Q: a\nA: b' }));
    assert.doesNotMatch(rephrase, /\b1 rephrasings\b/);
    assert.doesNotMatch(fresh, /\b1 new questions\b/);
    assert.match(rephrase, /^Count: 1$/m, 'the count is still given as a number');
  });

  it('still catch their own instruction leaking into a generated question', () => {
    const leaked = text(renderPrompt(DEFAULT_PROMPTS['rephrase.v1'], { count: 3, question: 'q' })).split('\n').find((line) => /as Count says/.test(line)) ?? '';
    assert.ok(leaked.length > 0);
    assert.equal(new ScaffoldingChecker().check(`How many apples? ${leaked}`, '#### 3').status, 'fail', `"${leaked}" is caught as scaffolding`);
  });
});

describe('the recommendation’s reason', () => {
  it('cites the paper and its figures, not a notes file the user does not have', () => {
    const { reason } = recommendStrategy({ seedCount: 50, teacherQueries: 500 });
    assert.doesNotMatch(reason, /method\.md|method notes/);
    assert.match(reason, /Chan et al\./);
    assert.match(reason, /arXiv 2409\.19759/);
    assert.match(reason, /figure/i);
  });
});

describe('the sidebar’s buttons', () => {
  it('spell "Set API Key" as the command palette does', () => {
    const nls = JSON.parse(readFileSync(new URL('../../package.nls.json', import.meta.url), 'utf8')) as Record<string, string>;
    assert.equal(LABELS.setApiKey, (nls['command.setApiKey'] ?? '').replace(/…$/, ''));
    assert.equal(LABELS.changeApiKey, 'Change API Key');
  });

  it('offer no Apply while the strategy is Auto (it already follows the recommendation), and say what Apply changes otherwise', () => {
    assert.deepEqual(applyOffer('auto', 'new-question'), { kind: 'auto-follows', text: 'Strategy is Auto: runs use New Question, the recommendation, and follow it when the budget or the seeds change.' });
    assert.equal(applyOffer('new-question', 'new-question'), null);
    const offer = applyOffer('question-rephrase', 'answer-augmentation');
    assert.equal(offer?.kind, 'switch');
    assert.equal(offer?.kind === 'switch' && offer.label, 'Switch to Answer Augmentation');
    assert.equal(offer?.kind === 'switch' && offer.title, 'Sets the strategy (seedsmith.generation.strategy) from Question Rephrase to Answer Augmentation for the next runs; no query is sent.');
  });
});

describe('the README', () => {
  it('says New Question shows previously accepted samples to the augmenter as examples', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    assert.match(readme, /New Question[^.]*accepted samples[^.]*examples/i);
  });
});
