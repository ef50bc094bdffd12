// canonicalJson's output is stored (request cache keys in every journal), so a faster version must
// write exactly the same bytes as the original. The original map/join version is kept here as the
// reference and the two are compared on many random values, with the awkward cases drawn often:
// integer-like keys (which objects enumerate first), nested arrays, undefined members and array
// items, holes, unicode (astral, combining, lone surrogates), numbers JSON writes oddly.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom } from '../../src/core/seededRandom.ts';
import { canonicalJson, requestCacheKey } from '../../src/core/strategies/requestKey.ts';
import type { ChatRequest } from '../../src/core/model/chat.ts';

/** The implementation whose output the journals already hold. */
function originalCanonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : originalCanonicalJson(v))).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${originalCanonicalJson(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const KEYS = ['a', 'b', 'B', '_', '', ' ', '0', '1', '2', '10', '9', '01', '-1', '4294967294', '4294967295', '1e3', 'é', 'e\u0301', '\u{1F600}', '\uD800', '\uDFFF', 'z\u0000', '"q"', '\\', 'model', 'messages', 'sampling'];
const STRINGS = ['', 'plain', 'line\nbreak\ttab', 'quote " and \\ backslash', '\u0000\u001f\u007f', 'ümlaut ß', '日本語', '\u{1F600}\u{1F9D1}\u200D\u{1F4BB}', '\uD800 lone high', 'lone low \uDC00', '\u2028\u2029', '</script>'];
const NUMBERS = [0, -0, 1, -1, 0.1, 1e21, 1e-7, 123456789.125, Number.MAX_SAFE_INTEGER, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

function randomValue(random: () => number, depth: number): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const kind = Math.floor(random() * (depth > 3 ? 6 : 10));
  switch (kind) {
    case 0: return pick(STRINGS);
    case 1: return pick(NUMBERS);
    case 2: return random() < 0.5;
    case 3: return null;
    case 4: return undefined;
    case 5: return pick([() => 1, Symbol('s'), new Date(0)]);
    case 6:
    case 7: {
      const items: unknown[] = Array.from({ length: Math.floor(random() * 5) }, () => randomValue(random, depth + 1));
      if (random() < 0.15) items[items.length + 1] = 'after a hole';
      return items;
    }
    default: {
      const record: Record<string, unknown> = {};
      const n = Math.floor(random() * 6);
      for (let i = 0; i < n; i++) record[pick(KEYS)] = randomValue(random, depth + 1);
      return record;
    }
  }
}

describe('canonicalJson', () => {
  it('writes exactly what the original implementation wrote, on 20,000 random values', () => {
    const random = seededRandom(12);
    for (let i = 0; i < 20_000; i++) {
      const value = randomValue(random, 0);
      assert.equal(canonicalJson(value), originalCanonicalJson(value), `value #${i}`);
    }
  });

  it('keeps the stored form of known values byte for byte', () => {
    assert.equal(canonicalJson({ b: 1, a: [undefined, { d: undefined, c: 'x' }], 10: true, 9: null, 1: 'é' }), '{"1":"é","10":true,"9":null,"a":[null,{"c":"x"}],"b":1}');
    // eslint-disable-next-line no-sparse-arrays -- a hole is one of the cases pinned
    assert.equal(canonicalJson([1, , 3]), '[1,,3]');
    assert.equal(canonicalJson({ f: () => 1, d: new Date(0), n: Number.NaN, z: -0 }), '{"d":{},"f":null,"n":null,"z":0}');
    assert.equal(canonicalJson(undefined), 'null');
    assert.equal(canonicalJson(`${String.fromCharCode(0xd800)}😀`), '"\\ud800😀"');
  });

  it('keeps a request cache key unchanged (computed with the original implementation)', () => {
    const request: ChatRequest = {
      role: 'teacher',
      model: 'teacher-model',
      messages: [
        { role: 'system', content: 'Task: answer\nBe brief.' },
        { role: 'user', content: 'What is 12 + 30? ü 😀' },
      ],
      sampling: { temperature: 0.7, maxTokens: 512, seed: 3 },
    };
    assert.equal(requestCacheKey(request), 'a0621a5957e46294f28cfacae7a75e039494c3fef2736952e2cafa4878e4257f');
  });
});
