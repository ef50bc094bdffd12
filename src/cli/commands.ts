// Every `seedsmith <command>`: later commands (recommend, generate, status, samples, decide,
// export) are added here and nowhere else.
import type { CliCommand } from './cliTypes.ts';
import { inspectCommand } from './inspectCommand.ts';

export const COMMANDS: readonly CliCommand[] = [inspectCommand];

export function findCommand(name: string): CliCommand | undefined {
  return COMMANDS.find((command) => command.name === name);
}
