// The provider a run in the editor uses: seedsmith.jsonc's "provider" when the project file names
// one (as for the CLI), else the settings'. Resolved with the preset's defaults; anything that
// cannot be used is a sentence with the setting or file:line:col to fix, and nothing is sent.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { readProjectProvider, resolveProvider } from '../../core/providers/index.ts';
import type { ResolvedProvider } from '../../core/providers/index.ts';
import { describeEndpoint } from '../../teacher/endpoint.ts';
import type { KeyTarget } from '../secrets.ts';
import type { Settings } from '../settings.ts';

export type HostProvider =
  | { readonly ok: true; readonly kind: 'http'; readonly provider: ResolvedProvider; readonly target: KeyTarget; readonly source: string }
  /** VS Code's language models: no URL, no key (the settings chose them; a project file names HTTP providers only). */
  | { readonly ok: true; readonly kind: 'vscode'; readonly source: string }
  | { readonly ok: false; readonly message: string; readonly source: string };

export async function hostProvider(settings: Settings, projectFile: string | undefined): Promise<HostProvider> {
  let config = settings.provider ?? { kind: 'openai', baseUrl: settings.baseUrl };
  let source = 'settings';
  if (projectFile !== undefined && existsSync(projectFile)) {
    const read = readProjectProvider(await readFile(projectFile, 'utf8'));
    if (read.errors.length > 0) return { ok: false, source: projectFile, message: read.errors.map((e) => `${projectFile}:${e.line}:${e.column}: ${e.message}`).join(' ') };
    if (read.provider !== undefined) {
      config = read.provider;
      source = projectFile;
    }
  }
  if (source === 'settings' && settings.useVsCodeModels === true) return { ok: true, kind: 'vscode', source };
  const resolved = resolveProvider(config);
  if (!resolved.ok) return { ok: false, source, message: resolved.message };
  const { provider } = resolved;
  const label = `${provider.preset.label} at ${describeEndpoint(provider.azure?.endpoint ?? provider.baseUrl)}`;
  return { ok: true, kind: 'http', provider, target: { secretId: provider.secretId, label }, source };
}
