// The status bar item: teacher queries spent against the budget (live during a run) and review
// progress; warning colours from 90 % of the budget; a click opens the sidebar.
import * as vscode from 'vscode';
import type { SpendView } from '../hostLogic/statusView.ts';
import { CommandId } from './ids.ts';

const WARN_AT = 0.9;

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

  get isWarning(): boolean {
    return this.item.backgroundColor !== undefined;
  }

  update(view: SpendView): void {
    const icon = view.running ? '$(sync~spin)' : '$(beaker)';
    const review = view.samples > 0 ? ` · ${vscode.l10n.t('{0} / {1} reviewed', view.reviewed, view.samples)}` : '';
    const spend = view.limit === 0 ? vscode.l10n.t('{0} teacher queries · budget set to 0', view.spent) : vscode.l10n.t('{0} / {1} teacher queries', view.spent, view.limit);
    this.item.text = `${icon} ${spend}${review}`;
    const warn = view.limit > 0 && view.spent >= WARN_AT * view.limit;
    this.item.backgroundColor = warn ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**SeedSmith**\n\n`);
    tooltip.appendMarkdown(`${vscode.l10n.t('Teacher: {0} of {1} queries spent', view.spent, view.limit)}\n\n`);
    tooltip.appendMarkdown(`${vscode.l10n.t('Augmenter: {0} of {1} calls spent', view.augmenterSpent, view.augmenterLimit)}\n\n`);
    if (view.estimate) tooltip.appendMarkdown(`${vscode.l10n.t('Estimate for {0}: {1} teacher queries, {2} augmenter calls', view.estimate.strategy, view.estimate.teacherQueries, view.estimate.augmenterCalls)}\n\n`);
    tooltip.appendMarkdown(`${vscode.l10n.t('Tokens: {0} in, {1} out', view.promptTokens.toLocaleString('en-US'), view.completionTokens.toLocaleString('en-US'))}\n\n`);
    tooltip.appendMarkdown(view.money !== null ? `${vscode.l10n.t('Cost: ${0}', view.money.toFixed(4))}\n\n` : `${vscode.l10n.t('Cost: set seedsmith.pricing to see it')}\n\n`);
    if (view.samples > 0) tooltip.appendMarkdown(`${vscode.l10n.t('Reviewed: {0} of {1} samples', view.reviewed, view.samples)}\n\n`);
    if (view.batches) tooltip.appendMarkdown(`${view.batches.expiresAt ? vscode.l10n.t('Batches in flight: {0} ({1} requests), expiring at {2}', view.batches.inFlight, view.batches.lines, view.batches.expiresAt) : vscode.l10n.t('Batches in flight: {0} ({1} requests)', view.batches.inFlight, view.batches.lines)}\n\n`);
    tooltip.appendMarkdown(vscode.l10n.t('Click to open the sidebar.'));
    tooltip.isTrusted = false;
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: vscode.l10n.t('{0} of {1} teacher queries spent', view.spent, view.limit), role: 'button' };
  }

  dispose(): void {
    this.item.dispose();
  }
}
