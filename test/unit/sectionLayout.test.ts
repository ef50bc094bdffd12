// Where the review is (issue 11, item 1): once samples wait for review, the setup sections fold
// to one line each, a section the person unfolds stays unfolded, and the choices the host keeps
// come back as they were (a reload reads them from the workspace state).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NO_CHOICES, keepTeacherOpen, parseChoices, sectionLayout, startReview, withChoice } from '../../src/hostLogic/sectionLayout.ts';

const allOpen = { seed: true, teacher: true, budget: true, strategy: true, run: true };
const allFolded = { seed: false, teacher: false, budget: false, strategy: false, run: false };

describe('the sidebar layout', () => {
  it('setting up: every section open, the Teacher section folded once it is configured', () => {
    assert.deepEqual(sectionLayout({ pending: 0, running: false, teacherConfigured: false, choices: NO_CHOICES }), { reviewFirst: false, open: allOpen });
    assert.deepEqual(sectionLayout({ pending: 0, running: false, teacherConfigured: true, choices: NO_CHOICES }).open, { ...allOpen, teacher: false });
  });

  it('with samples to review: every setup section folds, so the card is where the eye is', () => {
    assert.deepEqual(sectionLayout({ pending: 8, running: false, teacherConfigured: true, choices: NO_CHOICES }), { reviewFirst: true, open: allFolded });
  });

  it('a run going on keeps the Run section open (Stop and the progress) while samples arrive', () => {
    assert.deepEqual(sectionLayout({ pending: 3, running: true, teacherConfigured: true, choices: NO_CHOICES }).open, { ...allFolded, run: true });
  });

  it('a section the person unfolds while reviewing stays unfolded, and does not change the setup layout', () => {
    const choices = withChoice(NO_CHOICES, true, 'budget', true);
    assert.deepEqual(sectionLayout({ pending: 5, running: false, teacherConfigured: true, choices }).open, { ...allFolded, budget: true });
    assert.deepEqual(sectionLayout({ pending: 0, running: false, teacherConfigured: true, choices }).open, { ...allOpen, teacher: false });
    const folded = withChoice(choices, false, 'strategy', false);
    assert.deepEqual(sectionLayout({ pending: 0, running: false, teacherConfigured: true, choices: folded }).open, { ...allOpen, teacher: false, strategy: false });
  });

  it('the choices survive a round trip through storage; anything else read back is dropped', () => {
    const choices = withChoice(withChoice(NO_CHOICES, true, 'seed', true), false, 'run', false);
    assert.deepEqual(parseChoices(JSON.parse(JSON.stringify(choices))), choices);
    assert.deepEqual(parseChoices({ setup: { seed: 'yes', nope: true, budget: false }, review: null }), { setup: { budget: false }, review: {} });
    assert.deepEqual(parseChoices(undefined), NO_CHOICES);
  });

  it('the Teacher section never folds by itself while the person sets it up', () => {
    const kept = keepTeacherOpen(NO_CHOICES, false, true);
    assert.ok(kept);
    assert.equal(sectionLayout({ pending: 0, running: false, teacherConfigured: true, choices: kept }).open.teacher, true);
    assert.equal(keepTeacherOpen(NO_CHOICES, undefined, true), undefined, 'configured from the start: folded by default');
    assert.equal(keepTeacherOpen(withChoice(NO_CHOICES, false, 'teacher', false), false, true), undefined, 'the person’s own choice stands');
  });

  it('starting something new from the sidebar folds what was unfolded during the review, and only that', () => {
    const choices = withChoice(withChoice(NO_CHOICES, true, 'seed', true), false, 'strategy', false);
    const fresh = startReview(choices);
    assert.deepEqual(fresh, { setup: { strategy: false }, review: {} });
    assert.deepEqual(sectionLayout({ pending: 4, running: false, teacherConfigured: true, choices: fresh }).open, allFolded);
  });
});
