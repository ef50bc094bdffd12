// The answer-profile keys of the project file seedsmith.jsonc:
//   { "answerKind": "sql", "sql": { "database": "data/shop.sqlite", "timeoutMs": 5000 } }
// Read apart from the prompt overrides (each reader ignores the other's keys). A value that is not
// usable is reported with line and column and not applied, as for prompt overrides.
import { parseTree } from 'jsonc-parser';
import type { Node } from 'jsonc-parser';
import { positionAt } from '../prompts/textPosition.ts';
import { ANSWER_KINDS, isAnswerKind } from './types.ts';
import type { AnswerKind } from './types.ts';

export interface ProfileSettingProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface ProfileSettings {
  /** auto (or absent): detected from the seeds. */
  readonly answerKind: AnswerKind | 'auto';
  /** A SQLite database for execution matching, as written (relative to the project file). */
  readonly sqlDatabase?: string;
  readonly sqlTimeoutMs?: number;
  readonly errors: readonly ProfileSettingProblem[];
}

export function readProfileSettings(jsoncText: string): ProfileSettings {
  const errors: ProfileSettingProblem[] = [];
  const at = (node: Node, message: string) => errors.push({ ...positionAt(jsoncText, node.offset), message });
  // Syntax errors are the prompt reader's to report (one message per problem, not two).
  const root = parseTree(jsoncText, [], { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  let answerKind: AnswerKind | 'auto' = 'auto';
  let sqlDatabase: string | undefined;
  let sqlTimeoutMs: number | undefined;
  if (root?.type === 'object') {
    const kindNode = propertyValue(root, 'answerKind');
    if (kindNode !== undefined) {
      if (kindNode.value === 'auto' || isAnswerKind(kindNode.value)) answerKind = kindNode.value;
      else at(kindNode, `"answerKind" must be "auto" or one of ${ANSWER_KINDS.map((k) => `"${k}"`).join(', ')}.`);
    }
    const sqlNode = propertyValue(root, 'sql');
    if (sqlNode !== undefined && sqlNode.type !== 'object') at(sqlNode, '"sql" must be an object such as {"database": "shop.sqlite"}.');
    else if (sqlNode !== undefined) {
      const database = propertyValue(sqlNode, 'database');
      if (database !== undefined) {
        if (database.type === 'string' && String(database.value).trim() !== '') sqlDatabase = String(database.value);
        else at(database, '"sql.database" must be the path of a SQLite file.');
      }
      const timeout = propertyValue(sqlNode, 'timeoutMs');
      if (timeout !== undefined) {
        if (timeout.type === 'number' && Number.isInteger(timeout.value) && (timeout.value as number) > 0) sqlTimeoutMs = timeout.value as number;
        else at(timeout, '"sql.timeoutMs" must be a positive whole number of milliseconds.');
      }
    }
  }
  return {
    answerKind,
    ...(sqlDatabase === undefined ? {} : { sqlDatabase }),
    ...(sqlTimeoutMs === undefined ? {} : { sqlTimeoutMs }),
    errors,
  };
}

function propertyValue(objectNode: Node, name: string): Node | undefined {
  for (const property of objectNode.children ?? []) {
    const [k, v] = property.children ?? [];
    if (k?.value === name) return v;
  }
  return undefined;
}
