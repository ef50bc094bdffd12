// The editor's answer kind: which one wins (the project file, then the setting, then detection),
// what the sidebar's seed section says about it, the intent that changes the setting, and the
// card showing every check of the kind (a pass or an n/a with its reason, not only problems).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckResult } from '../../src/core/checks/types.ts';
import { reduceJournal } from '../../src/core/journal/reduce.ts';
import { ANSWER_KINDS, profileSeeds } from '../../src/core/profile/index.ts';
import type { Sample } from '../../src/core/samples/sample.ts';
import { indexSeedText } from '../../src/core/seeds/indexSeeds.ts';
import { answersView, chooseAnswerKind } from '../../src/hostLogic/answerKindChoice.ts';
import { buildSidebarSnapshot } from '../../src/hostLogic/sidebarSnapshot.ts';
import { ANSWER_KIND_SETTINGS, parseWebviewIntent } from '../../src/shared/protocol.ts';
import { sqlSeeds } from '../support/kindFixtures.ts';
import { NO_CHOICES } from '../../src/hostLogic/sectionLayout.ts';

const project = (kind: 'auto' | 'sql' | 'text', problem: string | null = null) => ({ fileName: 'seedsmith.jsonc', kind, problem });

describe('answer kind choice', () => {
  it('the project file wins when it names a kind; else the setting; else detected', () => {
    assert.deepEqual(chooseAnswerKind({ setting: 'auto', project: null }), { kind: 'auto', source: 'detected' });
    assert.deepEqual(chooseAnswerKind({ setting: 'label', project: null }), { kind: 'label', source: 'setting' });
    assert.deepEqual(chooseAnswerKind({ setting: 'label', project: project('auto') }), { kind: 'label', source: 'setting' });
    assert.deepEqual(chooseAnswerKind({ setting: 'label', project: project('sql') }), { kind: 'sql', source: 'project' });
    // A project file with a bad value is not used (the problem is shown).
    assert.deepEqual(chooseAnswerKind({ setting: 'text', project: project('sql', 'seedsmith.jsonc:1:16: bad') }), { kind: 'text', source: 'setting' });
  });

  it('the sidebar says the kind and how many seeds agree, and where an override comes from', () => {
    const seeds = indexSeedText(sqlSeeds()).seeds;
    const detected = profileSeeds(seeds);
    assert.equal(detected.kind, 'sql');
    const n = seeds.length;
    const auto = answersView(detected, 'sql', { setting: 'auto', project: null });
    assert.equal(auto.text, `SQL (${n} of ${n} seeds)`);
    assert.equal(auto.source, 'detected');
    assert.equal(auto.note, null);

    const asText = answersView(profileSeeds(seeds, { kind: 'text' }), 'sql', { setting: 'text', project: null });
    assert.equal(asText.text, `free text (0 of ${n} seeds)`);
    assert.equal(asText.setting, 'text');
    assert.match(asText.note ?? '', /^Set in the settings; detected from the seeds: SQL\. \d+ of the seeds' answers look like another kind\.$/);

    const fromProject = answersView(detected, 'sql', { setting: 'text', project: project('sql') });
    assert.equal(fromProject.source, 'project');
    assert.match(fromProject.note ?? '', /"answerKind" in seedsmith\.jsonc, which wins over the setting \(free text\)/);

    const broken = answersView(detected, 'sql', { setting: 'auto', project: project('auto', 'seedsmith.jsonc:2:17: "answerKind" must be …') });
    assert.match(broken.note ?? '', /seedsmith\.jsonc is not used for the kind: seedsmith\.jsonc:2:17/);
  });

  it('the intent to change the setting is checked like every other', () => {
    assert.deepEqual(ANSWER_KIND_SETTINGS, ['auto', ...ANSWER_KINDS]);
    assert.deepEqual(parseWebviewIntent({ type: 'setAnswerKind', kind: 'sql' }), { type: 'setAnswerKind', kind: 'sql' });
    assert.deepEqual(parseWebviewIntent({ type: 'setAnswerKind', kind: 'auto' }), { type: 'setAnswerKind', kind: 'auto' });
    assert.equal(parseWebviewIntent({ type: 'setAnswerKind', kind: 'prose' }), undefined);
    assert.equal(parseWebviewIntent({ type: 'setAnswerKind' }), undefined);
  });

  it('the card shows every check of the kind, passes and n/a included, after the problems', () => {
    const at = '2026-12-01T00:00:00.000Z';
    const sample: Sample = {
      id: 's1', unitKey: 'u1', runId: 'r1', outputKey: 'a0', strategy: 'answer-augmentation', question: 'How many singers?', answer: 'SELECT count(*) FROM singer', flags: [],
      seedLines: [1], seedHashes: ['h'], exampleSampleIds: [], calls: [], teacher: { model: 't', endpoint: 'http://t' }, augmenter: null, createdAt: at,
    };
    const results: CheckResult[] = [
      { check: 'gold-match', status: 'n/a', detail: 'n/a, because the answers are sql' },
      { check: 'sql-parses', status: 'pass', detail: 'one SELECT statement' },
      { check: 'sql-execution', status: 'pass', detail: 'same 1 rows as the gold query (as a multiset)' },
      { check: 'duplicate', status: 'pass', detail: 'no near duplicate' },
      { check: 'length', status: 'warn', detail: 'short' },
    ];
    const index = indexSeedText(sqlSeeds());
    const snap = buildSidebarSnapshot({
      seedFile: { kind: 'loaded', uri: { path: '/w/sql.jsonl', toString: () => 'file:///w/sql.jsonl' }, index },
      displayPath: () => 'sql.jsonl',
      workspaceTrusted: true,
      session: reduceJournal([{ type: 'sample', at, sample }]),
      readOnly: null,
      readOnlyFix: null,
      keys: { accept: 'a', reject: 'x', edit: 'e', skip: 'Space', undo: 'u' },
      reserved: { teacher: 0, augmenter: 0 },
      settings: { teacherLimit: 10, augmenterLimit: 10, strategy: 'auto', samplesPerSeed: undefined, questionsPerCall: 3, pricing: {} },
      teacher: { baseUrl: 'http://t', teacherModel: 't', augmenterModel: 't', hasApiKey: true, connection: { state: 'unknown', message: '' } },
      run: { state: 'idle', blocked: null, progress: null, last: null },
      review: { queue: () => ['s1'], cursor: 0, filter: 'pending', strategy: 'all' },
      canUndo: false,
      checks: () => results,
      answers: answersView(profileSeeds(index.seeds), 'sql', { setting: 'auto', project: null }),
      advisor: { recommendation: null, estimates: [] },
      sections: NO_CHOICES,
    });
    assert.deepEqual(snap.review.window[0]?.checks.map((c) => `${c.check}:${c.status}`), ['length:warn', 'sql-parses:pass', 'sql-execution:pass']);
    assert.equal(snap.seedFile.kind === 'loaded' ? snap.seedFile.file.answers?.text : undefined, `SQL (${index.seeds.length} of ${index.seeds.length} seeds)`);
  });
});
