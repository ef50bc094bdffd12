// What every extension-host test reaches SeedSmith through: its API (activating it), its
// settings, and the workspace folder the runner opened.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SeedSmithApi } from '../../../src/host/api.ts';

export const EXTENSION_ID = 'seedsmith.seedsmith';

export async function api(): Promise<SeedSmithApi> {
  const extension = vscode.extensions.getExtension<SeedSmithApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this VS Code`);
  return extension.activate();
}

export const workspaceDir = (): string => process.env['SEEDSMITH_TEST_WORKSPACE'] ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';

export const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('seedsmith');
