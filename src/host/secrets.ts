// API keys live in SecretStorage only: never in settings, logs, the journal, exports or the
// webview. This is the one module that touches them. One secret per provider and endpoint
// (ResolvedProvider.secretId), so a key set for one endpoint is never sent to another: switching
// provider or URL asks for that endpoint's own key.
import * as vscode from 'vscode';

/** Which secret: the provider and endpoint it is for, and how to name it to a person. */
export interface KeyTarget {
  readonly secretId: string;
  /** e.g. "vLLM at http://127.0.0.1:8000/v1". */
  readonly label: string;
}

/** The single key of versions before providers; moved to the endpoint it was used with, once. */
const LEGACY_KEY = 'seedsmith.apiKey';
const PREFIX = 'seedsmith.apiKey/';

export class ApiKeyStore {
  private readonly secrets: vscode.SecretStorage;
  private readonly cached = new Map<string, string | undefined>();
  readonly onDidChange: vscode.Event<vscode.SecretStorageChangeEvent>;

  constructor(secrets: vscode.SecretStorage) {
    this.secrets = secrets;
    this.onDidChange = secrets.onDidChange;
    secrets.onDidChange((event) => this.cached.delete(event.key));
  }

  async get(target: KeyTarget): Promise<string | undefined> {
    const name = PREFIX + target.secretId;
    if (!this.cached.has(name)) this.cached.set(name, (await this.secrets.get(name)) ?? (await this.adoptLegacy(name, target)));
    return this.cached.get(name);
  }

  async has(target: KeyTarget): Promise<boolean> {
    return (await this.get(target)) !== undefined;
  }

  /** Asks for the key in a password box; returns whether one was stored. */
  async prompt(target: KeyTarget): Promise<boolean> {
    const value = await vscode.window.showInputBox({
      title: vscode.l10n.t('SeedSmith: Set API Key'),
      prompt: vscode.l10n.t('The key for {0}. It is kept in VS Code\'s secret storage, never in settings, and sent only to this endpoint.', target.label),
      password: true,
      ignoreFocusOut: true,
      validateInput: (input) => (input.trim() === '' ? vscode.l10n.t('Enter a key (any text for a local endpoint that needs none).') : undefined),
    });
    if (value === undefined) return false;
    await this.store(target, value.trim());
    return true;
  }

  async store(target: KeyTarget, value: string): Promise<void> {
    const name = PREFIX + target.secretId;
    await this.secrets.store(name, value);
    this.cached.set(name, value);
  }

  async clear(target: KeyTarget): Promise<void> {
    const name = PREFIX + target.secretId;
    await this.secrets.delete(name);
    this.cached.set(name, undefined);
  }

  /**
   * The pre-provider key was for OpenAI's API or the one base URL then set: it is moved to the
   * OpenAI-preset endpoint asked for first and deleted, so it cannot follow a later switch.
   */
  private async adoptLegacy(name: string, target: KeyTarget): Promise<string | undefined> {
    if (!target.secretId.startsWith('openai ')) return undefined;
    const legacy = await this.secrets.get(LEGACY_KEY);
    if (legacy === undefined) return undefined;
    await this.secrets.store(name, legacy);
    await this.secrets.delete(LEGACY_KEY);
    return legacy;
  }
}
