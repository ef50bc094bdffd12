// P5: activation time in a real extension host (code-server, as the extension-host tests run
// it), against a built-in extension activated the same way in the same host; and the bundle
// sizes, against the bytes esbuild read to make them (what tree-shaking and minifying left).
import { runTests } from '@vscode/test-electron';
import { readFile, stat, mkdir } from 'node:fs/promises';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot, scratchDir } from '../scripts/support/runtime.ts';
import type { BenchResult, Log } from './benchTypes.ts';
import type { BenchRow } from './table.ts';

async function activation(log: Log): Promise<{ seedsmith: number | null; baseline: { id: string; ms: number } | null }> {
  const stateDir = await scratchDir('p5');
  const workspace = path.join(stateDir, 'workspace');
  await mkdir(workspace, { recursive: true });
  const report = path.join(stateDir, 'activation.json');
  log('P5: activating SeedSmith in a real extension host (code-server)');
  await runTests({
    vscodeExecutablePath: path.join(repoRoot, 'test', 'integration', 'code-server-as-vscode'),
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'activationProbe.js'),
    launchArgs: [workspace],
    extensionTestsEnv: { SEEDSMITH_TEST_REPORT: report },
    stdout: { write: () => true } as unknown as NodeJS.WriteStream,
    stderr: { write: () => true } as unknown as NodeJS.WriteStream,
  });
  return JSON.parse(await readFile(report, 'utf8')) as { seedsmith: number | null; baseline: { id: string; ms: number } | null };
}

async function bundleRows(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const bundles = [
    { name: 'extension host bundle', entry: 'src/host/extension.ts', platform: 'node' as const, format: 'cjs' as const, external: ['vscode'] },
    { name: 'sidebar webview bundle', entry: 'webview/main.ts', platform: 'browser' as const, format: 'iife' as const, external: [] },
    { name: 'CLI bundle', entry: 'src/cli/main.ts', platform: 'node' as const, format: 'cjs' as const, external: [] },
  ];
  for (const bundle of bundles) {
    const result = await esbuild.build({ entryPoints: [path.join(repoRoot, bundle.entry)], bundle: true, minify: true, write: false, metafile: true, platform: bundle.platform, format: bundle.format, external: bundle.external, mainFields: ['module', 'main'], target: 'es2022', logLevel: 'silent', outfile: 'out.js' });
    const output = result.outputFiles?.[0]?.contents.byteLength ?? 0;
    const input = Object.values(result.metafile?.inputs ?? {}).reduce((sum, file) => sum + file.bytes, 0);
    rows.push({ bench: 'P5', name: `${bundle.name} (minified) vs its inputs`, measured: Math.round(output / 1024), baseline: Math.round(input / 1024), unit: 'KiB', ratio: output / input, goal: null });
  }
  const vsix = path.join(repoRoot, 'out', `seedsmith-${(JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version}.vsix`);
  const size = await stat(vsix).then((s) => s.size, () => null);
  if (size !== null) rows.push({ bench: 'P5', name: 'VSIX (npm run package)', measured: Math.round(size / 1024), baseline: null, unit: 'KiB', ratio: null, goal: null });
  return rows;
}

export async function p5Activation(log: Log): Promise<BenchResult> {
  const rows = await bundleRows();
  const timing = await activation(log);
  if (timing.seedsmith !== null) {
    rows.unshift({
      bench: 'P5',
      name: `activation vs a built-in (${timing.baseline?.id ?? 'none found'})`,
      measured: Math.round(timing.seedsmith * 10) / 10,
      baseline: timing.baseline ? Math.round(timing.baseline.ms * 10) / 10 : null,
      unit: 'ms',
      ratio: timing.baseline ? timing.seedsmith / timing.baseline.ms : null,
      goal: null,
      note: 'activate() from first call to resolved, in the same extension host',
    });
  }
  return { rows, details: { activation: timing } };
}
