// length: Self-Instruct drops generated instructions that are too short or too long. "Too" here
// is relative to the user's own seeds, since a seed set of one-line questions and one of long
// word problems call for different limits.
import type { Sample } from '../samples/sample.ts';
import type { Seed } from '../seeds/types.ts';
import type { CheckResult } from './types.ts';
import { tokenize } from './tokens.ts';

export interface LengthOptions {
  /** Outside [shortest seed ÷ f, longest seed × f] is a warning… (default 1.5) */
  readonly warnFactor?: number;
  /** …and outside [shortest ÷ f, longest × f] a failure (default 3). */
  readonly failFactor?: number;
  /** Fewer words than this always fails (default 3, as Self-Instruct). */
  readonly minWords?: number;
}

export interface SeedLengths {
  readonly shortest: number;
  readonly longest: number;
}

export function seedLengths(seeds: readonly Seed[]): SeedLengths | null {
  if (seeds.length === 0) return null;
  let shortest = Infinity;
  let longest = 0;
  for (const seed of seeds) {
    const n = tokenize(seed.question).length;
    shortest = Math.min(shortest, n);
    longest = Math.max(longest, n);
  }
  return { shortest, longest };
}

export function lengthCheck(sample: Sample, question: string, lengths: SeedLengths | null, options: LengthOptions = {}): CheckResult {
  const check = 'length';
  if (sample.strategy === 'answer-augmentation' && sample.question === question) return { check, status: 'n/a', detail: "the seed's own question" };
  if (lengths === null) return { check, status: 'n/a', detail: 'no seeds given to compare with' };
  const warn = options.warnFactor ?? 1.5;
  const fail = options.failFactor ?? 3;
  const minWords = options.minWords ?? 3;
  const n = tokenize(question).length;
  const range = `the seeds' questions have ${lengths.shortest}–${lengths.longest} words`;
  if (n < minWords) return { check, status: 'fail', detail: `too short: ${n} word${n === 1 ? '' : 's'}` };
  if (n < lengths.shortest / fail) return { check, status: 'fail', detail: `too short: ${n} words; ${range}` };
  if (n > lengths.longest * fail) return { check, status: 'fail', detail: `too long: ${n} words; ${range}` };
  if (n < lengths.shortest / warn) return { check, status: 'warn', detail: `short: ${n} words; ${range}` };
  if (n > lengths.longest * warn) return { check, status: 'warn', detail: `long: ${n} words; ${range}` };
  return { check, status: 'pass', detail: `${n} words; ${range}` };
}
