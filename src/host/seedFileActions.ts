// Choosing a seed file and jumping to one of its lines, from the sidebar or a command.
import * as vscode from 'vscode';
import type { GenerationController } from './generation/generationController.ts';
import { pickSeedFile } from './pickSeedFile.ts';
import type { SeedFileController } from './seedFileController.ts';

export async function selectSeedFile(seedFile: SeedFileController, generation: GenerationController, log: vscode.LogOutputChannel, uri?: unknown): Promise<void> {
  const chosen = uri instanceof vscode.Uri ? uri : await pickSeedFile();
  if (!chosen) return;
  if (generation.running) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Stop the run before choosing another seed file.'));
    return;
  }
  const state = await seedFile.select(chosen);
  if (state.kind === 'loaded') {
    const { valid } = state.index.stats;
    log.info(`Selected ${chosen.toString()}: ${valid} valid seeds, ${state.index.errors.length} bad lines.`);
    const name = chosen.path.split('/').pop() ?? '';
    // An empty file has nothing in the Problems panel: say it is empty instead of sending the person there.
    if (valid === 0 && state.index.errors.length > 0) void vscode.window.showWarningMessage(vscode.l10n.t('{0} has no valid seed. See the Problems panel for each bad line.', name));
    else if (valid === 0) void vscode.window.showWarningMessage(vscode.l10n.t('{0} is empty: add one JSON object per line, such as {"question": "…", "answer": "…"}.', name));
  } else if (state.kind === 'failed') {
    void vscode.window.showErrorMessage(vscode.l10n.t('SeedSmith could not read {0}: {1}', chosen.fsPath, state.message));
  }
}

/** Opens the seed file at a 1-based line and column (where a bad line goes wrong). */
export async function revealLine(seedFile: SeedFileController, line: number, column: number): Promise<void> {
  const state = seedFile.current;
  if (state.kind !== 'loaded') return;
  const editor = await vscode.window.showTextDocument(state.uri, { preview: false });
  const position = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
