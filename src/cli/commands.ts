// Every `seedsmith <command>`: later commands (recommend, generate, status, samples, decide,
// export) are added here and nowhere else.
import type { CliCommand } from './cliTypes.ts';
import { batchCommand } from './batchCommand.ts';
import { checkCommand } from './checkCommand.ts';
import { decideCommand } from './decideCommand.ts';
import { exportCommand } from './exportCommand.ts';
import { generateCommand } from './generateCommand.ts';
import { inspectCommand } from './inspectCommand.ts';
import { modelsCommand } from './modelsCommand.ts';
import { recommendCommand } from './recommendCommand.ts';
import { samplesCommand } from './samplesCommand.ts';
import { statusCommand } from './statusCommand.ts';

export const COMMANDS: readonly CliCommand[] = [inspectCommand, recommendCommand, generateCommand, modelsCommand, statusCommand, samplesCommand, decideCommand, checkCommand, exportCommand, batchCommand];

export function findCommand(name: string): CliCommand | undefined {
  return COMMANDS.find((command) => command.name === name);
}
