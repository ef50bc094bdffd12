import { sha256Hex } from '../sha256.ts';

/**
 * Stable id of a seed's content for lineage: the first 16 hex digits (64 bits) of
 * sha256(question + U+0000 + answer), over the text exactly as read. Reproducible anywhere.
 */
export function seedHash(question: string, answer: string): string {
  return sha256Hex(`${question}\u0000${answer}`).slice(0, 16);
}
