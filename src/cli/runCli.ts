// Top level of `seedsmith`: global flags, dispatch to a command, and the exit-code contract
// (0 done, 1 unexpected failure, 2 bad input).
import { InputError, UsageError } from './cliErrors.ts';
import { COMMANDS, findCommand } from './commands.ts';
import type { CliIo } from './cliTypes.ts';
import { EXIT_BAD_INPUT, EXIT_DONE, EXIT_FAILED } from './cliTypes.ts';
import { suggest } from './parseCommandArgs.ts';
import { VERSION } from './version.ts';

function usage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  const list = COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n');
  return `usage: seedsmith <command> [options]

Commands:
${list}

  seedsmith <command> --help   details of one command
  seedsmith --version          the version
Exit codes: 0 done, 1 failed, 2 bad input.
`;
}

function badInput(io: CliIo, error: UsageError | InputError, json: boolean): number {
  io.err(`${error.message}\n`);
  if (error instanceof UsageError) io.err(`\n${error.usage ?? usage()}`);
  // A script that asked for JSON still gets one object on stdout.
  if (json) io.out(`${JSON.stringify({ error: { message: error.message, exitCode: EXIT_BAD_INPUT } })}\n`);
  return EXIT_BAD_INPUT;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined) throw new UsageError('seedsmith: missing the command.');
    if (first === '--help' || first === '-h' || first === 'help') {
      io.out(usage());
      return EXIT_DONE;
    }
    if (first === '--version' || first === '-V') {
      io.out(`${VERSION}\n`);
      return EXIT_DONE;
    }
    if (first.startsWith('-')) throw new UsageError(`seedsmith: unknown flag "${first}" before the command.`);
    const command = findCommand(first);
    if (!command) {
      const close = suggest(first, COMMANDS.map((c) => c.name));
      throw new UsageError(`seedsmith: unknown command "${first}"${close ? ` (did you mean ${close}?)` : ''}.`);
    }
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) return badInput(io, error, argv.includes('--json'));
    const detail = error instanceof Error ? error.message : String(error);
    const where = first && findCommand(first) ? `seedsmith ${first}` : 'seedsmith';
    io.err(`${where}: unexpected failure: ${detail}${io.env.SEEDSMITH_DEBUG === '1' ? '' : ' (set SEEDSMITH_DEBUG=1 for details)'}\n`);
    if (io.env.SEEDSMITH_DEBUG === '1' && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
    return EXIT_FAILED;
  }
}
