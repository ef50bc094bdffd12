// Debian's Chromium driven by playwright-core (never a downloaded browser), with the flags this
// closed network needs.
import { chromium, type Browser } from 'playwright-core';
import { runtime } from '../../scripts/support/runtime.ts';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: runtime().chromium,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
