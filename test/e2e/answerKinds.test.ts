// Issue 10 in the real workbench (code-server, Chromium, the packaged VSIX): the sample
// workspace's text-to-SQL seed file shows its answer kind in the sidebar's seed section, and after
// a run against the local test teacher the review card shows the SQL answer with its kind's
// checks, among them the execution match on the workspace's SQLite database (seedsmith.jsonc's
// "sql.database"), passed or failed as the teacher's query returns the gold query's rows or not.
// The seed section's control then overrides the kind through the settings, and seedsmith.jsonc
// naming a kind wins over it, which the sidebar says.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startCodeServerWithVsix, type RunningCodeServer } from '../../scripts/support/codeServer.ts';
import { patience } from '../../scripts/support/patience.ts';
import { repoRoot, scratchDir } from '../../scripts/support/runtime.ts';
import { SHOP_QUESTIONS } from '../../scripts/support/sampleKindSeeds.ts';
import { SQL_SEED_FILE, writeSampleWorkspace } from '../../scripts/support/sampleWorkspace.ts';
import { launchChromium } from '../support/browser.ts';
import { startTestTeacher, type TestTeacher } from '../teacher/server.ts';
import { byTestId, eventually, openSeedSmith, openWorkbench, screenshot, scrollIntoView, sidebar, textOf, waitForCounts, waitForText } from './journeyWorkbench.ts';
import { journeySteps, pickSeedFileInSidebar } from './journeySteps.ts';

const vsix = process.env['SEEDSMITH_VSIX'];
const shots = path.join(repoRoot, 'test-output', 'e2e');
const BUDGET = 3;
const API_KEY = `sk-kinds-${randomBytes(6).toString('hex')}`;

let teacher: TestTeacher;
let server: RunningCodeServer;
let browser: Browser;
let page: Page;
let workspace: string;

const step = journeySteps(shots, 'kinds', () => page);

interface CardRead {
  readonly id: string;
  readonly label: string;
  readonly answer: string;
  readonly seedAnswer: string;
  readonly parses: string | null;
  readonly execution: string | null;
  readonly executionClass: string | null;
  readonly goldMatch: boolean;
}

/** The review card shown, read in one go in the page (the tests' TypeScript has no DOM types). */
function readCard(): Promise<CardRead> {
  return byTestId(sidebar(page), 'review-card').evaluate((node) => {
    type Found = { textContent: string | null; className: string } | null;
    const card = node as unknown as { getAttribute(name: string): string | null; querySelector(selector: string): Found };
    const part = (id: string) => card.querySelector(`[data-testid="${id}"]`);
    const text = (found: Found) => (found?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const execution = part('check-sql-execution');
    return {
      id: card.getAttribute('data-sample-id') ?? '',
      label: text(card.querySelector('.seed-pair .label')),
      answer: part('card-answer')?.textContent ?? '',
      seedAnswer: part('seed-answer')?.textContent ?? '',
      parses: part('check-sql-parses') ? text(part('check-sql-parses')) : null,
      execution: execution ? text(execution) : null,
      executionClass: execution?.className ?? null,
      goldMatch: part('check-gold-match') !== null,
    };
  }, undefined, { timeout: patience(5_000) });
}

/**
 * What execution match must say of an answer to a seed, on the sample database: the first seed
 * counts the customers (written COUNT(id)), so `SELECT count(*) FROM customer` returns its rows and
 * passes; every other answer the test teacher writes (that count for another question, or
 * `SELECT * FROM customer LIMIT n`) returns other rows or columns and fails.
 */
function expectedExecution(seedLine: number, answer: string): 'pass' | 'fail' {
  return seedLine === 1 && /^select count\(\*\) from customer;?$/i.test(answer.trim()) ? 'pass' : 'fail';
}

describe('answer kinds in the real workbench: a SQL seed file, its kind, and execution match on the card', { timeout: patience(600_000) }, () => {
  before(async () => {
    assert.ok(vsix, 'SEEDSMITH_VSIX must name the packaged extension (npm test sets it)');
    await mkdir(shots, { recursive: true });
    teacher = await startTestTeacher({ latencyMs: 20, requireApiKey: API_KEY });
    const stateDir = await scratchDir('kinds');
    workspace = path.join(stateDir, 'workspace');
    await mkdir(workspace, { recursive: true });
    // The very files `npm start` gives a person: SQL seeds, shop.sqlite and seedsmith.jsonc among them.
    await writeSampleWorkspace(workspace);
    server = await startCodeServerWithVsix(vsix, {
      stateDir,
      workspace,
      settings: {
        'seedsmith.teacher.baseUrl': teacher.url,
        'seedsmith.teacher.model': 'seedsmith-teacher',
        'seedsmith.budget.teacherQueries': BUDGET,
        'seedsmith.generation.strategy': 'answer-augmentation',
        'seedsmith.generation.concurrency': 2,
      },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(patience(30_000));
    await openWorkbench(page, server.url, workspace);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await teacher?.close();
  });

  step('1. choosing the SQL seed file shows its answer kind and how many seeds agree', async () => {
    await openSeedSmith(page);
    const v = sidebar(page);
    await pickSeedFileInSidebar(page, SQL_SEED_FILE);
    await waitForText(byTestId(v, 'seed-file-name'), SQL_SEED_FILE, 'seed file name');
    const n = SHOP_QUESTIONS.length;
    await waitForText(byTestId(v, 'answer-kind'), `SQL (${n} of ${n} seeds)`, 'the answer kind in the seed section');
    assert.equal(await byTestId(v, 'answer-kind-choice').evaluate((node) => (node as unknown as { value: string }).value), 'auto', 'the override control shows the setting: auto');
    assert.equal(await byTestId(v, 'answer-kind-note').count(), 0, 'detected: nothing to explain');
    await screenshot(page, shots, 'kinds-1-sql-seed-file');
  });

  step(`2. after a run of ${BUDGET} answers, a card shows the SQL answer, sql-parses and the execution match on shop.sqlite`, async () => {
    const v = sidebar(page);
    await byTestId(v, 'set-api-key').click();
    const box = page.locator('.quick-input-widget');
    await box.waitFor({ state: 'visible', timeout: patience(15_000) });
    const input = box.locator('input[type="password"]');
    await input.waitFor({ timeout: patience(5_000) });
    await eventually('focus in the password box', () => input.evaluate((node) => node === node.ownerDocument.activeElement), (focused) => focused, 5_000);
    await page.keyboard.type(API_KEY);
    await page.keyboard.press('Enter');
    await box.waitFor({ state: 'hidden', timeout: patience(15_000) });
    await waitForText(byTestId(v, 'api-key'), 'set (in secret storage)', 'the key is set');

    await byTestId(v, 'generate').click();
    // With samples to review, the Run section folds to its summary line (issue 11): the result is read there.
    await waitForText(byTestId(v, 'run-summary'), `Done: ${BUDGET} new samples to review.`, 'the run result', 60_000);
    await waitForCounts(v, { pending: BUDGET, accepted: 0, rejected: 0 }, 'after the run');
    assert.equal(teacher.stats().totals.completions, BUDGET);

    // Every card of the run (→ and ← move). Each card is read in one go, its sample, answer and
    // checks together. Cards can reorder while check results arrive (flagged first), so one → may
    // land on a card already seen: the walk moves on (back from the end of the queue) until a
    // card not seen yet shows.
    const seenIds: string[] = [];
    let direction: 'ArrowRight' | 'ArrowLeft' = 'ArrowRight';
    let movedFrom: string | null = null;
    const walkOn = async (card: CardRead): Promise<void> => {
      // Still on the card a move was pressed on: the queue's end, turn around.
      if (card.id === movedFrom) direction = direction === 'ArrowRight' ? 'ArrowLeft' : 'ArrowRight';
      movedFrom = card.id;
      await byTestId(v, 'card-question').click();
      await page.keyboard.press(direction);
    };
    for (let k = 0; k < BUDGET; k++) {
      const card = await eventually(
        `card ${k + 1}: a card not seen yet, its execution match made`,
        async () => {
          const read = await readCard();
          if (seenIds.includes(read.id)) await walkOn(read);
          return read;
        },
        (c) => !seenIds.includes(c.id) && c.execution !== null && !/still to run/.test(c.execution),
      );
      movedFrom = null;
      seenIds.push(card.id);
      const seedLine = Number(/line (\d+)/.exec(card.label)?.[1]);
      assert.match(card.answer.trim(), /^SELECT\b[^\n]*$/i, `the teacher answered with one line of SQL, not prose: ${JSON.stringify(card.answer)}`);
      assert.equal(card.seedAnswer, SHOP_QUESTIONS[seedLine - 1]?.[1], 'the card shows the seed’s gold query');
      assert.equal(card.parses, '✓ sql-parses: one SELECT statement');
      const expected = expectedExecution(seedLine, card.answer);
      assert.match(card.execution ?? '', expected === 'pass' ? /^✓ sql-execution: same 1 rows as the gold query/ : /^✗ sql-execution: (\d+ columns?, the gold query gives|\d+ rows?, the gold query gives|different rows)/, `execution match (${expected}) for ${JSON.stringify(card.answer)} on seed line ${seedLine}`);
      assert.equal(card.executionClass, `check ${expected}`);
      // The numeric gold match stands aside for SQL answers.
      assert.equal(card.goldMatch, false);
      await scrollIntoView(byTestId(v, 'review-card'), 'the review card');
      await screenshot(page, shots, `kinds-2-sql-card-${k + 1}`);
    }
    assert.equal(new Set(seenIds).size, BUDGET);
  });

  step('3. the control overrides the kind in the settings; seedsmith.jsonc naming a kind wins, and the sidebar says so', async () => {
    const v = sidebar(page);
    const n = SHOP_QUESTIONS.length;
    // The seed section is folded while the review is open: a click unfolds it.
    await v.locator('details.section.seed > summary').click();
    await byTestId(v, 'answer-kind-choice').click();
    await v.locator('vscode-option', { hasText: 'Free text' }).click();
    await waitForText(byTestId(v, 'answer-kind'), `free text (0 of ${n} seeds)`, 'the kind after the override');
    await waitForText(byTestId(v, 'answer-kind-note'), /^Set in the settings; detected from the seeds: SQL\./, 'where the kind comes from');
    const settings = JSON.parse(await readFile(path.join(workspace, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(settings['seedsmith.seeds.answerKind'], 'text', 'the workspace setting is written');
    // The card's checks follow the kind: free-text checks, no SQL ones.
    await byTestId(v, 'check-text-length').waitFor({ timeout: patience(30_000) });
    assert.equal(await byTestId(v, 'check-sql-execution').count(), 0);
    await screenshot(page, shots, 'kinds-3a-overridden');

    await writeFile(path.join(workspace, 'seedsmith.jsonc'), '{\n  "answerKind": "sql",\n  "sql": { "database": "shop.sqlite" }\n}\n');
    await waitForText(byTestId(v, 'answer-kind'), `SQL (${n} of ${n} seeds)`, 'the kind the project file names', 30_000);
    assert.match(await textOf(byTestId(v, 'answer-kind-note')), /^Set by "answerKind" in seedsmith\.jsonc, which wins over the setting \(free text\): change it there\.$/);
    assert.equal(await byTestId(v, 'answer-kind-choice').getAttribute('disabled'), '', 'the setting would change nothing: its control is off');
    await byTestId(v, 'check-sql-execution').waitFor({ timeout: patience(30_000) });
    await screenshot(page, shots, 'kinds-3b-project-file-wins');
  });
});
