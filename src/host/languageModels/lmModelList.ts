// The VS Code language models the Teacher section offers while the provider is "vscode", kept
// current through lm.onDidChangeChatModels. Listing sends no request and uses no budget; the
// first request (which is when VS Code asks the person to allow SeedSmith) only ever follows
// their Generate or Test connection.
import * as vscode from 'vscode';
import type { LanguageModelsView } from '../../shared/protocol.ts';
import { noLanguageModels } from './lmConnection.ts';

export class LanguageModelList implements vscode.Disposable {
  private models: LanguageModelsView['models'] = [];
  private active = false;
  /** Each refresh gets a number: an older listing that answers late does not replace a newer one. */
  private generation = 0;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.lm.onDidChangeChatModels(() => {
      if (this.active) void this.refresh();
    });
  }

  /** Lists the models while `use` is true (the provider is "vscode"); forgets them otherwise. */
  setActive(use: boolean): void {
    if (use === this.active) return;
    this.active = use;
    this.models = [];
    if (use) void this.refresh();
    else this.changed.fire();
  }

  /** Null while the provider is not "vscode": the section then shows the HTTP endpoint's facts. */
  view(): LanguageModelsView | null {
    if (!this.active) return null;
    return {
      models: this.models,
      empty: this.models.length > 0 ? null : noLanguageModels(),
    };
  }

  async refresh(): Promise<void> {
    const mine = ++this.generation;
    let listed: readonly vscode.LanguageModelChat[] = [];
    try {
      listed = await vscode.lm.selectChatModels();
    } catch {
      // No listing is the empty state: it says what to install.
    }
    if (mine !== this.generation || !this.active) return;
    const named = (name: string) => listed.filter((m) => m.name === name).length;
    this.models = listed.map((m) => ({ id: m.id, label: named(m.name) > 1 ? `${m.name} (${m.vendor})` : m.name, detail: `${m.vendor}/${m.family}` }));
    this.changed.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
