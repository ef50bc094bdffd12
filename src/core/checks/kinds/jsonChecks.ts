// json: the answer parses as JSON, fits the schema inferred from the seeds, and for a sample that
// keeps the seed's meaning, has the seed's values field by field (JSON extraction has one right
// answer; key order and spacing do not matter).
import { schemaProblems } from '../../profile/jsonSchema.ts';
import { wholeFence } from '../../profile/codeBlocks.ts';
import type { AnswerProfile } from '../../profile/types.ts';
import { jsonEqual, TooDeep } from './jsonEqual.ts';
import { noGoldReason, notApplicable } from './types.ts';
import type { KindCheckInput, KindCheckResult } from './types.ts';

type Parsed = { readonly ok: true; readonly value: unknown; readonly fenced: boolean } | { readonly ok: false; readonly reason: string };

function parse(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text.trim()) as unknown, fenced: false };
  } catch (error) {
    const fence = wholeFence(text);
    if (fence && (fence.language === null || fence.language === 'json')) {
      try {
        return { ok: true, value: JSON.parse(fence.body) as unknown, fenced: true };
      } catch {
        // fall through to the first error, which is about the text as given
      }
    }
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

export function jsonChecks(input: KindCheckInput, profile: Pick<AnswerProfile, 'schema'>): KindCheckResult[] {
  const parsed = parse(input.answer);
  if (!parsed.ok) {
    const because = 'the answer is not JSON';
    return [{ check: 'json-parses', status: 'fail', detail: `not JSON: ${parsed.reason}` }, notApplicable('json-schema', because), notApplicable('json-gold', because)];
  }
  const parses: KindCheckResult = parsed.fenced
    ? { check: 'json-parses', status: 'warn', detail: 'parses only inside a ``` fence; the seeds are bare JSON' }
    : { check: 'json-parses', status: 'pass', detail: 'parses as JSON' };
  return [parses, schemaCheck(parsed.value, profile), goldCheck(parsed.value, input)];
}

function schemaCheck(value: unknown, profile: Pick<AnswerProfile, 'schema'>): KindCheckResult {
  const check = 'json-schema';
  if (!profile.schema) return notApplicable(check, 'no schema was inferred from the seeds');
  const problems = schemaProblems(value, profile.schema);
  if (problems.length === 0) return { check, status: 'pass', detail: "fits the seeds' schema" };
  return { check, status: 'fail', detail: `does not fit the seeds' schema: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? '; …' : ''}` };
}

function goldCheck(value: unknown, input: KindCheckInput): KindCheckResult {
  const check = 'json-gold';
  const { gold } = input;
  if (gold === undefined) return notApplicable(check, noGoldReason(input));
  const expected = parse(gold);
  if (!expected.ok) return notApplicable(check, "the seed's answer is not JSON");
  let differences: string[];
  try {
    // The one right answer: equal to the gold is correct, never a duplicate.
    if (jsonEqual(value, expected.value)) return { check, status: 'pass', detail: "the seed's values, field by field" };
    differences = fieldDifferences(expected.value, value);
  } catch (error) {
    if (error instanceof TooDeep) return notApplicable(check, 'the values are nested too deeply to compare');
    throw error;
  }
  return { check, status: 'fail', detail: `differs from the seed: ${differences.slice(0, 4).join('; ')}${differences.length > 4 ? '; …' : ''}` };
}

/** Top-level fields that differ, in words; the whole value when either is not an object. */
function fieldDifferences(expected: unknown, got: unknown): string[] {
  if (!isRecord(expected) || !isRecord(got)) return [`${show(got)} instead of ${show(expected)}`];
  const out: string[] = [];
  for (const key of new Set([...Object.keys(expected), ...Object.keys(got)])) {
    if (!Object.hasOwn(got, key)) out.push(`"${key}" missing`);
    else if (!Object.hasOwn(expected, key)) out.push(`"${key}" not in the seed`);
    else if (!jsonEqual(expected[key], got[key])) out.push(`"${key}": ${show(got[key])} instead of ${show(expected[key])}`);
  }
  return out;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
