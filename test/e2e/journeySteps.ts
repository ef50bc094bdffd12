// The ordered steps of a browser journey and the quick pick every journey starts with. A step
// builds on the ones before it, so after a failure the rest are skipped (each says which step
// failed) and the workbench is photographed as it was when the step failed.
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { patience } from '../../scripts/support/patience.ts';
import { byTestId, sidebar } from './journeyWorkbench.ts';

export type Step = (name: string, run: (t: TestContext) => Promise<void>) => void;

/** `page()` is read when a step fails (a step may replace the page); screenshots go to `shots` as `<prefix>-failed-…png`. */
export function journeySteps(shots: string, prefix: string, page: () => Page | undefined, timeoutMs = 120_000): Step {
  let failed: string | undefined;
  return (name, run) => {
    test(name, { timeout: patience(timeoutMs) }, async (t) => {
      if (failed) {
        t.skip(`an earlier step failed: ${failed}`);
        return;
      }
      try {
        await run(t);
      } catch (error) {
        failed = name;
        await page()?.screenshot({ path: path.join(shots, `${prefix}-failed-${name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}.png`) }).catch(() => undefined);
        throw error;
      }
    });
  };
}

/** Chooses a seed file with the sidebar's button and the quick pick, typing its name. */
export async function pickSeedFileInSidebar(page: Page, name: string): Promise<void> {
  await byTestId(sidebar(page), 'select-seed-file').click();
  const quickInput = page.locator('.quick-input-widget');
  await quickInput.waitFor({ state: 'visible', timeout: patience(15_000) });
  await page.keyboard.type(name);
  await quickInput.locator('.monaco-list-row', { hasText: name }).first().waitFor({ timeout: patience(15_000) });
  await page.keyboard.press('Enter');
  await quickInput.waitFor({ state: 'hidden', timeout: patience(15_000) });
}
