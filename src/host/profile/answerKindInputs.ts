// Reads what decides a seed file's answer kind and its SQL database: the setting
// `seedsmith.seeds.answerKind` and the project file's "answerKind" and "sql" (hostLogic/answerKindChoice.ts
// decides between them). A project file that cannot be read or has a bad value is reported and
// not used, as for prompt overrides.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import { isAnswerKind, readProfileSettings } from '../../core/profile/index.ts';
import type { AnswerKindInputs } from '../../hostLogic/answerKindChoice.ts';
import type { SqlDatabaseSetting } from '../checks/checksJob.ts';

export interface AnswerSettings extends AnswerKindInputs {
  /** seedsmith.jsonc's "sql.database", resolved against the project file's folder; null when not set. */
  readonly sql: SqlDatabaseSetting | null;
}

export async function readAnswerSettings(projectFile: string | undefined): Promise<AnswerSettings> {
  const value = vscode.workspace.getConfiguration('seedsmith').get<string>('seeds.answerKind');
  const setting = isAnswerKind(value) ? value : 'auto';
  if (projectFile === undefined) return { setting, project: null, sql: null };
  const fileName = path.basename(projectFile);
  let text: string;
  try {
    text = await readFile(projectFile, 'utf8');
  } catch (error) {
    return { setting, project: { fileName, kind: 'auto', problem: vscode.l10n.t('it cannot be read ({0})', (error as NodeJS.ErrnoException).code ?? String(error)) }, sql: null };
  }
  const read = readProfileSettings(text);
  const [first] = read.errors;
  const problem = first ? `${fileName}:${first.line}:${first.column}: ${first.message}` : null;
  const sql = problem === null && read.sqlDatabase !== undefined
    ? { database: path.resolve(path.dirname(projectFile), read.sqlDatabase), ...(read.sqlTimeoutMs !== undefined ? { timeoutMs: read.sqlTimeoutMs } : {}) }
    : null;
  return { setting, project: { fileName, kind: read.answerKind, problem }, sql };
}
