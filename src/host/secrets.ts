// The API key lives in SecretStorage only: never in settings, logs, the journal, exports or the
// webview. This is the one module that touches it.
import * as vscode from 'vscode';

const KEY = 'seedsmith.apiKey';

export class ApiKeyStore {
  private readonly secrets: vscode.SecretStorage;
  private cached: string | undefined;
  readonly onDidChange: vscode.Event<vscode.SecretStorageChangeEvent>;

  constructor(secrets: vscode.SecretStorage) {
    this.secrets = secrets;
    this.onDidChange = secrets.onDidChange;
    secrets.onDidChange((event) => {
      if (event.key === KEY) this.cached = undefined;
    });
  }

  async get(): Promise<string | undefined> {
    this.cached ??= await this.secrets.get(KEY);
    return this.cached;
  }

  async has(): Promise<boolean> {
    return (await this.get()) !== undefined;
  }

  /** Asks for the key in a password box; returns whether one was stored. */
  async prompt(): Promise<boolean> {
    const value = await vscode.window.showInputBox({
      title: vscode.l10n.t('SeedSmith: Set API Key'),
      prompt: vscode.l10n.t('The key for your OpenAI-compatible endpoint. It is kept in VS Code\'s secret storage, never in settings.'),
      password: true,
      ignoreFocusOut: true,
      validateInput: (input) => (input.trim() === '' ? vscode.l10n.t('Enter a key (any text for a local endpoint that needs none).') : undefined),
    });
    if (value === undefined) return false;
    await this.store(value.trim());
    return true;
  }

  async store(value: string): Promise<void> {
    await this.secrets.store(KEY, value);
    this.cached = value;
  }

  async clear(): Promise<void> {
    await this.secrets.delete(KEY);
    this.cached = undefined;
  }
}
