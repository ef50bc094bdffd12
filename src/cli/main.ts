#!/usr/bin/env node
// The `seedsmith` executable (bundled into dist/cli.js). Sets the exit code rather than calling
// process.exit, so everything written to a pipe is flushed first.
import { once } from 'node:events';
import { relaunchArgs } from './nodeFlags.ts';
import { runCli } from './runCli.ts';

// Before anything else: the streaming commands relaunch in place with their V8 flags (nodeFlags.ts).
const relaunch = process.platform === 'win32' ? null : relaunchArgs(process.execPath, process.execArgv, process.argv);
if (relaunch !== null && typeof process.execve === 'function') {
  try {
    process.execve(process.execPath, relaunch, process.env);
  } catch {
    // The flags only bound memory: a relaunch the system refuses leaves the command to run as it is.
  }
}

// A reader that goes away (`seedsmith inspect big.jsonl | head`) is not a failure.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

void runCli(process.argv.slice(2), {
  out: (text) => void process.stdout.write(text),
  outDrained: async () => {
    if (process.stdout.writableNeedDrain) await once(process.stdout, 'drain');
  },
  err: (text) => void process.stderr.write(text),
  env: process.env,
  stderrIsTty: process.stderr.isTTY === true,
  onInterrupt(handler) {
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
    return () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    };
  },
}).then((code) => {
  process.exitCode = code;
});
