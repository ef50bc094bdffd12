// Entry loaded by VS Code's extension host (`--extensionTestsPath`). Registers the tests, runs
// them, and rejects if any failed so VS Code exits non-zero.
import { runAll } from './harness.ts';
import './extension.test.ts';
import './review.test.ts';
import './cliSession.test.ts';
import './sessionLock.test.ts';
import './newcomer.test.ts';
import './batch.test.ts';
import './providers.test.ts';
import './languageModels.test.ts';
import './lmErrors.test.ts';
import './lmSidebar.test.ts';

export async function run(): Promise<void> {
  const results = await runAll(process.env['SEEDSMITH_TEST_REPORT']);
  for (const result of results) console.log(`${result.ok ? 'ok' : 'FAILED'} ${result.name}${result.error ? `\n${result.error}` : ''}`);
  const failed = results.filter((result) => !result.ok).length;
  if (failed > 0) throw new Error(`${failed} extension-host test(s) failed`);
}
