// Browser UI test: the packaged VSIX installed into a real code-server, driven through the real
// workbench in Debian's Chromium the way a person would use it.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { startCodeServerWithVsix, type RunningCodeServer } from '../../scripts/support/codeServer.ts';
import { patience } from '../../scripts/support/patience.ts';
import { repoRoot, scratchDir } from '../../scripts/support/runtime.ts';
import { writeSeedWorkspace } from '../support/seedWorkspace.ts';

const vsix = process.env['SEEDSMITH_VSIX'];
const shots = path.join(repoRoot, 'test-output', 'e2e');

let server: RunningCodeServer;
let browser: Browser;
let page: Page;
let workspace: string;
const cspViolations: string[] = [];
const pageErrors: string[] = [];

before(async () => {
  assert.ok(vsix, 'SEEDSMITH_VSIX must name the packaged extension (npm test sets it)');
  await mkdir(shots, { recursive: true });
  const stateDir = await scratchDir('e2e');
  workspace = path.join(stateDir, 'workspace');
  await mkdir(workspace, { recursive: true });
  await writeSeedWorkspace(workspace);
  server = await startCodeServerWithVsix(vsix, { stateDir, workspace });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // Every wait below is on an element or a text; a bound only decides when one that never comes
  // fails the test, and it grows with the machine's load.
  page.setDefaultTimeout(patience(30_000));
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply)/i.test(message.text())) {
      const { url, lineNumber, columnNumber } = message.location();
      cspViolations.push(`${message.text()} (at ${url}:${lineNumber}:${columnNumber})`);
    }
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await openWorkbench();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function openWorkbench(): Promise<void> {
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: patience(60_000) });
}

function sidebar(): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

async function openSeedSmith(): Promise<void> {
  const icon = page.locator('.activitybar .action-item a[aria-label^="SeedSmith"], .activitybar .action-label[aria-label^="SeedSmith"]').first();
  await icon.waitFor({ timeout: patience(60_000) });
  const viewTitle = page.locator('.sidebar .composite.title', { hasText: /SeedSmith/i });
  if (!(await viewTitle.isVisible())) await icon.click();
  await viewTitle.waitFor({ timeout: patience(30_000) });
}

async function text(frame: FrameLocator, testId: string): Promise<string> {
  const locator = frame.locator(`[data-testid="${testId}"]`);
  await locator.waitFor({ timeout: patience(30_000) });
  return (await locator.textContent())?.trim() ?? '';
}

test('the activity bar opens the SeedSmith sidebar, which asks for a seed file', async () => {
  await openSeedSmith();
  const view = sidebar();
  assert.match(await text(view, 'no-seed-file'), /JSONL file of seed/);
  await page.screenshot({ path: path.join(shots, '1-sidebar-empty.png') });
});

test('selecting a seed file from the sidebar shows its counts, its bad lines and the budget', async () => {
  const view = sidebar();
  await view.locator('[data-testid="select-seed-file"]').click();
  const quickInput = page.locator('.quick-input-widget');
  await quickInput.waitFor({ state: 'visible', timeout: patience(15_000) });
  await page.keyboard.type('bad.jsonl');
  await quickInput.locator('.monaco-list-row', { hasText: 'bad.jsonl' }).first().waitFor();
  await page.keyboard.press('Enter');

  assert.equal(await text(view, 'seed-file-name'), 'bad.jsonl');
  assert.equal(await text(view, 'valid-seeds'), '3');
  assert.equal(await text(view, 'bad-lines'), '3');
  assert.equal(await text(view, 'warnings'), '1');
  assert.equal(await text(view, 'fields'), 'question → answer');
  assert.equal(await text(view, 'teacher-queries'), '0 / 500 · 500 left');
  const badLines = await view.locator('[data-testid="bad-line-list"] li').allTextContents();
  assert.deepEqual(badLines.map((line) => line.trim().split(' ')[1]), ['2:18', '3:1', '4:1']);

  const status = page.locator('.statusbar-item', { hasText: '0 / 500 teacher queries' });
  await status.waitFor({ timeout: patience(15_000) });
  await page.screenshot({ path: path.join(shots, '2-seed-file-selected.png') });
});

test('every bad line is in the Problems panel at its line and column', async () => {
  await page.locator('.part.editor').click({ position: { x: 200, y: 200 } });
  await page.keyboard.press('Control+Shift+M');
  const rows = page.locator('.markers-panel .monaco-list-row');
  await rows.first().waitFor({ timeout: patience(15_000) });
  const texts = async () => (await rows.allTextContents()).join('\n');
  for (const at of ['[Ln 2, Col 18]', '[Ln 3, Col 1]', '[Ln 4, Col 1]', '[Ln 6, Col 13]']) {
    assert.ok((await texts()).includes(at), `Problems panel lists ${at}:\n${await texts()}`);
  }
  await page.screenshot({ path: path.join(shots, '3-problems-panel.png') });
});

test('clicking the status bar item brings the sidebar back', async () => {
  await page.locator('.activitybar .action-item a[aria-label^="Explorer"], .activitybar .action-label[aria-label^="Explorer"]').first().click();
  await page.locator('.statusbar-item', { hasText: '0 / 500 teacher queries' }).click();
  assert.equal(await text(sidebar(), 'seed-file-name'), 'bad.jsonl');
});

test('after a reload the workspace remembers its seed file', async () => {
  await openWorkbench();
  await openSeedSmith();
  assert.equal(await text(sidebar(), 'seed-file-name'), 'bad.jsonl');
  assert.equal(await text(sidebar(), 'valid-seeds'), '3');
  await page.screenshot({ path: path.join(shots, '4-after-reload.png') });
});

test('the webview broke no CSP rule and threw nothing', () => {
  assert.deepEqual(cspViolations, []);
  const ours = pageErrors.filter((message) => /seedsmith|webview\.js/i.test(message));
  assert.deepEqual(ours, []);
});

