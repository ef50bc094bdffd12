// Which endpoint a CLI command talks to, and with which key. The provider comes from --provider,
// else from the project file's "provider", else the historical default: OpenAI's API at
// --base-url / $OPENAI_BASE_URL with $OPENAI_API_KEY. The key is read from the chosen provider's
// own environment variable(s) only (PROVIDER_PRESETS keyEnv), so switching provider never sends
// one provider's key to another's URL.
import { InputError, UsageError } from './cliErrors.ts';
import { isProviderKind, PROVIDER_KINDS, PROVIDER_PRESETS, resolveProvider } from '../core/providers/index.ts';
import type { ProviderConfig, ResolvedProvider } from '../core/providers/index.ts';
import { badBaseUrlReason, describeEndpoint } from '../teacher/endpoint.ts';

/** VS Code's language models live in the editor's extension host; no CLI can reach them. */
export const VSCODE_PROVIDER = 'vscode';

export const PROVIDER_OPTIONS = {
  provider: { type: 'string' },
  'base-url': { type: 'string' },
  'azure-resource': { type: 'string' },
  'azure-endpoint': { type: 'string' },
  'azure-deployment': { type: 'string' },
  'azure-api-version': { type: 'string' },
} as const;

export const PROVIDER_HELP = `  --provider P              ${PROVIDER_KINDS.join(' | ')} (default: "provider" in seedsmith.jsonc, else openai)
  --base-url URL            the provider's OpenAI-style endpoint (default: the preset's; openai: $OPENAI_BASE_URL or https://api.openai.com/v1)
  --azure-resource NAME     azure-openai: the resource (https://NAME.openai.azure.com), or --azure-endpoint URL
  --azure-deployment NAME   azure-openai: the deployment that serves the model
  --azure-api-version V     azure-openai: the data-plane api-version (default: 2024-10-21)`;

export function keyHelp(): string {
  return `The API key is read from the provider's own variable: ${PROVIDER_KINDS.map((k) => `${k} ${PROVIDER_PRESETS[k].keyEnv.join('/')}`).join(', ')}.`;
}

export interface ProviderFlags {
  readonly provider?: string | undefined;
  readonly 'base-url'?: string | undefined;
  readonly 'azure-resource'?: string | undefined;
  readonly 'azure-endpoint'?: string | undefined;
  readonly 'azure-deployment'?: string | undefined;
  readonly 'azure-api-version'?: string | undefined;
}

export interface ProviderChoice {
  readonly provider: ResolvedProvider;
  /** '' when the provider takes none and none is set. */
  readonly apiKey: string;
  /** Where the key came from (a variable name), or null. Never the key. */
  readonly keySource: string | null;
  /** Where the provider came from, for a person: '--provider', the project file, or the default. */
  readonly source: string;
}

export function chooseProvider(command: string, flags: ProviderFlags, fromProject: ProviderConfig | undefined, projectFile: string | undefined, env: Readonly<Record<string, string | undefined>>, usage: string): ProviderChoice {
  const given = flags.provider?.trim();
  if (given === VSCODE_PROVIDER) {
    throw new InputError(`${command}: VS Code's language models (Copilot's, or any extension's) can only be used inside VS Code: the CLI has no access to them. Choose an HTTP provider: ${PROVIDER_KINDS.join(', ')}.`);
  }
  if (given !== undefined && !isProviderKind(given)) throw new UsageError(`${command}: --provider must be one of ${PROVIDER_KINDS.join(', ')}; got "${given}".`, usage);
  const azureFlags = Boolean(flags['azure-resource'] || flags['azure-endpoint'] || flags['azure-deployment'] || flags['azure-api-version']);
  let config: ProviderConfig;
  let source: string;
  if (given !== undefined) {
    config = { kind: given };
    source = '--provider';
  } else if (fromProject !== undefined) {
    config = fromProject;
    source = projectFile ?? 'seedsmith.jsonc';
  } else {
    // Before providers existed the CLI spoke to $OPENAI_BASE_URL with $OPENAI_API_KEY: kept.
    config = { kind: azureFlags ? 'azure-openai' : 'openai', ...(env['OPENAI_BASE_URL'] && !azureFlags ? { baseUrl: env['OPENAI_BASE_URL'] } : {}) };
    source = 'default';
  }
  if (azureFlags && config.kind !== 'azure-openai') throw new UsageError(`${command}: the --azure-* flags need --provider azure-openai (the provider is ${config.kind}).`, usage);
  config = {
    ...config,
    ...(flags['base-url'] ? { baseUrl: flags['base-url'] } : {}),
    ...(flags['azure-resource'] ? { resource: flags['azure-resource'] } : {}),
    ...(flags['azure-endpoint'] ? { endpoint: flags['azure-endpoint'] } : {}),
    ...(flags['azure-deployment'] ? { deployment: flags['azure-deployment'] } : {}),
    ...(flags['azure-api-version'] ? { apiVersion: flags['azure-api-version'] } : {}),
  };
  const resolved = resolveProvider(config);
  if (!resolved.ok) throw new InputError(`${command}: ${resolved.message.replace(/"(\w+)"/g, (_, key: string) => flagFor(key))}`);
  const { provider } = resolved;
  // Before anything is opened or reserved: an endpoint that cannot be used creates nothing.
  const bad = badBaseUrlReason(provider.baseUrl);
  if (bad !== null) throw new InputError(`${command}: ${bad}`);
  const keySource = provider.preset.keyEnv.find((name) => (env[name] ?? '') !== '') ?? null;
  const apiKey = keySource === null ? '' : (env[keySource] ?? '');
  if (apiKey === '' && provider.preset.keyRequired) {
    throw new InputError(`${command}: ${provider.preset.keyEnv.join(' or ')} is not set; export the key for ${describeEndpoint(provider.azure?.endpoint ?? provider.baseUrl)} (${provider.preset.label}).`);
  }
  return { provider, apiKey, keySource, source };
}

function flagFor(key: string): string {
  const flags: Record<string, string> = { baseUrl: '--base-url', resource: '--azure-resource', endpoint: '--azure-endpoint', deployment: '--azure-deployment' };
  return flags[key] ?? `"${key}"`;
}
