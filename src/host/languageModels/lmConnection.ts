// "Test connection" for VS Code's language models: which models are there (no request is sent,
// no budget is used), whether the teacher and augmenter settings name one of them, and, when
// there are none, what to install or configure.
import * as vscode from 'vscode';

/** What a sample's lineage names as the endpoint of a VS Code language model. */
export const VSCODE_LM_ENDPOINT = 'vscode-lm';

/** The empty state: what to install or configure when VS Code has no language model. */
export function noLanguageModels(): string {
  return vscode.l10n.t('No VS Code language models are available. Install and sign in to GitHub Copilot Chat, or an extension that provides language models; or choose another provider in seedsmith.teacher.provider.');
}

export interface LanguageModelsConnection {
  readonly state: 'ok' | 'failed';
  readonly message: string;
}

export async function languageModelsConnection(wanted: readonly string[]): Promise<LanguageModelsConnection> {
  const models = await vscode.lm.selectChatModels();
  if (models.length === 0) {
    return { state: 'failed', message: noLanguageModels() };
  }
  const names = new Set(models.flatMap((m) => [m.id, m.family]));
  const missing = [...new Set(wanted.filter((m) => m !== '' && !names.has(m)))];
  const listed = models.map((m) => `${m.id} (${m.vendor}/${m.family})`).join(', ');
  if (missing.length > 0) return { state: 'failed', message: vscode.l10n.t('VS Code has {0} language models ({1}), but none named {2}.', models.length, listed, missing.join(', ')) };
  return { state: 'ok', message: vscode.l10n.t('VS Code has {0} language models (no budget used): {1}.', models.length, listed) };
}
