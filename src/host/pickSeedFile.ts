// Lets the person choose a seed file: the workspace's .jsonl files in a quick pick (fast, and
// keyboard-friendly), with "Browse…" for a file anywhere else. Exports and their lineage
// sidecars are .jsonl files too; they are left out (src/hostLogic/seedCandidates.ts).
import { open } from 'node:fs/promises';
import * as vscode from 'vscode';
import { isLineageLine, notSeedFiles } from '../hostLogic/seedCandidates.ts';

interface FileItem extends vscode.QuickPickItem {
  readonly uri?: vscode.Uri;
}

const MAX_LISTED_FILES = 500;

export async function pickSeedFile(): Promise<vscode.Uri | undefined> {
  let files = vscode.workspace.workspaceFolders
    ? await vscode.workspace.findFiles('**/*.jsonl', '{**/node_modules/**,**/.seedsmith/**}', MAX_LISTED_FILES)
    : [];
  const byName = notSeedFiles(files.map((uri) => uri.path));
  const kept = files.filter((uri) => !byName.has(uri.path));
  const sidecars = await Promise.all(kept.map((uri) => isRenamedSidecar(uri)));
  files = kept.filter((_, i) => !sidecars[i]);
  files.sort((a, b) => a.path.localeCompare(b.path));
  const browse: FileItem = { label: `$(folder-opened) ${vscode.l10n.t('Browse…')}`, alwaysShow: true };
  const items: FileItem[] = [
    ...files.map((uri) => ({ label: `$(file) ${uri.path.slice(uri.path.lastIndexOf('/') + 1)}`, description: vscode.workspace.asRelativePath(uri, true), uri })),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    browse,
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('SeedSmith: Select Seed File'),
    placeHolder: files.length > 0 ? vscode.l10n.t('Choose a JSONL file of seed question/answer pairs') : vscode.l10n.t('No .jsonl files in this workspace: browse for one'),
    matchOnDescription: true,
  });
  if (!picked) return undefined;
  if (picked.uri) return picked.uri;
  const chosen = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: vscode.l10n.t('Use as seed file'),
    filters: { [vscode.l10n.t('JSON Lines')]: ['jsonl'], [vscode.l10n.t('All files')]: ['*'] },
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return chosen?.[0];
}

const FIRST_BYTES = 4096;

/** A lineage sidecar under another name still starts with a lineage record: read its first line. */
async function isRenamedSidecar(uri: vscode.Uri): Promise<boolean> {
  if (uri.scheme !== 'file') return false;
  try {
    const handle = await open(uri.fsPath, 'r');
    try {
      const buffer = Buffer.alloc(FIRST_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, FIRST_BYTES, 0);
      const firstLine = buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
      return isLineageLine(firstLine);
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}
