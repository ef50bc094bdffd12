// Drives the real workbench for the journey test: the SeedSmith sidebar webview, the status bar,
// CodeLenses and hovers in the editor, and bounded waits on what a person would see.
import path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { patience } from '../../scripts/support/patience.ts';

/**
 * Polls `read` until `accept` holds; the error names what was seen last. `timeoutMs` is what an
 * idle machine needs with room to spare: it only bounds a condition that never comes, and it
 * grows with the machine's load (patience.ts), as do the other bounds in these helpers.
 */
export async function eventually<T>(what: string, read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const limitMs = patience(timeoutMs);
  const deadline = Date.now() + limitMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await read();
      lastError = undefined;
      if (accept(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const seen = lastError !== undefined ? `error: ${lastError instanceof Error ? lastError.message : String(lastError)}` : JSON.stringify(last);
      throw new Error(`${what}: not seen within ${limitMs} ms; last seen ${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function sidebar(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

export function byTestId(frame: FrameLocator | Locator, testId: string): Locator {
  return frame.locator(`[data-testid="${testId}"]`);
}

export async function textOf(locator: Locator, timeoutMs = 15_000): Promise<string> {
  await locator.first().waitFor({ timeout: patience(timeoutMs) });
  return ((await locator.first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Waits until the element's (whitespace-collapsed) text matches. */
export async function waitForText(locator: Locator, expected: string | RegExp, what: string, timeoutMs = 15_000): Promise<string> {
  const matches = (text: string) => (typeof expected === 'string' ? text === expected : expected.test(text));
  return eventually(what, () => textOf(locator, 1_000), matches, timeoutMs);
}

/**
 * Scrolls the element into view in one step inside the page. The review card is rebuilt while
 * check results arrive, so Playwright's scrollIntoViewIfNeeded (find, then act) can find a card
 * that is gone by the time it acts; a rebuilt card is found again.
 */
export async function scrollIntoView(locator: Locator, what: string): Promise<void> {
  await eventually(`${what} scrolled into view`, () => locator.first().evaluate((node) => node.scrollIntoView({ block: 'nearest' })).then(() => true), (done) => done);
}

export async function openWorkbench(page: Page, url: string, workspace: string): Promise<void> {
  await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: patience(60_000) });
}

/**
 * Shows a view container's sidebar. Its activity-bar icon toggles, and after a reload the
 * workbench restores the sidebar on its own time: a click made while the restore is under way
 * can close what the restore opened. So: click only while the icon is not checked, wait a while
 * for the click to take, and click again if the sidebar is still not there.
 */
export async function showViewContainer(page: Page, label: string): Promise<void> {
  const icon = page.locator(`.activitybar .action-item a[aria-label^="${label}"], .activitybar .action-label[aria-label^="${label}"]`).first();
  await icon.waitFor({ timeout: patience(60_000) });
  const viewTitle = page.locator('.sidebar .composite.title', { hasText: new RegExp(label, 'i') });
  const checked = () => icon.evaluate((node) => node.closest('.action-item')?.classList.contains('checked') ?? false);
  let clickedAt = -Infinity;
  await eventually(`the ${label} sidebar`, async () => {
    if (await viewTitle.isVisible()) return true;
    if (!(await checked()) && Date.now() - clickedAt > patience(3_000)) {
      clickedAt = Date.now();
      await icon.click();
    }
    return false;
  }, (shown) => shown, 60_000);
}

export function openSeedSmith(page: Page): Promise<void> {
  return showViewContainer(page, 'SeedSmith');
}

export function statusBarItem(page: Page, text: string | RegExp): Locator {
  return page.locator('.statusbar-item', { hasText: text });
}

export interface Counts {
  readonly pending: number;
  readonly accepted: number;
  readonly rejected: number;
}

export async function reviewCounts(view: FrameLocator): Promise<Counts> {
  const count = async (id: string) => Number.parseInt(await textOf(byTestId(view, id), 2_000), 10);
  return { pending: await count('count-pending'), accepted: await count('count-accepted'), rejected: await count('count-rejected') };
}

export async function waitForCounts(view: FrameLocator, expected: Counts, what: string): Promise<Counts> {
  return eventually(`${what}: counts ${JSON.stringify(expected)}`, () => reviewCounts(view), (c) => c.pending === expected.pending && c.accepted === expected.accepted && c.rejected === expected.rejected);
}

export interface CardSeen {
  readonly id: string;
  readonly seedLine: number;
  readonly seedQuestion: string;
  readonly seedAnswer: string;
  readonly question: string;
  readonly answer: string;
  readonly meta: string;
}

/** What the review card shows now (raw text, whitespace kept, so payloads compare exactly). */
export async function currentCard(view: FrameLocator): Promise<CardSeen> {
  const card = byTestId(view, 'review-card');
  await card.waitFor({ timeout: patience(15_000) });
  const raw = async (testId: string) => (await byTestId(card, testId).textContent()) ?? '';
  const label = (await card.locator('.seed-pair .label').textContent()) ?? '';
  const line = /line (\d+)/.exec(label);
  return {
    id: (await card.getAttribute('data-sample-id')) ?? '',
    seedLine: line ? Number(line[1]) : Number.NaN,
    seedQuestion: await raw('seed-question'),
    seedAnswer: await raw('seed-answer'),
    question: await raw('card-question'),
    answer: await raw('card-answer'),
    meta: (await raw('card-meta')).replace(/\s+/g, ' ').trim(),
  };
}

/** Waits for the card to show another sample than `previousId`, and returns it. */
export async function waitForOtherCard(view: FrameLocator, previousId: string, what: string): Promise<CardSeen> {
  await eventually(`${what}: the card moves off ${previousId}`, async () => (await byTestId(view, 'review-card').getAttribute('data-sample-id', { timeout: patience(2_000) })) ?? '', (id) => id !== '' && id !== previousId);
  return currentCard(view);
}

export interface LensSeen {
  readonly text: string;
  readonly top: number;
}

/** CodeLens titles in the visible editor, top to bottom. */
export async function codeLenses(page: Page): Promise<LensSeen[]> {
  const lenses = await page.locator('.monaco-editor .codelens-decoration').evaluateAll((nodes) =>
    nodes.map((node) => ({ text: (node.textContent ?? '').replace(/\s+/g, ' ').trim(), top: node.getBoundingClientRect().top })),
  );
  return lenses.filter((lens) => lens.text !== '').sort((a, b) => a.top - b.top);
}

/** The editor's rendered lines, top to bottom (all of them when the file fits the editor). */
export function editorLines(page: Page): Promise<{ top: number; left: number; height: number; text: string }[]> {
  return page.locator('.monaco-editor .view-lines .view-line').evaluateAll((nodes) =>
    nodes
      .map((node) => {
        const box = node.getBoundingClientRect();
        return { top: box.top, left: box.left, height: box.height, text: node.textContent ?? '' };
      })
      .sort((a, b) => a.top - b.top),
  );
}

/** `typeof window.__pwned` in the page and in every frame (webviews included). */
export async function pwnedMarkers(page: Page): Promise<{ frame: string; value: string }[]> {
  const seen: { frame: string; value: string }[] = [];
  for (const frame of page.frames()) {
    if (frame.isDetached()) continue;
    try {
      const value = await frame.evaluate(() => typeof (globalThis as { __pwned?: unknown }).__pwned);
      seen.push({ frame: frame.url().slice(0, 120), value });
    } catch (error) {
      if (!frame.isDetached()) seen.push({ frame: frame.url().slice(0, 120), value: `not readable: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` });
    }
  }
  return seen;
}

export async function screenshot(page: Page, folder: string, name: string): Promise<void> {
  await page.screenshot({ path: path.join(folder, `journey-${name}.png`) });
}
