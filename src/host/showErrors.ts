// A decision the person could not make is shown, never swallowed.
import * as vscode from 'vscode';

export async function showingErrors(action: () => Promise<void> | void): Promise<void> {
  try {
    await action();
  } catch (error) {
    void vscode.window.showErrorMessage(`SeedSmith: ${error instanceof Error ? error.message : String(error)}`);
  }
}
