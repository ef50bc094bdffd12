// Who holds a session the editor can only read, in plain words: a `seedsmith` command (named by
// what it runs), another VS Code window, or a process from an older SeedSmith that did not say.
import * as vscode from 'vscode';
import { hostname } from 'node:os';
import type { LockHolder } from '../../node/sessionLock.ts';
import type { FixAction } from '../../shared/protocol.ts';

export const takeOverFix: FixAction = { label: vscode.l10n.t('Take Over'), intent: { type: 'takeOverSession' } };

/** Take over is offered only when the holder is an editor window (which can be asked to let go). */
export function holderFix(mode: { readonly kind: string; readonly holder?: LockHolder | null }): FixAction | null {
  return mode.kind === 'read-only' && mode.holder?.info.kind === 'editor' ? takeOverFix : null;
}

export type NoticePurpose = 'decisions' | 'generation' | 'holder';

/** The holder in a few words: `seedsmith generate (pid 12)`, `another VS Code window (pid 12)`. */
export function describeSessionHolder(holder: LockHolder | null): string {
  if (!holder) return vscode.l10n.t('another process');
  const { info } = holder;
  const where = info.hostname === hostname() ? '' : vscode.l10n.t(' on {0}', info.hostname);
  if (info.kind === 'editor') return vscode.l10n.t('another VS Code window (pid {0}{1})', info.pid, where);
  if (info.kind === 'cli' && info.command) return vscode.l10n.t('`{0}` (pid {1}{2})', info.command, info.pid, where);
  return vscode.l10n.t('another process (pid {0}{1})', info.pid, where);
}

/** Why the session is read-only, for the review section, Generate and a refused decision; null when it is not. */
export function holderNotice(mode: { readonly kind: string; readonly holder?: LockHolder | null }, purpose: NoticePurpose): string | null {
  if (mode.kind !== 'read-only') return null;
  const holder = mode.holder ?? null;
  const who = describeSessionHolder(holder);
  if (purpose === 'holder') return who;
  const editor = holder?.info.kind === 'editor';
  if (purpose === 'generation') {
    return editor
      ? vscode.l10n.t('This session is open for writing in {0}; generation is possible here when that window lets go of it (Take over asks it to).', who)
      : vscode.l10n.t('This session is being written by {0}; generation is possible when it ends.', who);
  }
  return editor
    ? vscode.l10n.t('This session is open for writing in {0}; decisions are possible here when that window lets go of it (Take over asks it to).', who)
    : vscode.l10n.t('This session is being written by {0}; decisions are possible when it ends.', who);
}
