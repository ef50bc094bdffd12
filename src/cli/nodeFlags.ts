// The streaming commands (`status`, `samples`, `check`, `export`) read a session of any size in
// constant memory, but V8 sizes its young generation from the machine's memory: on a large
// machine it grows to ~134 MB of semi-spaces while a million-sample journal streams through,
// more than the command's own data. A 16 MB semi-space bounds it (measured on 1M samples:
// check's peak RSS 725 → 557 MB, CPU no worse). V8 takes the size only on its command line, so
// `seedsmith` relaunches itself with it, in place (process.execve: same process, same stdio and
// signals), where Node has that (Node 23.11+, not Windows); elsewhere it runs as it is.
export const CLI_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=16'];

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
