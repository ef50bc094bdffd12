// Stands in for the VS Code executable that @vscode/test-electron's runTests() spawns, on
// machines where desktop VS Code cannot be downloaded. It takes the same arguments
// (`--extensionDevelopmentPath=… --extensionTestsPath=… [workspace]`), serves that workspace with
// code-server (the real VS Code server, smoke-test driver on, so the workbench honours the test
// payload), opens the workbench in Chromium and exits with the code the extension host's test run
// reported through window.codeAutomationExit.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from '../support/browser.ts';
import { startCodeServer } from '../../scripts/support/codeServer.ts';
import { patience } from '../../scripts/support/patience.ts';
import { scratchDir } from '../../scripts/support/runtime.ts';

// What the workbench logs on a machine without internet, and that says nothing about SeedSmith.
const HARMLESS_NOISE = /ENOTFOUND open-vsx\.org|vsda|github-authentication|GitHub auth|getSessions|tryActivateProvider/i;
// A bound on a suite that never reports (a hung workbench), not a wait: it grows with the load.
const TEST_TIMEOUT_MS = Number(process.env['SEEDSMITH_EXTENSION_TEST_TIMEOUT_MS'] ?? patience(180_000));

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  strict: false,
  allowPositionals: true,
  options: {
    // More than one: SeedSmith and the test fixtures (a language model provider).
    extensionDevelopmentPath: { type: 'string', multiple: true },
    extensionTestsPath: { type: 'string' },
    'user-data-dir': { type: 'string' },
    'extensions-dir': { type: 'string' },
  },
});

const developmentPaths = ([values.extensionDevelopmentPath ?? []].flat() as unknown[]).map(String).filter((p) => p !== '');
const testsPath = String(values.extensionTestsPath ?? '');
if (developmentPaths.length === 0 || !testsPath) {
  console.error('usage: codeServerAsVscode --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [workspace]');
  process.exit(2);
}

const stateDir = await scratchDir('it');
const workspace = positionals[0] ?? path.join(stateDir, 'workspace');
await mkdir(workspace, { recursive: true });

const server = await startCodeServer({ stateDir, workspace, smokeTestDriver: true, settings: { 'seedsmith.budget.teacherQueries': 500 } });
const browser = await launchChromium();
let exitCode: number;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const finished = new Promise<number>((resolve) => {
    void context.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const text = args.map(String).join(' ');
      if (type === 'error' && !HARMLESS_NOISE.test(text)) console.error(text);
    });
    void context.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
  });
  const page = await context.newPage();
  // The workbench reaches the extension and its tests through the server, so both paths are
  // vscode-remote URIs on this server's authority.
  const authority = `127.0.0.1:${server.port}`;
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${authority}${await developmentFolder(developmentPaths, stateDir)}`],
    ['extensionTestsPath', `vscode-remote://${authority}${path.resolve(testsPath)}`],
  ];
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url);
  const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(-1), TEST_TIMEOUT_MS).unref());
  exitCode = await Promise.race([finished, timeout]);
  if (exitCode === -1) {
    const shot = path.join(stateDir, 'timeout.png');
    await page.screenshot({ path: shot }).catch(() => undefined);
    console.error(`The extension-host tests did not finish within ${Math.round(TEST_TIMEOUT_MS / 1000)} s (screenshot: ${shot}; server log: ${server.logFile}).`);
    exitCode = 1;
  }
  await writeFile(path.join(stateDir, 'exit-code'), String(exitCode));
} finally {
  await browser.close().catch(() => undefined);
  await server.stop();
}
process.exit(exitCode);

/**
 * The workbench reads its payload into a Map, so a second extensionDevelopmentPath would replace
 * the first. The server scans a folder without a package.json as a folder of extensions: several
 * development extensions are handed over as one folder of links to them.
 */
async function developmentFolder(paths: readonly string[], dir: string): Promise<string> {
  if (paths.length === 1) return path.resolve(paths[0]!);
  const folder = path.join(dir, 'development-extensions');
  await mkdir(folder, { recursive: true });
  for (const [i, each] of paths.entries()) await symlink(path.resolve(each), path.join(folder, `${i}-${path.basename(path.resolve(each))}`), 'dir');
  return folder;
}
