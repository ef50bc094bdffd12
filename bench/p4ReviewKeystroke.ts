// P4: a decision keystroke → the next card painted, with 10,000 samples queued, in Chromium.
// Goal: median under 16 ms (one frame). Baseline in the same run: the same keystroke timing in the
// same page when nothing is decided (an arrow key at the end of the queue), i.e. the browser's
// own floor for "key → next frame".
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { launchChromium } from '../test/support/browser.ts';
import { repoRoot } from '../scripts/support/runtime.ts';
import type { BenchResult, Log } from './benchTypes.ts';
import { p4PageHtml } from './p4Page.ts';

const SAMPLES = 10_000;
const DECISIONS = 200;

interface Latency {
  readonly ms: number;
  readonly changed: boolean;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export async function p4ReviewKeystroke(log: Log): Promise<BenchResult> {
  const files: Record<string, [string, string]> = {
    '/webview.js': [path.join(repoRoot, 'dist', 'webview.js'), 'text/javascript'],
    '/sidebar.css': [path.join(repoRoot, 'media', 'sidebar.css'), 'text/css'],
  };
  const server = createServer((request, response) => {
    const file = files[request.url ?? ''];
    if (request.url === '/') {
      response.writeHead(200, { 'content-type': 'text/html' }).end(p4PageHtml(SAMPLES));
      return;
    }
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    void readFile(file[0]).then((body) => response.writeHead(200, { 'content-type': file[1] }).end(body), () => response.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 400, height: 900 } });
    await page.goto(url);
    const card = page.locator('[data-testid="review-card"]');
    await card.waitFor({ timeout: 30_000 });
    await card.click();
    log(`P4: ${SAMPLES} samples queued; ${DECISIONS} decisions with the keyboard`);
    for (let i = 0; i < DECISIONS; i++) {
      await page.keyboard.press(i % 2 === 0 ? 'a' : 'x');
      // Let the stand-in host answer before the next keystroke, as a person's pace would.
      await page.waitForTimeout(20);
    }
    const decisions = await page.evaluate(() => (globalThis as unknown as { __p4: { latencies: Latency[] } }).__p4.latencies.splice(0));
    // The floor: a key the sidebar does nothing with (Escape, outside any edit), same page, same timing.
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Shift');
      await page.waitForTimeout(20);
    }
    const floor = await page.evaluate(() => (globalThis as unknown as { __p4: { latencies: Latency[] } }).__p4.latencies.splice(0));
    const changed = decisions.filter((d) => d.changed).length;
    const decisionMedian = median(decisions.map((d) => d.ms));
    const floorMedian = median(floor.map((d) => d.ms));
    const counts = await page.locator('[data-testid="review-counts"]').textContent();
    log(`P4: ${changed}/${decisions.length} keystrokes showed a new card; counts now: ${counts?.trim()}`);
    return {
      rows: [
        { bench: 'P4', name: 'keystroke → next card painted (median), 10,000 queued', measured: round(decisionMedian), baseline: 16, unit: 'ms', ratio: decisionMedian / 16, goal: { op: '<', value: 1 }, note: `ratio to one 16 ms frame; ${changed} of ${decisions.length} keystrokes painted a new card` },
        { bench: 'P4', name: 'same, vs the browser floor (a key that changes nothing)', measured: round(decisionMedian), baseline: round(floorMedian), unit: 'ms', ratio: decisionMedian / Math.max(0.001, floorMedian), goal: null },
        { bench: 'P4', name: 'keystroke → next card painted (p95)', measured: round(percentile(decisions.map((d) => d.ms), 0.95)), baseline: 16, unit: 'ms', ratio: percentile(decisions.map((d) => d.ms), 0.95) / 16, goal: null },
      ],
      details: { samples: SAMPLES, decisions: decisions.length, changed, decisionMs: decisions.map((d) => round(d.ms)), floorMs: floor.map((d) => round(d.ms)) },
    };
  } finally {
    await browser.close();
    server.close();
  }
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
