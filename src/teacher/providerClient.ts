// A chat client for a resolved provider: the preset's quirks (Azure routing, structured output,
// seed, token-limit field) applied to the one HTTP client every provider shares, so metering,
// retries and error words are the same whichever endpoint answers.
import type { ResolvedProvider } from '../core/providers/provider.ts';
import type { ChatClientConfig, TeacherChatClient } from './chatClient.ts';
import { createChatClient } from './chatClient.ts';

export interface ProviderClientConfig extends Omit<ChatClientConfig, 'baseURL' | 'azure' | 'sendSeed' | 'maxTokensField' | 'structuredOutput'> {
  readonly provider: ResolvedProvider;
}

export type ProviderChatClient = TeacherChatClient;

export function createProviderClient(config: ProviderClientConfig): ProviderChatClient {
  const { provider, ...rest } = config;
  return createChatClient({
    ...rest,
    baseURL: provider.baseUrl,
    azure: provider.azure,
    sendSeed: provider.honoursSeed,
    maxTokensField: provider.preset.maxTokensField,
    structuredOutput: provider.jsonSchema,
  });
}
