// Prompt overrides from the project file seedsmith.jsonc:
//   { "prompts": { "<prompt id>": { "system": "...", "user": "..." } } }
// Either text may be given alone; the other keeps the default. An override that is not usable
// (wrong type, unknown id or key, a placeholder missing or misspelt) is reported with line and
// column and NOT applied, so a typo can never silently send a broken prompt. Other top-level
// keys of the file belong to other settings and are ignored here.
import { parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node, ParseError } from 'jsonc-parser';
import { DEFAULT_PROMPTS } from './defaults.ts';
import { findPlaceholders } from './placeholders.ts';
import { isPromptId, makeTemplate, PROMPT_IDS } from './template.ts';
import type { PromptId, PromptSet, PromptTemplate } from './template.ts';
import { positionAt } from './textPosition.ts';

export interface PromptOverrideProblem {
  /** 1-based. */
  readonly line: number;
  /** 1-based, UTF-16 code units. */
  readonly column: number;
  readonly message: string;
  /** The prompt the problem is about, when there is one. */
  readonly promptId?: string;
}

export interface PromptOverrideResult {
  /** Every template: overridden where an override was valid, the base one elsewhere. */
  readonly prompts: PromptSet;
  readonly overridden: readonly PromptId[];
  readonly errors: readonly PromptOverrideProblem[];
}

type TextKey = 'system' | 'user';

export function loadPromptOverrides(jsoncText: string, base: PromptSet = DEFAULT_PROMPTS): PromptOverrideResult {
  const errors: PromptOverrideProblem[] = [];
  const at = (offset: number, message: string, promptId?: string): void => {
    errors.push({ ...positionAt(jsoncText, offset), message, ...(promptId === undefined ? {} : { promptId }) });
  };
  const unchanged = (): PromptOverrideResult => ({ prompts: base, overridden: [], errors });

  const parseErrors: ParseError[] = [];
  const root = parseTree(jsoncText, parseErrors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  if (parseErrors.length > 0) {
    // A file that does not parse is not half-applied: the tree past the error is a guess.
    for (const e of parseErrors) at(e.offset, `seedsmith.jsonc is not valid JSONC: ${describeParseError(printParseErrorCode(e.error))}.`);
    return unchanged();
  }
  if (root === undefined) return unchanged(); // empty or comment-only file: nothing to override
  if (root.type !== 'object') {
    at(root.offset, 'seedsmith.jsonc must contain one object.');
    return unchanged();
  }
  const promptsNode = propertyValue(root, 'prompts');
  if (promptsNode === undefined) return unchanged();
  if (promptsNode.type !== 'object') {
    at(promptsNode.offset, '"prompts" must be an object mapping prompt ids to {"system", "user"} texts.');
    return unchanged();
  }

  const prompts: Record<PromptId, PromptTemplate> = { ...base };
  const overridden: PromptId[] = [];
  for (const property of promptsNode.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (keyNode === undefined || valueNode === undefined) continue;
    const id = String(keyNode.value);
    if (!isPromptId(id)) {
      at(keyNode.offset, `Unknown prompt id "${id}"; the prompts are ${PROMPT_IDS.map((p) => `"${p}"`).join(', ')}.`, id);
      continue;
    }
    const template = readOverride(jsoncText, id, keyNode, valueNode, base[id], at);
    if (template !== undefined) {
      prompts[id] = template;
      overridden.push(id);
    }
  }
  return { prompts: Object.freeze(prompts), overridden, errors };
}

function readOverride(
  text: string,
  id: PromptId,
  keyNode: Node,
  valueNode: Node,
  baseTemplate: PromptTemplate,
  at: (offset: number, message: string, promptId?: string) => void,
): PromptTemplate | undefined {
  if (valueNode.type !== 'object') {
    at(valueNode.offset, `The override of "${id}" must be an object with "system" and/or "user" strings.`, id);
    return undefined;
  }
  let ok = true;
  const texts: Partial<Record<TextKey, string>> = {};
  for (const property of valueNode.children ?? []) {
    const [k, v] = property.children ?? [];
    if (k === undefined || v === undefined) continue;
    const key = String(k.value);
    if (key !== 'system' && key !== 'user') {
      at(k.offset, `Unknown key "${key}" in the override of "${id}"; use "system" and "user".`, id);
      ok = false;
      continue;
    }
    if (v.type !== 'string') {
      at(v.offset, `"${key}" of "${id}" must be a string.`, id);
      ok = false;
      continue;
    }
    const value = String(v.value);
    if (key === 'user' && value.trim() === '') {
      at(v.offset, `"user" of "${id}" must not be empty.`, id);
      ok = false;
      continue;
    }
    texts[key] = value;
    // Scan the literal as written in the file, so columns point at the marker itself even when
    // escapes come before it.
    const literalStart = v.offset + 1;
    for (const use of findPlaceholders(text.slice(literalStart, v.offset + v.length - 1))) {
      const known = [...baseTemplate.placeholders, ...(baseTemplate.optional ?? [])];
      if (!known.includes(use.name)) {
        at(literalStart + use.index, `Unknown placeholder {{${use.name}}} in "${id}"; it may use ${known.map((p) => `{{${p}}}`).join(', ')}.`, id);
        ok = false;
      }
    }
  }
  if (texts.system === undefined && texts.user === undefined && ok) {
    at(valueNode.offset, `The override of "${id}" gives neither "system" nor "user".`, id);
    return undefined;
  }
  const system = texts.system ?? baseTemplate.system;
  const user = texts.user ?? baseTemplate.user;
  const used = new Set([...findPlaceholders(system), ...findPlaceholders(user)].map((u) => u.name));
  for (const name of baseTemplate.placeholders) {
    if (!used.has(name)) {
      at(keyNode.offset, `The override of "${id}" leaves out {{${name}}}, which this prompt needs.`, id);
      ok = false;
    }
  }
  if (!ok) return undefined;
  return makeTemplate({ id, task: baseTemplate.task, title: baseTemplate.title, system, user, placeholders: baseTemplate.placeholders, optional: baseTemplate.optional ?? [] }, 'override');
}

function propertyValue(objectNode: Node, name: string): Node | undefined {
  for (const property of objectNode.children ?? []) {
    const [k, v] = property.children ?? [];
    if (k?.value === name) return v;
  }
  return undefined;
}

/** jsonc-parser's codes ("CommaExpected") as words. */
function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
