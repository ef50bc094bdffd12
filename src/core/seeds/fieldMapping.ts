// An explicit field mapping: dotted paths into each record, for layouts detection does not know.
// A segment that is an integer indexes an array (negative from its end), so `turns.-1.text`
// reads the last turn. Keys that contain a dot cannot be named; no seed format needs that yet.
import type { JSONPath } from 'jsonc-parser';
import type { Extracted, FieldProblem, SeedExtractor } from './extractor.ts';
import { valueProblem } from './fieldProblem.ts';
import { isBlank, textOf } from './seedText.ts';
import type { FieldMapping } from './types.ts';

const INDEX = /^-?\d+$/;

/** Why `path` cannot be used as a field path, or undefined when it can. */
export function fieldPathProblem(path: string): string | undefined {
  if (path.trim().length === 0) return 'the field path is empty';
  if (path.split('.').some((segment) => segment.length === 0)) return `the field path "${path}" has an empty segment`;
  return undefined;
}

function indexIn(array: readonly unknown[], segment: string): number {
  if (!INDEX.test(segment)) return -1;
  const index = Number(segment) < 0 ? array.length + Number(segment) : Number(segment);
  return index < array.length ? index : -1;
}

/** One step down; undefined when there is nothing there (JSON itself has no undefined). */
function child(value: unknown, segment: string): unknown {
  if (Array.isArray(value)) {
    const index = indexIn(value, segment);
    return index >= 0 ? value[index] : undefined;
  }
  if (typeof value === 'object' && value !== null && Object.hasOwn(value, segment)) {
    return (value as Readonly<Record<string, unknown>>)[segment];
  }
  return undefined;
}

/** The concrete path (negative indices resolved) of the part of `segments` that exists. */
function existingPath(record: unknown, segments: readonly string[]): JSONPath {
  const path: JSONPath = [];
  let value = record;
  for (const segment of segments) {
    const next = child(value, segment);
    if (next === undefined) break;
    path.push(Array.isArray(value) ? indexIn(value, segment) : segment);
    value = next;
  }
  return path;
}

function side(record: unknown, segments: readonly string[], name: string, which: 'question' | 'answer'): string | FieldProblem {
  let value = record;
  for (const segment of segments) {
    value = child(value, segment);
    if (value === undefined) {
      // Point at the deepest part of the path that exists.
      return { code: `missing-${which}`, message: `no ${which}: nothing at "${name}"`, path: existingPath(record, segments) };
    }
  }
  const text = textOf(value);
  return text === undefined || isBlank(text) ? valueProblem(which, value, existingPath(record, segments), name) : text;
}

/** Throws a RangeError naming the bad path; check with fieldPathProblem first to avoid it. */
export function mappingExtractor(mapping: FieldMapping): SeedExtractor {
  for (const path of [mapping.question, mapping.answer]) {
    const problem = fieldPathProblem(path);
    if (problem) throw new RangeError(problem);
  }
  const question = mapping.question.split('.');
  const answer = mapping.answer.split('.');
  return {
    fields: { question: mapping.question, answer: mapping.answer },
    extract(record, out: Extracted): FieldProblem | undefined {
      const q = side(record, question, mapping.question, 'question');
      if (typeof q !== 'string') return q;
      const a = side(record, answer, mapping.answer, 'answer');
      if (typeof a !== 'string') return a;
      out.shape = 'mapping';
      out.question = q;
      out.answer = a;
      return undefined;
    },
    questionPath(record) {
      return existingPath(record, question);
    },
  };
}
