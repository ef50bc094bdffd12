// The whole user journey in a real VS Code (code-server) in a real Chromium, with the packaged
// VSIX installed: choose a seed file, set the API key in the password box, test the connection,
// generate under a budget of 8 teacher queries against the local test teacher, review by
// keyboard (accept, reject, edit, undo), see the decisions in the seed file's CodeLenses and the
// status bar, reload and find them all again, and check that seed text carrying HTML and script
// stays text everywhere it is shown. The steps share one code-server, one teacher and one page,
// and run in order; once a step fails the later ones are skipped (they would only repeat it).
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
import {
  PAYLOAD_ANSWER_IMG,
  PAYLOAD_ANSWER_SCRIPT,
  PAYLOAD_IMG,
  PAYLOAD_LINE,
  PAYLOAD_SCRIPT,
  SEED_FILE_NAME,
  expectedSamplesPerLine,
  journeySeeds,
  writeJourneySeedFile,
} from './journeySeeds.ts';
import {
  byTestId,
  codeLenses,
  currentCard,
  editorLines,
  eventually,
  openSeedSmith,
  openWorkbench,
  pwnedMarkers,
  screenshot,
  scrollIntoView,
  showViewContainer,
  sidebar,
  statusBarItem,
  textOf,
  waitForCounts,
  waitForOtherCard,
  waitForText,
  type CardSeen,
  type Counts,
  type LensSeen,
} from './journeyWorkbench.ts';
import { journeySteps, pickSeedFileInSidebar } from './journeySteps.ts';

const vsix = process.env['SEEDSMITH_VSIX'];
const shots = path.join(repoRoot, 'test-output', 'e2e');
const BUDGET = 8;
const SAMPLES = BUDGET; // Answer Augmentation: one sample per teacher query.
const API_KEY = `sk-journey-${randomBytes(6).toString('hex')}`;
const EDITED_ANSWER = 'Edited by the reviewer: the working is checked.\n#### 42';

let teacher: TestTeacher;
let server: RunningCodeServer;
let browser: Browser;
let page: Page;
let workspace: string;
const cspViolations: string[] = [];
const pageErrors: string[] = [];

/** Decisions made in step 5 and still standing after the undo: what every later step expects. */
let acceptedCard: CardSeen;
let rejectedCard: CardSeen;
const standing: Counts = { pending: SAMPLES - 2, accepted: 1, rejected: 1 };

const step = journeySteps(shots, 'journey', () => page, 90_000);

const view = (): FrameLocator => sidebar(page);

/** A form control's value, read in the page (the tests' TypeScript has no DOM types). */
interface FormValue {
  readonly value: string;
}

function expectedLens(line: number): string {
  const generated = expectedSamplesPerLine(BUDGET)[line - 1] ?? 0;
  const accepted = acceptedCard.seedLine === line ? 1 : 0;
  const rejected = rejectedCard.seedLine === line ? 1 : 0;
  return `${generated} generated · ${accepted} ✓ · ${rejected} ✗ · ${generated - accepted - rejected} pending`;
}

/** Waits until the editor shows one lens per seed line, each with the expected counts. */
async function checkLenses(what: string): Promise<LensSeen[]> {
  const wanted = journeySeeds.map((_, index) => expectedLens(index + 1));
  return eventually(`${what}: one CodeLens per seed line with ${JSON.stringify(wanted)}`, () => codeLenses(page), (lenses) =>
    lenses.length === wanted.length && lenses.every((lens, index) => lens.text === wanted[index]));
}

async function openSeedFileInEditor(): Promise<void> {
  await showViewContainer(page, 'Explorer');
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: SEED_FILE_NAME });
  await row.waitFor({ timeout: patience(15_000) });
  await row.click();
  await page.locator('.tabs-container .tab', { hasText: SEED_FILE_NAME }).waitFor({ timeout: patience(15_000) });
  await page.locator('.monaco-editor .view-lines .view-line').first().waitFor({ timeout: patience(15_000) });
}

describe('the SeedSmith journey: seeds → key → generate → review → CodeLens → reload', { timeout: patience(600_000) }, () => {
  before(async () => {
    assert.ok(vsix, 'SEEDSMITH_VSIX must name the packaged extension (npm test sets it)');
    await mkdir(shots, { recursive: true });
    // The teacher refuses any other key, so a "Connected" and a finished run prove that the key
    // typed into the password box is the one the extension sends.
    teacher = await startTestTeacher({ latencyMs: 20, requireApiKey: API_KEY });
    teacher.learn(journeySeeds);
    const stateDir = await scratchDir('journey');
    workspace = path.join(stateDir, 'workspace');
    await mkdir(workspace, { recursive: true });
    await writeJourneySeedFile(workspace);
    server = await startCodeServerWithVsix(vsix, {
      stateDir,
      workspace,
      settings: {
        'seedsmith.teacher.baseUrl': teacher.url,
        'seedsmith.teacher.model': 'seedsmith-teacher',
        'seedsmith.budget.teacherQueries': BUDGET,
        'seedsmith.generation.strategy': 'answer-augmentation',
        'seedsmith.generation.concurrency': 4,
      },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // Every wait below is on an element or a text; a bound only decides when one that never
    // comes fails the test, and it grows with the machine's load.
    page.setDefaultTimeout(patience(30_000));
    // Chromium logs every CSP refusal; the listener also reports violations by event, in every
    // frame the init script reaches.
    await page.addInitScript({
      content: "document.addEventListener('securitypolicyviolation', (e) => console.error('Content Security Policy violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));",
    });
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to (load|execute|apply|frame|connect)/i.test(message.text())) {
        const { url, lineNumber, columnNumber } = message.location();
        cspViolations.push(`${message.text()} (at ${url}:${lineNumber}:${columnNumber})`);
      }
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await teacher?.close();
  });

  step('1. the workbench opens on the workspace the test wrote, with the user settings', async () => {
    await openWorkbench(page, server.url, workspace);
    await screenshot(page, shots, '1-workbench');
  });

  step('2. the activity-bar icon opens SeedSmith, and the seed file is chosen with its button and the quick pick', async () => {
    await openSeedSmith(page);
    const v = view();
    await pickSeedFileInSidebar(page, SEED_FILE_NAME);

    await waitForText(byTestId(v, 'seed-file-name'), SEED_FILE_NAME, 'seed file name');
    assert.equal(await textOf(byTestId(v, 'valid-seeds')), String(journeySeeds.length));
    assert.equal(await textOf(byTestId(v, 'bad-lines')), '0');
    assert.equal(await textOf(byTestId(v, 'teacher-queries')), `0 / ${BUDGET} · ${BUDGET} left`);
    assert.equal(await byTestId(v, 'strategy').evaluate((node) => (node as unknown as FormValue).value), 'answer-augmentation');
    // Without a key the run is blocked, and the sidebar says why.
    assert.match(await textOf(byTestId(v, 'recommendation')), /^Recommended: Answer Augmentation · budget ratio 1\.3 /);
    assert.equal(await byTestId(v, 'apply-recommendation').count(), 0, 'the chosen strategy is the recommended one');
    assert.match(await textOf(byTestId(v, 'run-blocked')), /API key/);
    await statusBarItem(page, `0 / ${BUDGET} teacher queries`).waitFor({ timeout: patience(15_000) });
    await screenshot(page, shots, '2-seed-file');
  });

  step('3. "Set API Key" opens a password box in the workbench; the typed key is stored and "Test connection" connects with it', async () => {
    const v = view();
    assert.equal(await textOf(byTestId(v, 'api-key')), 'not set');
    await byTestId(v, 'set-api-key').click();
    const box = page.locator('.quick-input-widget');
    await box.waitFor({ state: 'visible', timeout: patience(15_000) });
    const input = box.locator('input[type="password"]');
    await input.waitFor({ timeout: patience(5_000) });
    // The box takes the keyboard from the webview: a person types straight away.
    await eventually('focus in the password box', () => input.evaluate((node) => node === node.ownerDocument.activeElement), (focused) => focused, 5_000);
    await page.keyboard.type(API_KEY);
    assert.equal(await input.inputValue(), API_KEY);
    await screenshot(page, shots, '3a-password-box');
    await page.keyboard.press('Enter');
    await box.waitFor({ state: 'hidden', timeout: patience(15_000) });

    await waitForText(byTestId(v, 'api-key'), 'set (in secret storage)', 'the sidebar says the key is set');
    assert.equal(await textOf(byTestId(v, 'set-api-key')), 'Change API Key');
    assert.equal(await byTestId(v, 'run-blocked').count(), 0, 'nothing blocks the run any more');
    // The key is never shown: not in the sidebar, not in the workbench.
    assert.ok(!(await page.locator('body').innerText()).includes(API_KEY), 'the key is not on the page');
    assert.ok(!(await v.locator('body').innerText()).includes(API_KEY), 'the key is not in the sidebar');

    await byTestId(v, 'test-connection').click();
    await waitForText(byTestId(v, 'connection'), /^Connected to OpenAI at http:\/\/127\.0\.0\.1:\d+\/v1: 2 models listed \(no budget used\)\./, 'Test connection result', 20_000);
    assert.equal(teacher.stats().totals.requests, 0, 'testing the connection sends no chat request');
    await screenshot(page, shots, '3b-key-set-connected');
  });

  step(`4. Generate spends exactly ${BUDGET} teacher queries, and the review card shows a sample next to its seed`, async () => {
    const v = view();
    await byTestId(v, 'generate').click();
    // With samples to review the setup sections fold to one line each: the run's result and the
    // spend are read from their summary lines.
    await waitForText(byTestId(v, 'run-summary'), new RegExp(`^Done: ${SAMPLES} new samples to review\\.$`), 'the run result', 60_000);
    await statusBarItem(page, `${BUDGET} / ${BUDGET} teacher queries`).waitFor({ timeout: patience(15_000) });
    assert.equal(await textOf(byTestId(v, 'budget-summary')), `${BUDGET} / ${BUDGET} teacher queries · 0 left`);
    const stats = teacher.stats().totals;
    assert.equal(stats.completions, BUDGET, 'the teacher served exactly the budget');
    assert.equal(stats.requests, BUDGET, 'no retries and no refused requests');
    assert.deepEqual(stats.errors, {});

    await waitForCounts(v, { pending: SAMPLES, accepted: 0, rejected: 0 }, 'after the run');
    const card = await currentCard(v);
    const seed = journeySeeds[card.seedLine - 1];
    assert.ok(seed, `the card names its seed line (saw ${card.seedLine})`);
    assert.equal(card.seedQuestion, seed.question, 'the seed question is shown as written');
    assert.equal(card.seedAnswer, seed.answer, 'the seed answer is shown as written');
    assert.equal(card.question, seed.question, 'Answer Augmentation keeps the question');
    const gold = /#### (\S+)\s*$/.exec(seed.answer)?.[1];
    assert.match(card.answer, new RegExp(`#### ${gold}\\s*$`), 'the teacher’s answer ends with the seed’s final answer');
    assert.match(card.meta, /^answer-augmentation · pending · 1 teacher, 0 augmenter queries · \d+ tokens$/);
    // GSM8K answers end in a line of their own: the card keeps the line breaks as written.
    assert.match(await byTestId(v, 'card-answer').innerText(), /\n#### \S+\s*$/, 'the generated answer shows its last line on its own');
    assert.match(await byTestId(v, 'seed-answer').innerText(), /\n#### \S+\s*$/, 'the seed answer shows its last line on its own');
    await statusBarItem(page, `${BUDGET} / ${BUDGET} teacher queries · 0 / ${SAMPLES} reviewed`).waitFor({ timeout: patience(15_000) });
    await scrollIntoView(byTestId(v, 'review-card'), 'the review card');
    await screenshot(page, shots, '4-generated');
  });

  step('5. review by keyboard: a accepts, x rejects, e + Ctrl+Enter accepts an edit, Backspace undoes it', async () => {
    const v = view();
    const first = await currentCard(v);
    // Focus inside the webview the way a person does: click the card (on its text, not a button).
    await byTestId(v, 'card-question').click();

    await page.keyboard.press('a');
    await waitForCounts(v, { pending: SAMPLES - 1, accepted: 1, rejected: 0 }, 'after a');
    const second = await waitForOtherCard(v, first.id, 'after a');
    acceptedCard = first;

    await page.keyboard.press('x');
    await waitForCounts(v, { pending: SAMPLES - 2, accepted: 1, rejected: 1 }, 'after x');
    const third = await waitForOtherCard(v, second.id, 'after x');
    assert.notEqual(third.id, first.id);
    rejectedCard = second;

    await page.keyboard.press('e');
    const answerBox = byTestId(v, 'edit-answer');
    await answerBox.waitFor({ timeout: patience(5_000) });
    assert.equal(await byTestId(v, 'edit-question').evaluate((node) => (node as unknown as FormValue).value), third.question, 'the edit box starts with the question');
    assert.equal(await answerBox.evaluate((node) => (node as unknown as FormValue).value), third.answer, 'the edit box starts with the answer');
    await answerBox.locator('textarea').fill(EDITED_ANSWER);
    await screenshot(page, shots, '5a-editing');
    await page.keyboard.press('Control+Enter');
    await waitForCounts(v, { pending: SAMPLES - 3, accepted: 2, rejected: 1 }, 'after the edit');
    const fourth = await waitForOtherCard(v, third.id, 'after the edit');
    assert.ok(![first.id, second.id].includes(fourth.id));
    await statusBarItem(page, `3 / ${SAMPLES} reviewed`).waitFor({ timeout: patience(15_000) });
    await screenshot(page, shots, '5b-edited');

    // The journal beside the seed file holds the edited text, as typed.
    const journalFile = path.join(workspace, '.seedsmith', path.basename(SEED_FILE_NAME, '.jsonl'), 'journal.jsonl');
    const decisions = async () => (await readFile(journalFile, 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as { type: string; sampleId?: string; decision?: string; edited?: { answer: string } }).filter((event) => event.type === 'decision');
    const edit = await eventually('the edit in the journal', decisions, (events) => events.some((event) => event.sampleId === third.id && event.decision === 'accept'));
    assert.equal(edit.find((event) => event.sampleId === third.id)?.edited?.answer, EDITED_ANSWER);

    await page.keyboard.press('Backspace');
    await waitForCounts(v, standing, 'after Backspace');
    const back = await waitForOtherCard(v, fourth.id, 'after Backspace');
    assert.equal(back.id, third.id, 'undo brings back the card it undid');
    assert.equal(back.answer, third.answer, 'the undone edit is gone from the card');
    assert.match(back.meta, / · pending · /);
    assert.doesNotMatch(back.meta, /edited/);
    await statusBarItem(page, `${BUDGET} / ${BUDGET} teacher queries · 2 / ${SAMPLES} reviewed`).waitFor({ timeout: patience(15_000) });
    await screenshot(page, shots, '5c-undone');
  });

  step('6. the seed file’s CodeLenses count each line’s samples and decisions', async () => {
    await openSeedFileInEditor();
    const lenses = await checkLenses('in the editor');
    // Each lens sits above its own line.
    const lines = (await editorLines(page)).filter((line) => line.text.trim() !== '');
    assert.equal(lines.length, journeySeeds.length);
    lenses.forEach((lens, index) => {
      const line = lines[index]!;
      const before = lines[index - 1];
      assert.ok(lens.top < line.top && (!before || lens.top > before.top), `lens ${index + 1} is between lines ${index} and ${index + 1}`);
    });
    await screenshot(page, shots, '6-codelens');
    const editor = await page.locator('.part.editor').boundingBox();
    if (editor) await page.screenshot({ path: path.join(shots, 'journey-6-codelens-closeup.png'), clip: { x: editor.x, y: editor.y, width: Math.min(760, editor.width), height: 300 } });
  });

  step('7. after a reload every decision, the spend and the key are still there', async () => {
    await page.reload();
    await page.locator('.monaco-workbench').waitFor({ timeout: patience(60_000) });
    // The person opens the seed file again, then SeedSmith.
    await openSeedFileInEditor();
    await checkLenses('after reload');
    await openSeedSmith(page);
    const v = view();
    // Samples wait for review: the Seed section is folded to its summary line.
    await waitForText(byTestId(v, 'seed-summary'), `${SEED_FILE_NAME} · ${journeySeeds.length} seeds`, 'the seed file after reload', 30_000);
    await waitForCounts(v, standing, 'after reload');
    assert.equal(await textOf(byTestId(v, 'budget-summary')), `${BUDGET} / ${BUDGET} teacher queries · 0 left`);
    assert.equal(await textOf(byTestId(v, 'teacher-summary')), 'seedsmith-teacher', 'the model, and no "no API key"');
    await statusBarItem(page, `${BUDGET} / ${BUDGET} teacher queries · 2 / ${SAMPLES} reviewed`).waitFor({ timeout: patience(15_000) });
    // The decided samples are out of the pending queue; the one whose edit was undone is in it.
    const pending = await currentCard(v);
    assert.ok(![acceptedCard.id, rejectedCard.id].includes(pending.id), 'a decided sample is not pending');
    assert.equal(teacher.stats().totals.completions, BUDGET, 'the reload asked the teacher nothing');
    await scrollIntoView(byTestId(v, 'review-card'), 'the review card');
    await screenshot(page, shots, '7-after-reload');
  });

  step('8. HTML and script in a seed stay text in the card and the hover; nothing ran; no CSP violation', async () => {
    const v = view();
    // Click the payload seed's CodeLens: the sidebar shows its sample.
    const lenses = page.locator('.monaco-editor .codelens-decoration a');
    await eventually('the payload line’s CodeLens', () => codeLenses(page), (seen) => seen.length === journeySeeds.length);
    const tops = await lenses.evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().top));
    const order = tops.map((top, index) => ({ top, index })).sort((a, b) => a.top - b.top);
    await lenses.nth(order[PAYLOAD_LINE - 1]!.index).click();
    const seed = journeySeeds[PAYLOAD_LINE - 1]!;
    const card = await eventually('the payload seed’s sample in the sidebar', () => currentCard(v), (c) => c.seedLine === PAYLOAD_LINE, 15_000);
    assert.equal(card.question, seed.question, 'the generated question shows the payload as text');
    assert.equal(card.seedQuestion, seed.question, 'the seed question shows the payload as text');
    assert.equal(card.seedAnswer, seed.answer, 'the seed answer shows the payload as text');
    for (const payload of [PAYLOAD_IMG, PAYLOAD_SCRIPT]) assert.ok(card.question.includes(payload), `card shows ${payload} literally`);
    for (const payload of [PAYLOAD_ANSWER_SCRIPT, PAYLOAD_ANSWER_IMG]) assert.ok(card.seedAnswer.includes(payload), `seed answer shows ${payload} literally`);
    assert.equal(await byTestId(v, 'review-card').locator('img, script, b, iframe').count(), 0, 'no element in the card came from seed text');
    const markup = await v.locator('body').evaluate((body) =>
      [...body.ownerDocument.querySelectorAll('*')]
        .filter((node) => node.tagName === 'IMG' || node.tagName === 'B' || (node.tagName === 'SCRIPT' && (node.textContent ?? '').includes('__pwned')) || [...node.attributes].some((attribute) => /^on/i.test(attribute.name)))
        .map((node) => node.outerHTML.slice(0, 200)));
    assert.deepEqual(markup, [], 'no element in the sidebar came from seed text');
    await screenshot(page, shots, '8a-payload-card');

    // Hover the payload line in the editor: the hover shows the sample's text as text.
    const lines = await editorLines(page);
    const line = lines[PAYLOAD_LINE - 1]!;
    await page.mouse.move(line.left + 120, line.top + line.height / 2);
    const hover = page.locator('.monaco-hover', { hasText: 'answer-augmentation' });
    await hover.first().waitFor({ state: 'visible', timeout: patience(10_000) });
    // Markdown text keeps its spaces as no-break spaces.
    const hoverText = ((await hover.first().textContent()) ?? '').replace(/\u00a0/g, ' ');
    assert.ok(hoverText.includes(PAYLOAD_IMG), `the hover shows ${PAYLOAD_IMG} literally:\n${hoverText}`);
    assert.ok(hoverText.includes(PAYLOAD_SCRIPT), `the hover shows ${PAYLOAD_SCRIPT} literally:\n${hoverText}`);
    assert.equal(await hover.first().locator('img, script, b').count(), 0, 'no element in the hover came from seed text');
    await screenshot(page, shots, '8b-payload-hover');

    const markers = await pwnedMarkers(page);
    assert.ok(markers.length >= 3, `the page and the webview frames were read: ${JSON.stringify(markers)}`);
    assert.deepEqual(markers.filter((m) => m.value !== 'undefined'), [], 'window.__pwned is undefined everywhere');
    assert.deepEqual(cspViolations, [], 'no CSP violation was logged');
    assert.deepEqual(pageErrors.filter((message) => /seedsmith|webview\.js|__pwned/i.test(message)), []);
  });
});
