import { randomBytes } from 'node:crypto';

/** A fresh, unguessable CSP nonce for each render of the webview. */
export function createNonce(): string {
  return randomBytes(18).toString('base64');
}
