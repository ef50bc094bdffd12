// Sample ids are derived from where the sample came from (work unit + output), not from time or
// a counter: a resumed run re-derives the same id and the journal keeps the first write.
import { sha256Hex } from '../sha256.ts';

export function sampleIdOf(unitKey: string, outputKey: string): string {
  return sha256Hex(`${unitKey}\u0000${outputKey}`).slice(0, 12);
}

export function newRunId(now: Date, random: () => number = Math.random): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  return `run-${stamp}-${Math.floor(random() * 0x10000).toString(16).padStart(4, '0')}`;
}
