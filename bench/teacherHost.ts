// The test teacher for benchmarks, in its own process by default. On a 2-core machine a teacher
// sharing the client's event loop makes every client look slower by however long the server
// spends building 16 answers that are due at the same instant; a real endpoint is never on our
// event loop, so the baseline and SeedSmith are both measured against a separate process.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TeacherKnobs } from '../test/teacher/knobs.ts';
import { startTestTeacher } from '../test/teacher/server.ts';
import type { TeacherStats } from '../test/teacher/stats.ts';

export type TeacherPlacement = 'child' | 'in-process';

export interface BenchTeacher {
  readonly url: string;
  readonly placement: TeacherPlacement;
  stats(): Promise<TeacherStats>;
  resetStats(): Promise<void>;
  close(): Promise<void>;
}

const SERVE = fileURLToPath(new URL('../test/teacher/serve.ts', import.meta.url));

export async function startBenchTeacher(knobs: Partial<TeacherKnobs>, placement: TeacherPlacement = 'child'): Promise<BenchTeacher> {
  if (placement === 'in-process') {
    const teacher = await startTestTeacher(knobs);
    return {
      url: teacher.url,
      placement,
      stats: async () => teacher.stats(),
      resetStats: async () => teacher.resetStats(),
      close: () => teacher.close(),
    };
  }
  const child = spawn(process.execPath, [SERVE, '--port', '0', '--host', '127.0.0.1', '--knobs', JSON.stringify(knobs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await listeningUrl(child);
  const origin = new URL(url).origin;
  return {
    url,
    placement,
    stats: async () => (await (await fetch(`${origin}/__teacher/stats`)).json()) as TeacherStats,
    resetStats: async () => {
      await (await fetch(`${origin}/__teacher/reset`, { method: 'POST', body: '{}' })).arrayBuffer();
    },
    close: () => stopChild(child),
  };
}

/** serve.ts prints one line once it accepts requests; anything else (an exit, 10 s of silence) is a failure. */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => fail(new Error('the test teacher did not start within 10 s')), 10_000);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.once('exit', (code) => fail(new Error(`the test teacher exited early (code ${code})`)));
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (text: string) => {
      seen += text;
      const match = /teacher listening on (\S+)/.exec(seen);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve(match[1]);
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
