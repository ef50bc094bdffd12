// The streaming commands (`status`, `samples`, `check`, `export`) read a session of any size in
// constant memory, but V8's own sizing, made for throughput, can double what they hold:
// - it sizes the young generation from the machine's memory: ~134 MB of semi-spaces on a large
//   machine while a million-sample journal streams through; 16 MB bounds it;
// - it lets the old generation grow up to 4x what survived the last full collection before the
//   next one, so the garbage of a long pass piles up: peak RSS of `export` on 1M samples ranged
//   from 570 to 920 MB between runs. 50 % growth bounds it (530-560 MB, CPU within 10 %).
// V8 takes both only on its command line, so `seedsmith` relaunches itself with them, in place
// (process.execve: same process, same stdio and signals), where Node has that (Node 23.11+, not
// Windows); elsewhere it runs as it is.
export const CLI_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=16', '--heap-growing-percent=50'];

const STREAMING_COMMANDS: ReadonlySet<string> = new Set(['status', 'samples', 'check', 'export']);

/**
 * The argument vector to relaunch with (execPath, the flags, Node's own arguments, the script and
 * its arguments), or null when there is nothing to do: another command, or the flags already set.
 */
export function relaunchArgs(execPath: string, execArgv: readonly string[], argv: readonly string[]): string[] | null {
  const [, script, command] = argv;
  if (script === undefined || command === undefined || !STREAMING_COMMANDS.has(command)) return null;
  const missing = CLI_NODE_FLAGS.filter((flag) => !execArgv.some((given) => given.split('=')[0] === flag.split('=')[0]));
  if (missing.length === 0) return null;
  return [execPath, ...missing, ...execArgv, script, ...argv.slice(2)];
}
