// Unit keys: the resume key of each unit. They name what a unit produces, never how big it is,
// so the same seeds and options always give the same keys, a bigger budget adds keys after the
// existing ones, and a tail unit shrunk to fit a budget keeps its name. AA and QR keys use the
// seed's content hash (not its line), so moving lines in the file does not redo work.
import { createHash } from 'node:crypto';
import type { Seed } from '../seeds/types.ts';

export function answerAugmentationKey(seed: Seed, round: number): string {
  return `aa:${seed.hash}:${round}`;
}

export function questionRephraseKey(seed: Seed, round: number): string {
  return `qr:${seed.hash}:${round}`;
}

/** The digest ties the key to the seeds shown, so a changed seed file does not reuse old keys. */
export function newQuestionKey(index: number, fewShot: readonly Seed[]): string {
  const digest = createHash('sha256').update(fewShot.map((s) => s.hash).join(',')).digest('hex').slice(0, 8);
  return `nq:${index}:${digest}`;
}
