// Runs the extension-host suite in a real VS Code through @vscode/test-electron's runTests().
// Here (no VS Code download possible) the "executable" is code-server behind a small adapter;
// with SEEDSMITH_DESKTOP_VSCODE=1 runTests downloads desktop VS Code and runs the same suite.
import { runTests } from '@vscode/test-electron';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot, scratchDir } from '../../scripts/support/runtime.ts';
import { writeSeedWorkspace } from '../support/seedWorkspace.ts';

const suite = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
if (!existsSync(suite)) {
  console.error('The extension-host suite is not built: run `npm run build` first.');
  process.exit(2);
}

const stateDir = await scratchDir('host');
const workspace = path.join(stateDir, 'workspace');
await mkdir(workspace, { recursive: true });
await writeSeedWorkspace(workspace);
const report = path.join(stateDir, 'report.json');
// Copied out of the repo: a development extension inside another one's folder is not loaded beside it.
const lmProvider = path.join(stateDir, 'lm-provider');
await cp(path.join(repoRoot, 'test', 'integration', 'fixtures', 'lmProvider'), lmProvider, { recursive: true });

const desktop = process.env['SEEDSMITH_DESKTOP_VSCODE'] === '1';
let failedToRun = false;
try {
  await runTests({
    ...(desktop ? {} : { vscodeExecutablePath: path.join(import.meta.dirname, 'code-server-as-vscode') }),
    // The fixture registers a language model provider (VS Code models as the teacher, issue 13).
    extensionDevelopmentPath: [repoRoot, lmProvider],
    extensionTestsPath: suite,
    launchArgs: [workspace, '--disable-extensions'],
    // Batches of the test teacher end in milliseconds: poll them as often (the default is 30 s).
    extensionTestsEnv: { SEEDSMITH_TEST_REPORT: report, SEEDSMITH_TEST_WORKSPACE: workspace, SEEDSMITH_BATCH_POLL_MS: '50' },
  });
} catch {
  failedToRun = true;
}

// The suite writes its own report from inside the extension host; it is the source of truth for
// the counts, and its absence means the suite never ran.
let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const results = JSON.parse(await readFile(report, 'utf8')) as { name: string; ok: boolean; error?: string; ms: number }[];
  for (const result of results) {
    console.log(`${result.ok ? '✔' : '✖'} ${result.name} (${result.ms} ms)`);
    if (!result.ok) console.log(`    ${result.error?.split('\n').join('\n    ')}`);
    if (result.ok) passed++;
    else failed++;
  }
} else {
  console.error('The extension-host suite did not report: it never started inside VS Code.');
  failed = 1;
}
console.log(`extension-host: ${passed} passed, ${failed} failed`);
if (!failedToRun && failed === 0) await rm(stateDir, { recursive: true, force: true });
process.exit(failedToRun || failed > 0 ? 1 : 0);
