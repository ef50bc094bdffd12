// The one Node builtin core uses: sha256, for stable ids and cache keys (seed hashes, unit keys,
// sample ids, request keys, template hashes). Kept to this file so lint can hold the rest of
// core to plain TypeScript.
import { hash } from 'node:crypto';

/** sha256 of the UTF-8 text, as 64 lowercase hex digits. */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}
