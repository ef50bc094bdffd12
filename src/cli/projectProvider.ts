// The "provider" of a project file, for CLI commands: a provider that cannot be used is bad input
// at file:line:col, and nothing is sent (the seeds must not go to an endpoint half-read).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { readProjectProvider } from '../core/providers/index.ts';
import type { ProviderConfig } from '../core/providers/index.ts';
import { InputError } from './cliErrors.ts';

export async function projectProvider(command: string, file: string | undefined): Promise<ProviderConfig | undefined> {
  if (file === undefined || !existsSync(file)) return undefined;
  const read = readProjectProvider(await readFile(file, 'utf8'));
  if (read.errors.length > 0) {
    throw new InputError(`${command}: the provider in ${file} cannot be used; nothing was sent:\n${read.errors.map((e) => `${file}:${e.line}:${e.column}: ${e.message}`).join('\n')}`);
  }
  return read.provider;
}
