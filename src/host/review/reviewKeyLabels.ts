// The keys shown on the review buttons, read from the keybindings package.json contributes.
// VS Code gives an extension no way to read the person's own bindings, so the buttons show the
// defaults; a person who rebinds a command in Keyboard Shortcuts still gets the command on the
// new key (the commands, not the webview, own the keys). No `vscode` here: unit-tested as is.
import { REVIEW_KEY_ACTIONS, type ReviewKeyAction, type ReviewKeys } from '../../shared/protocol.ts';

export const REVIEW_KEY_COMMANDS: Readonly<Record<ReviewKeyAction, string>> = {
  accept: 'seedsmith.review.accept',
  reject: 'seedsmith.review.reject',
  edit: 'seedsmith.review.edit',
  skip: 'seedsmith.review.skip',
  undo: 'seedsmith.review.undo',
};

/** The argument the default keybindings pass (package.json): act on the card the sidebar shows. */
export function isShownCardArgument(arg: unknown): boolean {
  return typeof arg === 'object' && arg !== null && (arg as { card?: unknown }).card === 'shown';
}

/** The argument of the warm-up run at activation (reviewKeys.ts): the command does nothing. */
export const WARM_UP_ARGUMENT = { warmUp: true } as const;

export function isWarmUpArgument(arg: unknown): boolean {
  return typeof arg === 'object' && arg !== null && (arg as { warmUp?: unknown }).warmUp === true;
}

const KEY_NAMES: Readonly<Record<string, string>> = { backspace: '⌫', space: 'Space', enter: 'Enter', escape: 'Esc', delete: 'Del' };

/** `ctrl+shift+a` → `Ctrl+Shift+A`, `backspace` → `⌫`. */
export function keyLabel(key: string): string {
  return key
    .split(' ') // chords: `ctrl+k a`
    .map((chord) => chord.split('+').map((part) => KEY_NAMES[part] ?? (part.length === 1 ? part : part[0]?.toUpperCase() + part.slice(1))).join('+'))
    .join(' ');
}

/** For each review command, its default keys joined by ` / ` ('' when it has none). */
export function reviewKeyLabels(packageJson: unknown): ReviewKeys {
  const bindings = (packageJson as { contributes?: { keybindings?: unknown } } | undefined)?.contributes?.keybindings;
  const list = Array.isArray(bindings) ? (bindings as { command?: unknown; key?: unknown }[]) : [];
  const labels = Object.fromEntries(REVIEW_KEY_ACTIONS.map((action) => {
    const keys = list.filter((b) => b.command === REVIEW_KEY_COMMANDS[action] && typeof b.key === 'string').map((b) => keyLabel(b.key as string));
    return [action, keys.join(' / ')];
  }));
  return labels as unknown as ReviewKeys;
}
