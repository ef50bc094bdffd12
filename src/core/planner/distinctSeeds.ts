// Seeds whose question repeats an earlier one (the seed file's "duplicate-question" warning)
// are planned once: for AA and QR they would send the same prompt again, which the cache answers
// with the same completion, and in NQ they would show one example twice.
import { normalizeQuestion } from '../seeds/index.ts';
import type { Seed } from '../seeds/types.ts';

export function distinctSeeds(seeds: readonly Seed[]): Seed[] {
  const seen = new Set<string>();
  const out: Seed[] = [];
  for (const seed of seeds) {
    const key = normalizeQuestion(seed.question);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(seed);
  }
  return out;
}
