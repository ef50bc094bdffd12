// The endpoints people use most, each one choice with its defaults and the quirks the teacher
// client must handle. Pure data: src/teacher turns a resolved provider into a client, the CLI and
// the host read it to name env variables and secrets.

export const PROVIDER_KINDS = ['openai', 'azure-openai', 'ollama', 'vllm', 'lm-studio', 'custom'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/**
 * How structured output is asked for. Either way a 400 that refuses response_format (released,
 * never spent) sends the request again without it, and from then on the prompts' own
 * instructions and the tolerant parser do the job (an older model may refuse it anywhere):
 * - native: the provider documents json_schema: every request sends it from the start.
 * - probe: the first structured request finds out while the others wait. Local servers differ by
 *   version, so they are probed, not trusted.
 */
export type JsonSchemaSupport = 'native' | 'probe';

/** How the models of an endpoint are found: GET /models, or not at all (Azure lists no deployments to a key). */
export type ModelListing = 'models-endpoint' | 'none';

export interface ProviderPreset {
  readonly kind: ProviderKind;
  /** The name people know it by. */
  readonly label: string;
  /** The base URL when none is given ('' when the provider needs one: custom; Azure builds it from the resource). */
  readonly defaultBaseUrl: string;
  /** Whether requests fail without a key (local servers take none by default). */
  readonly keyRequired: boolean;
  /** Environment variables the CLI reads the key from, first found wins. Never another provider's. */
  readonly keyEnv: readonly string[];
  readonly jsonSchema: JsonSchemaSupport;
  /**
   * Whether the `seed` sampling parameter makes a sample repeatable. Where it is not honoured it is
   * not sent (some servers reject unknown parameters); samples still differ by temperature, and the
   * cache key still holds the seed, so a re-run never buys a completion twice.
   */
  readonly honoursSeed: boolean;
  readonly modelListing: ModelListing;
  /** Which field carries the token limit ('auto': max_completion_tokens at api.openai.com only). */
  readonly maxTokensField: 'auto' | 'max_tokens' | 'max_completion_tokens';
}

export const PROVIDER_PRESETS: Readonly<Record<ProviderKind, ProviderPreset>> = {
  openai: {
    kind: 'openai',
    label: 'OpenAI',
    defaultBaseUrl: 'https://api.openai.com/v1',
    keyRequired: true,
    keyEnv: ['OPENAI_API_KEY'],
    jsonSchema: 'native',
    honoursSeed: true,
    modelListing: 'models-endpoint',
    maxTokensField: 'auto',
  },
  'azure-openai': {
    kind: 'azure-openai',
    label: 'Azure OpenAI',
    defaultBaseUrl: '',
    keyRequired: true,
    keyEnv: ['AZURE_OPENAI_API_KEY'],
    // Structured outputs need api-version 2024-08-01-preview or later; the default below has them.
    jsonSchema: 'native',
    honoursSeed: true,
    modelListing: 'none',
    maxTokensField: 'max_completion_tokens',
  },
  ollama: {
    kind: 'ollama',
    label: 'Ollama',
    defaultBaseUrl: 'http://127.0.0.1:11434/v1',
    keyRequired: false,
    keyEnv: ['OLLAMA_API_KEY'],
    jsonSchema: 'probe',
    honoursSeed: true,
    modelListing: 'models-endpoint',
    maxTokensField: 'max_tokens',
  },
  vllm: {
    kind: 'vllm',
    label: 'vLLM',
    defaultBaseUrl: 'http://127.0.0.1:8000/v1',
    keyRequired: false,
    keyEnv: ['VLLM_API_KEY'],
    jsonSchema: 'probe',
    honoursSeed: true,
    modelListing: 'models-endpoint',
    maxTokensField: 'max_tokens',
  },
  'lm-studio': {
    kind: 'lm-studio',
    label: 'LM Studio',
    defaultBaseUrl: 'http://127.0.0.1:1234/v1',
    keyRequired: false,
    keyEnv: ['LM_STUDIO_API_KEY'],
    jsonSchema: 'probe',
    // Its llama.cpp backend takes `seed`, but a loaded model may be shared and reloaded between
    // requests: repeatability is not promised, so it is not relied on.
    honoursSeed: false,
    modelListing: 'models-endpoint',
    maxTokensField: 'max_tokens',
  },
  custom: {
    kind: 'custom',
    label: 'OpenAI-compatible URL',
    defaultBaseUrl: '',
    keyRequired: false,
    keyEnv: ['SEEDSMITH_API_KEY'],
    jsonSchema: 'probe',
    honoursSeed: false,
    modelListing: 'models-endpoint',
    maxTokensField: 'max_tokens',
  },
};

/** The Azure OpenAI data-plane version used when none is given: GA, with structured outputs. */
export const DEFAULT_AZURE_API_VERSION = '2024-10-21';

export function isProviderKind(value: unknown): value is ProviderKind {
  return typeof value === 'string' && (PROVIDER_KINDS as readonly string[]).includes(value);
}
