// Unit keys: the resume key of each unit. They name what a unit produces, never how big it is,
// so the same seeds and options always give the same keys, a bigger budget adds keys after the
// existing ones, and a tail unit shrunk to fit a budget keeps its name. AA and QR keys use the
// seed's content hash (not its line), so moving lines in the file does not redo work.
import { sha256Hex } from '../sha256.ts';
import type { Seed } from '../seeds/types.ts';

export function answerAugmentationKey(seed: Seed, round: number): string {
  return `aa:${seed.hash}:${round}`;
}

export function questionRephraseKey(seed: Seed, round: number): string {
  return `qr:${seed.hash}:${round}`;
}

/** The digest ties the key to the seeds shown, so a changed seed file does not reuse old keys. */
export function newQuestionKey(index: number, fewShot: readonly Seed[]): string {
  const digest = sha256Hex(fewShot.map((s) => s.hash).join(',')).slice(0, 8);
  return `nq:${index}:${digest}`;
}
