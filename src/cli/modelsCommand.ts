// `seedsmith models`: "test connection" from the terminal. Asks the provider's endpoint for its
// models (no model runs, no budget is used), says whether it was reached and took the key, which
// of the wanted models it lacks, and which quirks apply (structured output, seed).
import path from 'node:path';
import { PROVIDER_KINDS } from '../core/providers/index.ts';
import { findProjectFile } from '../node/projectFile.ts';
import { testConnection } from '../teacher/index.ts';
import type { CliCommand, CliIo } from './cliTypes.ts';
import { EXIT_DONE, EXIT_FAILED } from './cliTypes.ts';
import { parseFlagsOnly } from './parseCommandArgs.ts';
import { projectProvider } from './projectProvider.ts';
import { chooseProvider, keyHelp, PROVIDER_HELP, PROVIDER_OPTIONS } from './providerArgs.ts';

const NAME = 'seedsmith models';

const USAGE = `usage: seedsmith models [--provider P] [options]

Tests the connection to a provider: lists its models (no budget is used), names any wanted model
it does not list, and says how structured output and the seed will be handled.
${PROVIDER_HELP}
  --teacher-model M[,M…]    models the run would use, checked against the listing
  --augmenter-model M       likewise
  --project FILE            the seedsmith.jsonc to read "provider" from (default: the first in . or above)
  --timeout-ms N            how long to wait for the endpoint (default: 10000)
  --json                    print one JSON object
Providers: ${PROVIDER_KINDS.join(', ')}. VS Code's language models are only available inside VS Code.
${keyHelp()}
`;

const OPTIONS = {
  ...PROVIDER_OPTIONS,
  'teacher-model': { type: 'string' },
  'augmenter-model': { type: 'string' },
  project: { type: 'string' },
  'timeout-ms': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseFlagsOnly(NAME, args, OPTIONS, USAGE, io);
  if (!values) return EXIT_DONE;
  const projectFile = values.project ?? findProjectFile(path.join(process.cwd(), 'seedsmith.jsonc'));
  const choice = chooseProvider(NAME, values, await projectProvider(NAME, projectFile), projectFile, io.env, USAGE);
  const wanted = [...(values['teacher-model'] ?? '').split(','), values['augmenter-model'] ?? ''].map((m) => m.trim()).filter((m) => m !== '');
  const timeoutMs = values['timeout-ms'] === undefined ? 10_000 : Math.max(1, Number.parseInt(values['timeout-ms'], 10) || 10_000);
  const report = await testConnection({ provider: choice.provider, apiKey: choice.apiKey, wanted, timeoutMs });
  if (values.json) {
    io.out(`${JSON.stringify({ ...report, kind: choice.provider.preset.kind, providerFrom: choice.source, keyFrom: choice.keySource })}\n`);
  } else {
    io.out(`${report.message}\n`);
    io.out(`  provider ${report.provider} (${choice.provider.preset.kind}, from ${choice.source}); key ${choice.keySource === null ? 'none' : `from $${choice.keySource}`}\n`);
    if (report.models !== null) for (const model of report.models) io.out(`  ${model}\n`);
  }
  return report.state === 'ok' ? EXIT_DONE : EXIT_FAILED;
}

export const modelsCommand: CliCommand = { name: 'models', summary: 'test the connection to a provider and list its models (no budget used)', usage: USAGE, run };
