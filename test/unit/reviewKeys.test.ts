// The review keys are VS Code keybindings (so a person can rebind them in Keyboard Shortcuts),
// active only while the sidebar has focus, and the buttons show the contributed defaults.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { REVIEW_KEY_COMMANDS, isShownCardArgument, keyLabel, reviewKeyLabels } from '../../src/host/review/reviewKeyLabels.ts';
import { parseHostFact, parseWebviewIntent } from '../../src/shared/protocol.ts';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  contributes: { commands: { command: string }[]; keybindings?: { command: string; key: string; when?: string; args?: unknown }[] };
};

describe('review keybindings', () => {
  it('contributes a, x, e, space and backspace / u for the review commands, only while the sidebar has focus (a context key the host keeps)', () => {
    const bindings = packageJson.contributes.keybindings ?? [];
    const review = bindings.filter((b) => Object.values(REVIEW_KEY_COMMANDS).includes(b.command));
    assert.deepEqual(review.map((b) => [b.command, b.key]), [
      ['seedsmith.review.accept', 'a'],
      ['seedsmith.review.reject', 'x'],
      ['seedsmith.review.edit', 'e'],
      ['seedsmith.review.skip', 'space'],
      ['seedsmith.review.undo', 'backspace'],
      ['seedsmith.review.undo', 'u'],
    ]);
    // Unmodified letters must never fire in an editor or anywhere else in the workbench.
    for (const b of review) assert.match(b.when ?? '', /^seedsmith\.reviewFocused && !inputFocus$/, `${b.command} ${b.key}`);
    // The keys act on the card the sidebar shows (it may be ahead of the host's cursor).
    for (const b of review) assert.equal(isShownCardArgument(b.args), true, `${b.command} ${b.key} passes the shown-card argument`);
    assert.equal(isShownCardArgument(undefined), false, 'from the palette: the host’s current card');
    const declared = new Set(packageJson.contributes.commands.map((c) => c.command));
    for (const command of Object.values(REVIEW_KEY_COMMANDS)) assert.ok(declared.has(command), `${command} is a contributed command`);
  });

  it('shows the default keys on the buttons', () => {
    assert.deepEqual(reviewKeyLabels(packageJson), { accept: 'a', reject: 'x', edit: 'e', skip: 'Space', undo: '⌫ / u' });
    assert.deepEqual(reviewKeyLabels({}), { accept: '', reject: '', edit: '', skip: '', undo: '' }, 'no bindings: no keys shown');
    assert.equal(keyLabel('ctrl+shift+a'), 'Ctrl+Shift+a');
    assert.equal(keyLabel('ctrl+k backspace'), 'Ctrl+k ⌫');
  });

  it('carries a command to the sidebar as a fact, and Take over back as an intent', () => {
    assert.deepEqual(parseHostFact({ type: 'reviewKey', action: 'accept' }), { type: 'reviewKey', action: 'accept' });
    assert.equal(parseHostFact({ type: 'reviewKey', action: 'delete-everything' }), undefined);
    assert.deepEqual(parseWebviewIntent({ type: 'takeOverSession' }), { type: 'takeOverSession' });
    assert.deepEqual(parseWebviewIntent({ type: 'reviewFocus', focused: true }), { type: 'reviewFocus', focused: true });
    assert.deepEqual(parseHostFact({ type: 'reviewKeysLive', live: false }), { type: 'reviewKeysLive', live: false });
  });
});
