// Provider presets, their resolution, and the provider key of seedsmith.jsonc.
export { DEFAULT_AZURE_API_VERSION, isProviderKind, PROVIDER_KINDS, PROVIDER_PRESETS } from './presets.ts';
export type { JsonSchemaSupport, ModelListing, ProviderKind, ProviderPreset } from './presets.ts';
export { resolveProvider } from './provider.ts';
export type { AzureTarget, ProviderConfig, ResolvedProvider, ResolveResult } from './provider.ts';
export { readProjectProvider } from './projectProvider.ts';
export type { ProjectProvider, ProviderSettingProblem } from './projectProvider.ts';
