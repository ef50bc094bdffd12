// Loaded by the P5 benchmark (bench/p5Activation.ts) as an extension-test entry: measures how long
// SeedSmith's activation takes in a real extension host, next to a built-in extension activated
// the same way in the same host as the baseline, and writes both to SEEDSMITH_TEST_REPORT.
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';

const BASELINES = ['vscode.emmet', 'vscode.npm', 'vscode.configuration-editing', 'vscode.markdown-language-features', 'vscode.css-language-features'];

async function timeActivation(id: string): Promise<number | null> {
  const extension = vscode.extensions.getExtension(id);
  if (!extension || extension.isActive) return null;
  const started = performance.now();
  await extension.activate();
  return performance.now() - started;
}

export async function run(): Promise<void> {
  const seedsmith = await timeActivation('seedsmith.seedsmith');
  let baseline: { id: string; ms: number } | null = null;
  for (const id of BASELINES) {
    const ms = await timeActivation(id);
    if (ms !== null) {
      baseline = { id, ms };
      break;
    }
  }
  writeFileSync(process.env['SEEDSMITH_TEST_REPORT'] ?? '/dev/null', JSON.stringify({ seedsmith, baseline }));
}
