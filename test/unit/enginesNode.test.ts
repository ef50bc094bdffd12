// package.json's engines.node says what is true (issue 11, item 12): the Node the dependencies
// need, so `npm ci` on an older Node warns about the project, not five packages out of the blue.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const read = (file: string) => JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')) as Record<string, unknown>;

/** The lowest major a `>=N…` range allows; null for ranges with alternatives (`^20.19 || >=22`). */
function minimumMajor(range: string): number | null {
  if (range.includes('||')) return null;
  const match = /^>=\s*(\d+)/.exec(range.trim());
  return match ? Number(match[1]) : null;
}

describe('engines.node', () => {
  it('is at least what every locked dependency asks for', () => {
    const own = minimumMajor(String((read('package.json')['engines'] as Record<string, string>)['node']));
    assert.ok(own !== null, 'engines.node is a ">=N" range');
    const packages = read('package-lock.json')['packages'] as Record<string, { engines?: { node?: string } }>;
    const needs = Object.entries(packages)
      .filter(([name]) => name !== '')
      .map(([name, meta]) => [name, minimumMajor(meta.engines?.node ?? '')] as const)
      .filter((entry): entry is readonly [string, number] => entry[1] !== null);
    for (const [name, major] of needs) assert.ok(own >= major, `${name} needs Node >= ${major}; engines.node says >= ${own}`);
  });
});
