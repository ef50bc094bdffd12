// Entry point: wires the seed file, the sidebar, the Problems panel and the status bar together.
// State lives in the controllers; the views only render it.
import * as vscode from 'vscode';
import type { SeedSmithApi } from './api.ts';
import { CommandId, ViewId } from './ids.ts';
import { pickSeedFile } from './pickSeedFile.ts';
import { SeedDiagnostics } from './seedDiagnostics.ts';
import { SeedFileController } from './seedFileController.ts';
import { onDidChangeSettings, readSettings } from './settings.ts';
import { buildSidebarSnapshot } from './sidebarSnapshot.ts';
import { SidebarView } from './sidebarView.ts';
import { SpendStatusBar } from './statusBar.ts';

export function activate(context: vscode.ExtensionContext): SeedSmithApi {
  const log = vscode.window.createOutputChannel('SeedSmith', { log: true });
  const seedFile = new SeedFileController(context.workspaceState);
  const diagnostics = new SeedDiagnostics();
  const statusBar = new SpendStatusBar();
  let settings = readSettings();
  // Spend is 0 until the generation engine lands; the ledger will feed this.
  const teacherSpent = () => 0;

  const snapshot = () => buildSidebarSnapshot({ seedFile: seedFile.current, teacherLimit: settings.teacherQueryBudget, teacherSpent: teacherSpent() });

  const selectSeedFile = async (uri?: vscode.Uri) => {
    const chosen = uri instanceof vscode.Uri ? uri : await pickSeedFile();
    if (!chosen) return;
    const state = await seedFile.select(chosen);
    if (state.kind === 'loaded') {
      const { valid } = state.index.stats;
      log.info(`Selected ${chosen.toString()}: ${valid} valid seeds, ${state.index.errors.length} bad lines.`);
      if (valid === 0) void vscode.window.showWarningMessage(vscode.l10n.t('{0} has no valid seed. See the Problems panel for each bad line.', chosen.path.split('/').pop() ?? ''));
    } else if (state.kind === 'failed') {
      void vscode.window.showErrorMessage(vscode.l10n.t('SeedSmith could not read {0}: {1}', chosen.fsPath, state.message));
    }
  };

  const revealLine = async (line: number) => {
    const state = seedFile.current;
    if (state.kind !== 'loaded') return;
    const editor = await vscode.window.showTextDocument(state.uri, { preview: false });
    const position = new vscode.Position(Math.max(0, line - 1), 0);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  };

  const sidebar = new SidebarView(context.extensionUri, snapshot, { selectSeedFile: () => selectSeedFile(), revealLine }, log);

  const render = () => {
    statusBar.update({ spent: teacherSpent(), limit: settings.teacherQueryBudget });
    sidebar.refresh();
  };

  context.subscriptions.push(
    log,
    seedFile,
    diagnostics,
    statusBar,
    sidebar,
    vscode.window.registerWebviewViewProvider(ViewId.sidebar, sidebar),
    vscode.commands.registerCommand(CommandId.selectSeedFile, selectSeedFile),
    vscode.commands.registerCommand(CommandId.showSidebar, () => vscode.commands.executeCommand(`${ViewId.sidebar}.focus`)),
    seedFile.onDidChange((state) => {
      diagnostics.update(state);
      render();
    }),
    onDidChangeSettings((next) => {
      settings = next;
      render();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(render),
  );

  render();
  void seedFile.restore();

  return {
    statusBarText: () => statusBar.text,
    sidebarSnapshot: snapshot,
    sidebarHtml: () => sidebar.html,
    sidebarReady: () => sidebar.isReady,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
