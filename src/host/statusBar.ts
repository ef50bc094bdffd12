// The status bar item: teacher queries spent against the budget, always visible; a click opens
// the sidebar.
import * as vscode from 'vscode';
import { CommandId } from './ids.ts';

export interface SpendView {
  readonly spent: number;
  readonly limit: number;
}

export class SpendStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('seedsmith.spend', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = vscode.l10n.t('SeedSmith teacher queries');
    this.item.command = CommandId.showSidebar;
    this.item.show();
  }

  get text(): string {
    return this.item.text;
  }

  update({ spent, limit }: SpendView): void {
    this.item.text = `$(beaker) ${vscode.l10n.t('teacher queries {0} / {1}', spent, limit)}`;
    this.item.tooltip = vscode.l10n.t('SeedSmith: {0} of {1} teacher queries spent. Click to open the sidebar.', spent, limit);
    this.item.accessibilityInformation = { label: vscode.l10n.t('{0} of {1} teacher queries spent', spent, limit), role: 'button' };
  }

  dispose(): void {
    this.item.dispose();
  }
}
