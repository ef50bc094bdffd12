// A small test harness for the extension host: VS Code loads this suite's `run()` inside its
// real extension host, where no test runner is installed. Tests run one after another; results go
// to the console (forwarded by the workbench) and to a JSON report the outer runner prints.
import { writeFileSync } from 'node:fs';
import { patience } from '../../../scripts/support/patience.ts';

type TestBody = () => Promise<void> | void;
interface Result { name: string; ok: boolean; error?: string; ms: number }

const tests: { name: string; body: TestBody }[] = [];

export function test(name: string, body: TestBody): void {
  tests.push({ name, body });
}

/** `timeoutMs`: what one test may take on an idle machine; each test's bound grows with the load. */
export async function runAll(reportPath: string | undefined, timeoutMs = 30_000): Promise<Result[]> {
  const results: Result[] = [];
  for (const { name, body } of tests) {
    const started = Date.now();
    try {
      await withTimeout(Promise.resolve().then(body), patience(timeoutMs), name);
      results.push({ name, ok: true, ms: Date.now() - started });
    } catch (error) {
      results.push({ name, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error), ms: Date.now() - started });
    }
    if (reportPath) writeFileSync(reportPath, JSON.stringify(results, null, 2));
  }
  return results;
}

async function withTimeout<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`"${name}" timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Polls until `check` returns a value other than undefined (UI state settles asynchronously).
 * `timeoutMs` only bounds a condition that never comes; it grows with the machine's load.
 */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const limitMs = patience(timeoutMs);
  const deadline = Date.now() + limitMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out after ${limitMs} ms waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
}
