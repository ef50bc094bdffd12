// The editor as a newcomer finds it (issue 11), in a real VS Code (code-server) in a real
// Chromium with the packaged VSIX, at the workbench's default sidebar width (300 px): an empty
// seed file says it is empty; a bad line's link opens the editor at its line and column; a
// budget of 0 is described as set to 0; nothing in the sidebar is clipped; after Generate the
// setup sections fold to one line each so the review card is in view, and stay so after a
// reload; a rephrase's dropped words show struck through, also in a High Contrast theme; ten
// keys pressed within 50 ms decide ten cards in order; switching seed files clears the previous
// file's gutter marks; an export is not offered as a seed file; a run cut short by a reload says
// so; another browser finds the workspace's seed file. It also writes the
// README's screenshot of the review (media/review.png). Steps run in order and share one page;
// once a step fails the later ones are skipped.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { startCodeServerWithVsix, type RunningCodeServer } from '../../scripts/support/codeServer.ts';
import { patience } from '../../scripts/support/patience.ts';
import { repoRoot, scratchDir } from '../../scripts/support/runtime.ts';
import { startTestTeacher, type TestTeacher } from '../teacher/server.ts';
import { byTestId, eventually, openSeedSmith, openWorkbench, screenshot, sidebar, statusBarItem, textOf, waitForCounts, waitForText } from './journeyWorkbench.ts';
import { journeySteps, pickSeedFileInSidebar } from './journeySteps.ts';
import { clippedElements, diffMarks, gutterMarkCount, placeholderRoom, recordKeys, recordedKeys, sections, topInView, visibleColour, writeWorkspaceSettings } from './newcomerChecks.ts';
import { BAD_COLUMN, BAD_COLUMN_FILE, BAD_LINE, EMPTY_FILE, REPHRASE_FILE, rephraseSeeds, writeNewcomerSeedFiles } from './newcomerSeeds.ts';

const vsix = process.env['SEEDSMITH_VSIX'];
const shots = path.join(repoRoot, 'test-output', 'e2e');
/**
 * The README shows this screenshot of the review. Every run makes it in test-output; with
 * SEEDSMITH_UPDATE_SCREENSHOT=1 it replaces media/review.png (a test run leaves the tree clean).
 */
const readmeShot = process.env['SEEDSMITH_UPDATE_SCREENSHOT'] === '1' ? path.join(repoRoot, 'media', 'review.png') : path.join(shots, 'review.png');
/** Question Rephrase: one teacher query per sample. */
const BUDGET = 14;
const SAMPLES = BUDGET;
const API_KEY = `sk-newcomer-${randomBytes(6).toString('hex')}`;
/** Ten decisions, pressed within 50 ms. */
const BURST = ['a', 'x', 'a', 'a', 'x', 'a', 'x', 'a', 'a', 'x'] as const;
const SETUP = ['seed', 'teacher', 'budget', 'strategy', 'run'];

let teacher: TestTeacher;
let server: RunningCodeServer;
let browser: Browser;
let page: Page;
let workspace: string;
const pageErrors: string[] = [];

const step = journeySteps(shots, 'newcomer', () => page);

const view = (): FrameLocator => sidebar(page);

async function chooseSeedFile(name: string): Promise<void> {
  const v = view();
  await pickSeedFileInSidebar(page, name);
  await seedFileShown(v, name);
}

/** Waits until the sidebar shows `name` as the seed file (in its summary line, folded or not). */
async function seedFileShown(v: FrameLocator, name: string, timeoutMs = 15_000): Promise<void> {
  await eventually(`the seed file ${name}`, async () => (await byTestId(v, 'seed-summary').textContent({ timeout: patience(2_000) })) ?? '', (text) => text.startsWith(`${name} ·`) || text === name, timeoutMs);
}

/** Opens a file of the workspace in the editor with Quick Open (the sidebar stays as it is). */
async function openInEditor(name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const quickInput = page.locator('.quick-input-widget');
  await quickInput.waitFor({ state: 'visible', timeout: patience(15_000) });
  await page.keyboard.type(name);
  await quickInput.locator('.monaco-list-row', { hasText: name }).first().waitFor({ timeout: patience(15_000) });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: patience(15_000) });
}

/** Nothing in the sidebar is wider than its box, and the sidebar does not scroll sideways. */
async function assertNothingClipped(what: string): Promise<void> {
  const clipped = await clippedElements(view().locator('html'));
  assert.deepEqual(clipped, [], `${what}: clipped at the default sidebar width`);
}

/** The card's position in the queue, as the counts line says it ("3 of 14"). */
async function position(): Promise<number> {
  return Number.parseInt(await textOf(byTestId(view(), 'review-counts')), 10);
}

async function cardId(): Promise<string> {
  return (await byTestId(view(), 'review-card').getAttribute('data-sample-id')) ?? '';
}

/** Moves the card with ←/→ to a position and waits until it is shown. */
async function moveTo(target: number): Promise<void> {
  await byTestId(view(), 'card-meta').click();
  for (let at = await position(); at !== target; at = await position()) {
    const before = await cardId();
    await page.keyboard.press(at < target ? 'ArrowRight' : 'ArrowLeft');
    await eventually('the card moves', cardId, (id) => id !== before, 5_000);
  }
}

describe('the editor as a newcomer finds it, at the default sidebar width', { timeout: patience(900_000) }, () => {
  before(async () => {
    assert.ok(vsix, 'SEEDSMITH_VSIX must name the packaged extension (npm test sets it)');
    await mkdir(shots, { recursive: true });
    teacher = await startTestTeacher({ latencyMs: 20, requireApiKey: API_KEY });
    teacher.learn(rephraseSeeds);
    const stateDir = await scratchDir('newcomer');
    workspace = path.join(stateDir, 'workspace');
    await mkdir(workspace, { recursive: true });
    await writeNewcomerSeedFiles(workspace);
    server = await startCodeServerWithVsix(vsix, {
      stateDir,
      workspace,
      settings: {
        'seedsmith.teacher.baseUrl': teacher.url,
        'seedsmith.teacher.model': 'seedsmith-teacher',
        'seedsmith.budget.teacherQueries': BUDGET,
        'seedsmith.generation.strategy': 'question-rephrase',
        'seedsmith.generation.concurrency': 4,
        // Prices make the estimate table's widest column, cost, show figures.
        'seedsmith.pricing': { 'seedsmith-teacher': { inputPerMillion: 2.5, outputPerMillion: 10 } },
      },
    });
    browser = await launchChromium();
    // 1400 px wide: the workbench opens its sidebar at its default width of 300 px.
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(patience(30_000));
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await teacher?.close();
  });

  step('1. the sidebar opens at the default width of 300 px and the API key is set in its password box', async () => {
    await openWorkbench(page, server.url, workspace);
    await openSeedSmith(page);
    const width = (await page.locator('.part.sidebar').boundingBox())?.width ?? 0;
    assert.ok(Math.abs(width - 300) <= 2, `the sidebar is at its default width (saw ${width} px)`);
    const v = view();
    await byTestId(v, 'set-api-key').click();
    const box = page.locator('.quick-input-widget');
    const input = box.locator('input[type="password"]');
    await input.waitFor({ timeout: patience(15_000) });
    await eventually('focus in the password box', () => input.evaluate((node) => node === node.ownerDocument.activeElement), (focused) => focused, 5_000);
    await page.keyboard.type(API_KEY);
    await page.keyboard.press('Enter');
    await box.waitFor({ state: 'hidden', timeout: patience(15_000) });
    await waitForText(byTestId(v, 'api-key'), 'set (in secret storage)', 'the key is set');
  });

  step('2. an empty seed file says it is empty and offers another file, not the empty Problems panel (item 4)', async () => {
    const v = view();
    await chooseSeedFile(EMPTY_FILE);
    assert.equal(await textOf(byTestId(v, 'valid-seeds')), '0');
    const blocked = await textOf(byTestId(v, 'run-blocked'));
    assert.match(blocked, /^The seed file is empty: add one JSON object per line/);
    assert.equal(await textOf(byTestId(v, 'fix-action')), 'Select Seed File');
    await page.locator('.notification-toast', { hasText: `${EMPTY_FILE} is empty` }).waitFor({ timeout: patience(15_000) });
    assert.doesNotMatch(await v.locator('main').innerText(), /Problems panel/);
    assert.doesNotMatch(await page.locator('.notifications-toasts').innerText(), /Problems panel/);
    await screenshot(page, shots, 'newcomer-2-empty-file');
  });

  step(`3. a bad line's link "Line ${BAD_LINE}:${BAD_COLUMN}" opens the editor at line ${BAD_LINE}, column ${BAD_COLUMN} (item 7)`, async () => {
    const v = view();
    await chooseSeedFile(BAD_COLUMN_FILE);
    const link = byTestId(v, 'bad-line-list').locator('vscode-link', { hasText: `Line ${BAD_LINE}:${BAD_COLUMN}` });
    await link.waitFor();
    await assertNothingClipped('the seed section with a bad line');
    await link.click();
    await page.locator('.tabs-container .tab', { hasText: BAD_COLUMN_FILE }).waitFor({ timeout: patience(15_000) });
    await statusBarItem(page, `Ln ${BAD_LINE}, Col ${BAD_COLUMN}`).waitFor({ timeout: patience(15_000) });
    await screenshot(page, shots, 'newcomer-3-bad-line-column');
  });

  step('4. a budget of 0 says it is set to 0: nothing spent, no old limit, no estimate or Apply (item 3)', async () => {
    const v = view();
    await chooseSeedFile(REPHRASE_FILE);
    await writeWorkspaceSettings(workspace, { 'seedsmith.budget.teacherQueries': 0 });
    await waitForText(byTestId(v, 'teacher-queries'), '0 spent · budget set to 0', 'the Budget line at 0');
    const blocked = await textOf(byTestId(v, 'run-blocked'));
    assert.match(blocked, /set to 0 queries/);
    assert.doesNotMatch(blocked, /is spent/);
    await statusBarItem(page, '0 teacher queries · budget set to 0').waitFor({ timeout: patience(15_000) });
    assert.equal(await byTestId(v, 'estimates').count(), 0, 'no table of what 0 queries buy');
    assert.equal(await byTestId(v, 'apply-recommendation').count(), 0, 'nothing to apply');
    assert.equal(await byTestId(v, 'generate').getAttribute('disabled'), '', 'Generate is disabled');
    await screenshot(page, shots, 'newcomer-4-budget-zero');
    await writeWorkspaceSettings(workspace, {});
    await waitForText(byTestId(v, 'teacher-queries'), `0 / ${BUDGET} · ${BUDGET} left`, 'the Budget line back at the setting');
  });

  step('5. at 300 px the estimate table shows every column, cost included, and nothing else is clipped (item 7)', async () => {
    const v = view();
    const table = byTestId(v, 'estimates');
    await table.waitFor();
    // The estimates are counted on a worker after the budget changed back: wait for their figures.
    await eventually('a row per strategy, with money in the cost column', () => table.locator('tbody tr td:last-child').allTextContents(), (costs) => costs.length === 3 && costs.every((cost) => /\d/.test(cost)));
    await assertNothingClipped('the setup sections with the estimate table');
    const right = await table.evaluate((node) => ({ table: node.getBoundingClientRect().right, view: node.ownerDocument.documentElement.clientWidth }));
    assert.ok(right.table <= right.view, `the table ends inside the sidebar (${right.table} > ${right.view})`);
    await screenshot(page, shots, 'newcomer-5-estimates');
  });

  step(`6. after Generate the setup sections fold to one line each and the review card is in view (item 1)`, async () => {
    const v = view();
    await byTestId(v, 'generate').click();
    await waitForText(byTestId(v, 'run-summary'), new RegExp(`^Done: ${SAMPLES} new samples to review\\.$`), 'the run summary', 90_000);
    await waitForCounts(v, { pending: SAMPLES, accepted: 0, rejected: 0 }, 'after the run');
    const seen = await sections(v);
    assert.deepEqual(seen.open, Object.fromEntries(SETUP.map((id) => [id, false])), 'every setup section is folded');
    assert.equal(seen.summaries['seed'], `${REPHRASE_FILE} · ${rephraseSeeds.length} seeds`);
    assert.equal(seen.summaries['budget'], `${BUDGET} / ${BUDGET} teacher queries · 0 left`);
    assert.equal(seen.summaries['strategy'], 'Question Rephrase');
    assert.equal(seen.summaries['teacher'], 'seedsmith-teacher');
    // Without scrolling: the card starts in the upper half of the sidebar, its buttons are in view.
    const card = await topInView(byTestId(v, 'review-card'));
    assert.ok(card.top > 0 && card.top < card.viewport / 2, `the card starts in the upper half of the sidebar (top ${card.top} of ${card.viewport})`);
    const buttons = await byTestId(v, 'accept').evaluate((node) => ({ bottom: node.getBoundingClientRect().bottom, viewport: node.ownerDocument.defaultView?.innerHeight ?? 0 }));
    assert.ok(buttons.bottom <= buttons.viewport, `the Accept button is in view (bottom ${buttons.bottom} of ${buttons.viewport})`);
    await assertNothingClipped('the folded sections and the card');
    await screenshot(page, shots, 'newcomer-6-review-first');
    // The README's picture of the review: the sidebar at its default width beside the seed file.
    await openInEditor(REPHRASE_FILE);
    await eventually('the seed file’s CodeLenses', () => page.locator('.monaco-editor .codelens-decoration').count(), (count) => count >= rephraseSeeds.length);
    await page.screenshot({ path: readmeShot, clip: { x: 0, y: 0, width: 1000, height: 900 } });

    // A folded section unfolds with a click, and stays so (the host keeps it: step 10 reloads).
    await v.locator('details.section.budget > summary').click();
    await waitForText(byTestId(v, 'teacher-queries'), `${BUDGET} / ${BUDGET} · 0 left`, 'the unfolded Budget section');
  });

  step('7. a rephrase shows the words it dropped struck through, also in a High Contrast theme (item 6)', async () => {
    const v = view();
    await byTestId(v, 'card-meta').click();
    // Every seed says "How many"; the teacher's rephrasings drop it for "What number of" or move
    // a sentence: find a card where the rephrase dropped words.
    const marks = await eventually('a card showing a dropped phrase', async () => {
      const seen = await diffMarks(v);
      if (seen.removed.length === 0) {
        const before = await cardId();
        await page.keyboard.press('ArrowRight');
        await eventually('the next card', cardId, (id) => id !== before, 5_000);
      }
      return seen;
    }, (seen) => seen.removed.length > 0, 30_000);
    const seedQuestion = (await byTestId(v, 'seed-question').textContent()) ?? '';
    const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();
    for (const removed of marks.removed) {
      assert.ok(squeeze(seedQuestion).includes(squeeze(removed.text)), `the dropped "${removed.text}" is the seed's`);
      assert.match(removed.decoration, /line-through/, 'dropped words are struck through (seen without colour)');
    }
    for (const added of marks.added) {
      assert.ok(squeeze(marks.shown).includes(squeeze(added.text)), `the added "${added.text}" is in the rephrasing`);
      assert.match(added.decoration, /underline/, 'added words are underlined');
    }
    await screenshot(page, shots, 'newcomer-7a-dropped-phrase');

    await writeWorkspaceSettings(workspace, { 'workbench.colorTheme': 'Default High Contrast' });
    await eventually('the sidebar in High Contrast', () => v.locator('body').getAttribute('class'), (classes) => /vscode-high-contrast/.test(classes ?? ''), 20_000);
    const contrast = await eventually('the diff marks drawn in High Contrast', () => diffMarks(v), (seen) => seen.removed.length > 0 && seen.removed.every((mark) => visibleColour(mark.outline)));
    for (const mark of [...contrast.removed, ...contrast.added]) {
      assert.ok(visibleColour(mark.outline) || visibleColour(mark.background), `"${mark.text}" is marked in High Contrast (outline ${mark.outline}, background ${mark.background})`);
    }
    assert.ok(contrast.removed.every((mark) => /line-through/.test(mark.decoration) && /dashed/.test(mark.outline)), 'dropped words: struck through, dashed border');
    assert.ok(contrast.added.every((mark) => /underline/.test(mark.decoration) && /solid/.test(mark.outline)), 'added words: underlined, solid border');
    await screenshot(page, shots, 'newcomer-7b-high-contrast');
    await writeWorkspaceSettings(workspace, {});
    await eventually('the sidebar back in the default theme', () => v.locator('body').getAttribute('class'), (classes) => !/vscode-high-contrast/.test(classes ?? ''), 20_000);
  });

  step('8. the reject reason field shows its whole placeholder, and its keys on a line that fits (item 7)', async () => {
    const v = view();
    await byTestId(v, 'reject-reason').click();
    const field = byTestId(v, 'reason');
    await field.waitFor();
    const room = await placeholderRoom(field);
    assert.ok(room.text <= room.room, `the placeholder "${room.placeholder}" fits its field (${room.text.toFixed(1)} px in ${room.room} px)`);
    assert.equal(await textOf(byTestId(v, 'reason-keys')), 'Enter rejects · Esc cancels');
    await assertNothingClipped('the card with the reason field');
    await screenshot(page, shots, 'newcomer-8-reason');
    await field.locator('input').press('Escape');
    await field.waitFor({ state: 'detached' });
  });

  step(`9. ${BURST.length} keys pressed at once decide ${BURST.length} cards, in the order shown (item 2)`, async (t) => {
    const v = view();
    await moveTo(1);
    // The cards a person would see, in order: walk them with →, then come back.
    const ids: string[] = [await cardId()];
    for (let at = 2; at <= BURST.length + 1; at++) {
      await moveTo(at);
      ids.push(await cardId());
    }
    assert.equal(new Set(ids).size, ids.length, 'eleven different cards');
    await moveTo(1);
    await recordKeys(v);
    await byTestId(v, 'card-meta').click();
    await Promise.all(BURST.map((key) => page.keyboard.press(key)));
    const seen = await eventually('the burst in the sidebar', () => recordedKeys(v), (keys) => keys.length === BURST.length, 5_000);
    assert.deepEqual(seen.map((key) => key.key), [...BURST], 'the keys reached the sidebar in the order pressed');
    const span = (seen.at(-1)?.at ?? 0) - (seen[0]?.at ?? 0);
    // How fast the browser delivers the burst is the machine's doing, not the product's: on a loaded
    // machine it takes longer (327 ms was seen). Said, not asserted; what is asserted is that each
    // key decides the card shown when it was pressed, in order.
    t.diagnostic(`the ${BURST.length} keys reached the sidebar within ${span.toFixed(1)} ms`);
    const accepted = BURST.filter((key) => key === 'a').length;
    await waitForCounts(v, { pending: SAMPLES - BURST.length, accepted, rejected: BURST.length - accepted }, 'after the burst');
    await eventually('the card after the burst', cardId, (id) => id === ids[BURST.length]);

    // The journal holds one decision per card, each the key pressed while it was shown.
    const journal = path.join(workspace, '.seedsmith', path.basename(REPHRASE_FILE, '.jsonl'), 'journal.jsonl');
    const decisions = (await readFile(journal, 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as { type: string; sampleId?: string; decision?: string }).filter((event) => event.type === 'decision');
    assert.deepEqual(decisions.map((event) => [event.sampleId, event.decision]), BURST.map((key, index) => [ids[index], key === 'a' ? 'accept' : 'reject']));
    await screenshot(page, shots, 'newcomer-9-after-burst');
  });

  step('10. switching seed files takes the pending marks off the previous file’s editor (item 5)', async () => {
    const v = view();
    await openInEditor(REPHRASE_FILE);
    await eventually('pending marks in the seed file', () => gutterMarkCount(page), (count) => count > 0);
    await v.locator('details.section.seed > summary').click();
    await chooseSeedFile(BAD_COLUMN_FILE);
    await eventually('no pending marks left in the previous seed file', () => gutterMarkCount(page), (count) => count === 0);
    await page.locator('.tabs-container .tab.active', { hasText: REPHRASE_FILE }).waitFor();
    await screenshot(page, shots, 'newcomer-10-marks-cleared');
    await chooseSeedFile(REPHRASE_FILE);
    await eventually('the marks back with the seed file', () => gutterMarkCount(page), (count) => count > 0);
    // Back to a file with samples to review: the review comes first again; the Seed section
    // unfolded to switch files (and the Budget section of step 6) folded again.
    await eventually('every setup section folded for the new review', async () => (await sections(v)).open, (open) => SETUP.every((id) => open[id] === false));
  });

  step('11. after a reload the review is still first, with the section the person unfolded (item 1)', async () => {
    await view().locator('details.section.budget > summary').click();
    const before = await eventually('the Budget section unfolded', () => sections(view()), (seen) => seen.open['budget'] === true);
    await waitForText(byTestId(view(), 'teacher-queries'), `${BUDGET} / ${BUDGET} · 0 left`, 'the unfolded Budget section');
    // A reload right after the click could come before the host has the choice: wait for its echo.
    await view().locator('details.section.budget[data-host-open="true"]').waitFor({ timeout: patience(15_000) });
    await page.reload();
    await page.locator('.monaco-workbench').waitFor({ timeout: patience(60_000) });
    await openSeedSmith(page);
    const v = view();
    await seedFileShown(v, REPHRASE_FILE, 30_000);
    await waitForCounts(v, { pending: SAMPLES - BURST.length, accepted: BURST.filter((key) => key === 'a').length, rejected: BURST.filter((key) => key === 'x').length }, 'after reload');
    // The folds come from the host's workspace state with a later snapshot than the counts: wait for them, then compare.
    const after = await eventually('the folds kept in the workspace state', () => sections(v), (seen) => seen.open['budget'] === true, 15_000).catch(() => sections(v));
    assert.deepEqual(after.open, before.open, 'the same sections folded and unfolded');
    const card = await topInView(byTestId(v, 'review-card'));
    assert.ok(card.top > 0 && card.top < card.viewport / 2, `the card starts in the upper half of the sidebar after the reload (top ${card.top} of ${card.viewport})`);
    await screenshot(page, shots, 'newcomer-11-after-reload');

    assert.deepEqual(pageErrors.filter((message) => /seedsmith|webview\.js/i.test(message)), []);
  });

  step('12. an export made with the command is not offered as a seed file (item 9)', async () => {
    const v = view();
    await page.keyboard.press('F1');
    const quickInput = page.locator('.quick-input-widget');
    await quickInput.waitFor({ state: 'visible', timeout: patience(15_000) });
    await page.keyboard.type('SeedSmith: Export Accepted Samples');
    await quickInput.locator('.monaco-list-row', { hasText: 'Export Accepted Samples' }).first().waitFor({ timeout: patience(15_000) });
    await page.keyboard.press('Enter');
    await quickInput.locator('.monaco-list-row', { hasText: 'Question/answer' }).first().waitFor({ timeout: patience(15_000) });
    await page.keyboard.type('qa');
    await page.keyboard.press('Enter');
    // The save dialog (the workbench's own, in a browser) offers <seed>.<format>.export.jsonl.
    const exportName = `${path.basename(REPHRASE_FILE, '.jsonl')}.qa.export.jsonl`;
    await eventually('the save dialog offers the export name', () => quickInput.locator('input').inputValue(), (value) => value.endsWith(exportName));
    await page.keyboard.press('Enter');
    await page.locator('.notification-toast', { hasText: 'exported' }).waitFor({ timeout: patience(15_000) });
    await readFile(path.join(workspace, exportName), 'utf8');

    await v.locator('details.section.seed > summary').click();
    await byTestId(v, 'select-seed-file').click();
    await quickInput.waitFor({ state: 'visible', timeout: patience(15_000) });
    await page.keyboard.type(path.basename(REPHRASE_FILE, '.jsonl'));
    await quickInput.locator('.monaco-list-row', { hasText: REPHRASE_FILE }).first().waitFor({ timeout: patience(15_000) });
    const offered = await quickInput.locator('.monaco-list-row').allTextContents();
    assert.ok(offered.every((row) => !/export|lineage/.test(row)), `the picker offers no export or lineage file: ${JSON.stringify(offered)}`);
    await screenshot(page, shots, 'newcomer-12-picker-without-exports');
    await page.keyboard.press('Escape');
    await quickInput.waitFor({ state: 'hidden', timeout: patience(15_000) });
    await v.locator('details.section.seed > summary').click();
  });

  step('13. a run cut short by a reload says how it ended and what it spent when the window comes back (item 11)', async () => {
    await writeWorkspaceSettings(workspace, { 'seedsmith.budget.teacherQueries': BUDGET + 6 });
    // A slow teacher: the reload comes while requests are in flight.
    teacher.configure({ latencyMs: 60_000 });
    const v = view();
    await v.locator('details.section.run > summary').click();
    const generate = byTestId(v, 'generate');
    await eventually('Generate enabled with the raised budget', () => generate.getAttribute('disabled'), (disabled) => disabled === null);
    const sent = teacher.stats().totals.requests;
    await generate.click();
    await eventually('requests in flight', async () => teacher.stats().totals.requests, (requests) => requests > sent);
    await page.reload();
    await page.locator('.monaco-workbench').waitFor({ timeout: patience(60_000) });
    teacher.configure({ latencyMs: 20 });
    await openSeedSmith(page);
    const after = view();
    // The Run section was unfolded before the reload and stays so (its summary line is then hidden, its text the same).
    const said = await eventually('the run section after the reload', async () => (await byTestId(after, 'run-summary').textContent({ timeout: patience(2_000) })) ?? '', (text) => /cut short/.test(text), 60_000);
    assert.match(said, /teacher queries .* spent/);
    await screenshot(page, shots, 'newcomer-13-run-cut-short');
  });

  step('14. another browser, once this one is closed, finds the workspace’s seed file (item 10)', async () => {
    await page.close();
    // A fresh browser context: none of the first browser's storage.
    const other = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await other.newPage();
    page.setDefaultTimeout(patience(30_000));
    await openWorkbench(page, server.url, workspace);
    await openSeedSmith(page);
    await seedFileShown(view(), REPHRASE_FILE, 30_000);
  });
});
