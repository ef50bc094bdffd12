// The teacher client's public surface: what src/host and src/cli import.
export type { ChatClientConfig, TeacherChatClient } from './chatClient.ts';
export { createChatClient } from './chatClient.ts';
export type { MaxTokensField } from './chatBody.ts';
export type { TeacherEvent, TeacherEventListener } from './events.ts';
export { PauseCountdown } from './pauseCountdown.ts';
export type { ListModelsConfig } from './listModels.ts';
export { listModels } from './listModels.ts';
export type { FetchLike } from './meteredFetch.ts';
export type { RateSnapshot } from './rateController.ts';
export { describeEndpoint } from './endpoint.ts';
export type { ProviderChatClient, ProviderClientConfig } from './providerClient.ts';
export { createProviderClient } from './providerClient.ts';
export type { ConnectionReport, TestConnectionOptions } from './testConnection.ts';
export { testConnection } from './testConnection.ts';
export type { StructuredOutputVerdict } from './chatClient.ts';
