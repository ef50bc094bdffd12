// Puts every bad line of the selected seed file into the Problems panel at its line and column,
// and every warning (a repeated question, an odd shape) as a warning.
import * as vscode from 'vscode';
import type { SeedDiagnostic } from '../core/seeds/index.ts';
import { DiagnosticSource } from './ids.ts';
import type { SeedFileState } from './seedFileController.ts';

export class SeedDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('seedsmith');
  private shownFor: vscode.Uri | undefined;

  update(state: SeedFileState): void {
    if (state.kind === 'loading') return; // keep the old marks until the new read lands
    if (this.shownFor) this.collection.delete(this.shownFor);
    this.shownFor = undefined;
    if (state.kind !== 'loaded') return;
    const { errors, warnings } = state.index;
    this.collection.set(state.uri, [
      ...errors.map((diagnostic) => toDiagnostic(diagnostic, vscode.DiagnosticSeverity.Error)),
      ...warnings.map((diagnostic) => toDiagnostic(diagnostic, vscode.DiagnosticSeverity.Warning)),
    ]);
    this.shownFor = state.uri;
  }

  dispose(): void {
    this.collection.dispose();
  }
}

function toDiagnostic(source: SeedDiagnostic, severity: vscode.DiagnosticSeverity): vscode.Diagnostic {
  // The core counts lines and columns from 1 (as people and `file:line:col` do); VS Code from 0.
  const line = source.line - 1;
  const start = Math.max(0, source.column - 1);
  const end = Math.max(start + 1, (source.endColumn ?? source.column + 1) - 1);
  const diagnostic = new vscode.Diagnostic(new vscode.Range(line, start, line, end), source.message, severity);
  diagnostic.source = DiagnosticSource;
  diagnostic.code = source.code;
  return diagnostic;
}
