// "SeedSmith: Export Accepted Samples": choose a format and a file; the accepted samples (edited
// text where edited) are validated, written atomically, with the lineage sidecar beside them.
import * as vscode from 'vscode';
import type { CheckResult } from '../core/checks/index.ts';
import { buildExport } from '../core/export/buildExport.ts';
import { EXPORT_FORMATS, takesSystemPrompt, type ExportFormat } from '../core/export/formats.ts';
import type { SessionState } from '../core/journal/state.ts';
import { defaultExportName } from '../hostLogic/seedCandidates.ts';
import { lineagePathFor, writeExportFiles } from '../node/exportFiles.ts';

const FORMAT_LABELS: Record<ExportFormat, string> = {
  'openai-chat': 'OpenAI chat fine-tuning ({"messages": [...]})',
  alpaca: 'Alpaca ({"instruction", "input", "output"})',
  sharegpt: 'ShareGPT ({"conversations": [...]})',
  qa: 'Question/answer ({"question", "answer"})',
};

export async function exportAcceptedSamples(state: SessionState, seedFile: vscode.Uri | undefined, checks: ReadonlyMap<string, readonly CheckResult[]>, log: vscode.LogOutputChannel): Promise<void> {
  if (state.counts.accepted === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('SeedSmith: no accepted samples to export yet. Accept some in the review queue first.'));
    return;
  }
  const picked = await vscode.window.showQuickPick(
    EXPORT_FORMATS.map((format) => ({ label: format, description: FORMAT_LABELS[format], format })),
    { title: vscode.l10n.t('SeedSmith: Export {0} Accepted Samples', state.counts.accepted), placeHolder: vscode.l10n.t('Training file format') },
  );
  if (!picked) return;
  let system: string | undefined;
  if (takesSystemPrompt(picked.format)) {
    system = await vscode.window.showInputBox({ title: vscode.l10n.t('System prompt (optional)'), prompt: vscode.l10n.t('Added as the first turn of every line; leave empty for none.') });
    if (system === undefined) return;
  }
  // Named `<seed>.<format>.export.jsonl`, so neither a person nor the seed picker takes it for seeds.
  const defaultUri = seedFile ? vscode.Uri.joinPath(seedFile, '..', defaultExportName(seedFile.path, picked.format)) : undefined;
  const target = await vscode.window.showSaveDialog({ title: vscode.l10n.t('Export training data'), filters: { 'JSON Lines': ['jsonl'] }, ...(defaultUri ? { defaultUri } : {}) });
  if (!target) return;
  if (target.scheme !== 'file') {
    void vscode.window.showErrorMessage(vscode.l10n.t('SeedSmith exports to files on this computer.'));
    return;
  }
  if (seedFile && target.toString() === seedFile.toString()) {
    void vscode.window.showErrorMessage(vscode.l10n.t('That is the seed file: choose another name, nothing was written.'));
    return;
  }
  const build = buildExport(state, { format: picked.format, ...(system ? { system } : {}), checks });
  if (build.problems.length > 0) {
    void vscode.window.showErrorMessage(vscode.l10n.t('SeedSmith: {0} lines would not be valid {1}; nothing was written. First: {2}', build.problems.length, picked.format, build.problems[0]?.problem ?? ''));
    return;
  }
  const written = await writeExportFiles(target.fsPath, build);
  log.info(`Exported ${build.counts.lines} lines (${picked.format}) to ${written.out}, lineage in ${written.lineage}.`);
  const open = vscode.l10n.t('Open');
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('SeedSmith: exported {0} samples to {1} (lineage: {2}).', build.counts.lines, target.fsPath, lineagePathFor(target.fsPath)), open);
  if (choice === open) await vscode.window.showTextDocument(target);
}
