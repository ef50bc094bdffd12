// A chat client for a resolved provider: the preset's quirks (Azure routing, structured output,
// seed, token-limit field) applied to the one HTTP client every provider shares, so metering,
// retries and error words are the same whichever endpoint answers.
import type { ResolvedProvider } from '../core/providers/provider.ts';
import type { ChatClientConfig, TeacherChatClient } from './chatClient.ts';
import { createChatClient } from './chatClient.ts';
import type { StructuredOutputVerdict } from './structuredOutput.ts';
import { withStructuredOutput } from './structuredOutput.ts';

export interface ProviderClientConfig extends Omit<ChatClientConfig, 'baseURL' | 'azure' | 'sendSeed' | 'maxTokensField'> {
  readonly provider: ResolvedProvider;
}

export interface ProviderChatClient extends TeacherChatClient {
  /** Whether the endpoint has been found to take response_format json_schema. */
  structuredOutput(): StructuredOutputVerdict;
}

export function createProviderClient(config: ProviderClientConfig): ProviderChatClient {
  const { provider, ...rest } = config;
  const base = createChatClient({
    ...rest,
    baseURL: provider.baseUrl,
    azure: provider.azure,
    sendSeed: provider.honoursSeed,
    maxTokensField: provider.preset.maxTokensField,
  });
  const wrapped = withStructuredOutput(base, provider.jsonSchema);
  return { ...wrapped.client, structuredOutput: wrapped.verdict };
}
