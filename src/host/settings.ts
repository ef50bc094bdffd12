// Typed access to SeedSmith's settings, and a signal when any of them changes (no reload needed).
import * as vscode from 'vscode';
import { SettingId } from './ids.ts';

export interface Settings {
  readonly teacherQueryBudget: number;
}

const DEFAULT_TEACHER_QUERY_BUDGET = 500;

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SettingId.section);
  const budget = config.get<number>(SettingId.teacherQueries, DEFAULT_TEACHER_QUERY_BUDGET);
  // A hand-edited settings.json can hold anything; a budget is a whole number ≥ 0.
  const teacherQueryBudget = Number.isFinite(budget) && budget >= 0 ? Math.floor(budget) : DEFAULT_TEACHER_QUERY_BUDGET;
  return { teacherQueryBudget };
}

export function onDidChangeSettings(listener: (settings: Settings) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SettingId.section)) listener(readSettings());
  });
}
