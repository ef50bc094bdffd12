import type { JSONPath } from 'jsonc-parser';
import type { FieldProblem } from './extractor.ts';
import { describeKind, textOf } from './seedText.ts';

/**
 * Why a field's value is not usable text. `value` is what was found at `path`; `name` is how
 * the message calls the field. Only called on the slow path, once a line is known to be bad.
 */
export function valueProblem(side: 'question' | 'answer', value: unknown, path: JSONPath, name: string): FieldProblem {
  if (value === undefined) {
    return { code: `missing-${side}`, message: `no ${side}: "${name}" is missing`, path: path.slice(0, -1) };
  }
  if (value === null) return { code: `empty-${side}`, message: `empty ${side}: "${name}" is null`, path };
  if (typeof value === 'string') {
    const words = value.length === 0 ? 'is an empty string' : 'has only whitespace';
    return { code: `empty-${side}`, message: `empty ${side}: "${name}" ${words}`, path };
  }
  if (Array.isArray(value)) {
    return textOf(value) === undefined
      ? { code: `invalid-${side}`, message: `${side} must be text: "${name}" is an array that is not a list of {"type": "text", "text"} parts`, path }
      : { code: `empty-${side}`, message: `empty ${side}: "${name}" has no text`, path };
  }
  return { code: `invalid-${side}`, message: `${side} must be text: "${name}" is ${describeKind(value)}`, path };
}
