// Equality of parsed JSON values: same types, same numbers and strings, arrays in order, objects
// with the same keys in any order. Recursion is bounded so a hostile answer cannot overflow the stack.

/** Deeper than this is not compared. */
const MAX_DEPTH = 256;

export class TooDeep extends Error {
  constructor() {
    super(`JSON nested more than ${MAX_DEPTH} levels deep`);
    this.name = 'TooDeep';
  }
}

/** Throws TooDeep when the values nest past the bound before a difference is found. */
export function jsonEqual(a: unknown, b: unknown, depth = 0): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (depth >= MAX_DEPTH) throw new TooDeep();
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as readonly unknown[];
    return a.length === other.length && a.every((item, i) => jsonEqual(item, other[i], depth + 1));
  }
  const left = a as Readonly<Record<string, unknown>>;
  const right = b as Readonly<Record<string, unknown>>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && jsonEqual(left[key], right[key], depth + 1));
}
