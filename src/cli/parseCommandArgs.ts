// node:util parseArgs, with its errors turned into one plain sentence that names the command.
import { parseArgs } from 'node:util';
import type { ParseArgsOptionsConfig } from 'node:util';
import { UsageError } from './cliErrors.ts';

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** The closest known name, when it is close enough to be a typo. */
export function suggest(given: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of known) {
    const d = distance(given, name);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(given.length / 3)) ? best : undefined;
}

function quotedName(message: string): string {
  return /'([^']+)'/.exec(message)?.[1]?.split(' ')[0] ?? '';
}

export function parseCommandArgs<T extends ParseArgsOptionsConfig>(command: string, args: readonly string[], options: T, usage: string) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    const flag = quotedName(message);
    const flags = Object.keys(options).map((name) => `--${name}`);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const close = suggest(flag, flags);
      throw new UsageError(`${command}: unknown flag "${flag}"${close ? ` (did you mean ${close}?)` : ''}.`, usage);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const takesValue = /argument (missing|is ambiguous)/.test(message);
      throw new UsageError(`${command}: flag ${flag} ${takesValue ? 'needs a value' : 'takes no value'}.`, usage);
    }
    throw new UsageError(`${command}: ${message}`, usage);
  }
}

/**
 * The flags of a command that takes no positional argument. Returns undefined after printing the
 * usage for --help (the command is then done); a stray argument is a usage error.
 */
export function parseFlagsOnly<T extends ParseArgsOptionsConfig>(command: string, args: readonly string[], options: T, usage: string, io: { readonly out: (text: string) => void }) {
  const { values, positionals } = parseCommandArgs(command, args, options, usage);
  if ((values as Record<string, unknown>)['help']) {
    io.out(usage);
    return undefined;
  }
  if (positionals.length > 0) throw new UsageError(`${command}: unexpected argument "${positionals[0]}".`, usage);
  return values;
}

/**
 * The flags and the one seed file of a command like `generate` or `recommend`. Returns undefined
 * after printing the usage for --help.
 */
export function parseWithSeedFile<T extends ParseArgsOptionsConfig>(command: string, args: readonly string[], options: T, usage: string, io: { readonly out: (text: string) => void }) {
  const { values, positionals } = parseCommandArgs(command, args, options, usage);
  if ((values as Record<string, unknown>)['help']) {
    io.out(usage);
    return undefined;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? `${command}: missing the seed file.` : `${command}: expected one seed file, got ${positionals.length}.`, usage);
  return { values, seedFile: positionals[0] as string };
}
