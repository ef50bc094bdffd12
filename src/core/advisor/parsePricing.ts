// Reads a pricing file: {"<model id>": {"inputPerMillion": 2.5, "outputPerMillion": 10}, ...}.
// Comments and trailing commas are allowed (as in seedsmith.jsonc). Every problem comes back with
// its line and column, and a file with any problem gives no prices at all: a typo must never
// turn into a silently wrong bill.
import { parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node, ParseError } from 'jsonc-parser';
import { positionAt } from '../prompts/textPosition.ts';
import type { ModelPrice, Pricing } from './pricing.ts';

export interface PricingProblem {
  /** 1-based. */
  readonly line: number;
  /** 1-based, UTF-16 code units. */
  readonly column: number;
  readonly message: string;
}

export type PricingResult = { readonly ok: true; readonly pricing: Pricing } | { readonly ok: false; readonly problems: readonly PricingProblem[] };

const FIELDS = ['inputPerMillion', 'outputPerMillion'] as const;
const EXAMPLE = '{"gpt-4o": {"inputPerMillion": 2.5, "outputPerMillion": 10}}';

export function parsePricing(text: string): PricingResult {
  const problems: PricingProblem[] = [];
  const at = (offset: number, message: string): void => void problems.push({ ...positionAt(text, offset), message });
  const parseErrors: ParseError[] = [];
  const root = parseTree(text, parseErrors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  for (const e of parseErrors) at(e.offset, `not valid JSON: ${printParseErrorCode(e.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`);
  if (problems.length > 0) return { ok: false, problems };
  if (root === undefined || root.type !== 'object') {
    at(root?.offset ?? 0, `the pricing file must hold one object of model prices, like ${EXAMPLE}`);
    return { ok: false, problems };
  }
  const pricing: Record<string, ModelPrice> = {};
  for (const property of root.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (keyNode === undefined || valueNode === undefined) continue;
    const model = String(keyNode.value);
    const price = readPrice(model, keyNode, valueNode, at);
    if (price !== undefined) pricing[model] = price;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, pricing };
}

function readPrice(model: string, keyNode: Node, valueNode: Node, at: (offset: number, message: string) => void): ModelPrice | undefined {
  if (valueNode.type !== 'object') {
    at(valueNode.offset, `the price of "${model}" must be an object like {"inputPerMillion": 2.5, "outputPerMillion": 10}`);
    return undefined;
  }
  const values: Partial<Record<(typeof FIELDS)[number], number>> = {};
  let ok = true;
  for (const property of valueNode.children ?? []) {
    const [k, v] = property.children ?? [];
    if (k === undefined || v === undefined) continue;
    const field = String(k.value);
    if (!(FIELDS as readonly string[]).includes(field)) {
      at(k.offset, `unknown field "${field}" in the price of "${model}"; use "inputPerMillion" and "outputPerMillion"`);
      ok = false;
    } else if (v.type !== 'number' || !Number.isFinite(v.value) || (v.value as number) < 0) {
      at(v.offset, `"${field}" of "${model}" must be a number of 0 or more (the price of one million tokens)`);
      ok = false;
    } else {
      values[field as (typeof FIELDS)[number]] = v.value as number;
    }
  }
  for (const field of FIELDS) {
    if (ok && values[field] === undefined) {
      at(keyNode.offset, `the price of "${model}" has no "${field}"`);
      ok = false;
    }
  }
  if (!ok || values.inputPerMillion === undefined || values.outputPerMillion === undefined) return undefined;
  return { inputPerMillion: values.inputPerMillion, outputPerMillion: values.outputPerMillion };
}
