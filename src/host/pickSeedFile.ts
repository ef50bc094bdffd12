// Lets the person choose a seed file: the workspace's .jsonl files in a quick pick (fast, and
// keyboard-friendly), with "Browse…" for a file anywhere else.
import * as vscode from 'vscode';

interface FileItem extends vscode.QuickPickItem {
  readonly uri?: vscode.Uri;
}

const MAX_LISTED_FILES = 500;

export async function pickSeedFile(): Promise<vscode.Uri | undefined> {
  const files = vscode.workspace.workspaceFolders
    ? await vscode.workspace.findFiles('**/*.jsonl', '{**/node_modules/**,**/.seedsmith/**}', MAX_LISTED_FILES)
    : [];
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
