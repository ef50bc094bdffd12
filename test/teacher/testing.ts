// Helpers for tests that drive a teacher through the real openai SDK. Every teacher a test
// starts is closed by withTeacher, even when the test fails.
import OpenAI from 'openai';
import type { StartOptions, TestTeacher } from './server.ts';
import { startTestTeacher } from './server.ts';

export const TEST_MODEL = 'seedsmith-teacher';

export function clientFor(teacher: TestTeacher, options: { apiKey?: string; maxRetries?: number; timeout?: number } = {}): OpenAI {
  return new OpenAI({
    apiKey: options.apiKey ?? 'sk-test',
    baseURL: teacher.url,
    maxRetries: options.maxRetries ?? 0,
    timeout: options.timeout ?? 3000,
  });
}

export async function withTeacher<T>(options: StartOptions, run: (teacher: TestTeacher) => Promise<T>): Promise<T> {
  const teacher = await startTestTeacher(options);
  try {
    return await run(teacher);
  } finally {
    await teacher.close();
  }
}

/** The number after the last "####" line of an answer, or undefined when there is none. */
export function finalLine(text: string | null | undefined): string | undefined {
  const m = /^#### (.+)$/m.exec(text ?? '');
  return m?.[1]?.trim();
}

/** Polls until `check` holds; fails after `ms` instead of hanging the test run. */
export async function waitUntil(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  // The bound only decides when a condition that never comes is reported: generous, so a busy
  // machine is not mistaken for a broken one.
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
