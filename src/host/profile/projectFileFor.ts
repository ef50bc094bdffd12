// The project file (seedsmith.jsonc, or the file the setting `seedsmith.prompts.overridesFile`
// names) that applies to a seed file: prompt overrides, the answer kind and the SQL database.
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { findProjectFile } from '../../node/projectFile.ts';

/** Absolute, or in the seed file's workspace folder (else beside the seeds or above). */
export function projectFileFor(seedFile: vscode.Uri, setting: string): string | undefined {
  if (path.isAbsolute(setting)) return existsSync(setting) ? setting : undefined;
  const folder = vscode.workspace.getWorkspaceFolder(seedFile);
  if (folder) {
    const inFolder = path.join(folder.uri.fsPath, setting);
    return existsSync(inFolder) ? inFolder : undefined;
  }
  return findProjectFile(seedFile.fsPath);
}
