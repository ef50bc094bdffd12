// The review commands behind the contributed keybindings (a accept, x reject, e edit, space skip,
// backspace or u undo, while the sidebar has focus). Keys typed in the sidebar reach VS Code's
// keybindings (the webview forwards them, except while the person types in a field), so the
// commands, not the webview, own the keys and a person can rebind them. VS Code's `focusedView`
// is not set while focus is inside a webview view (its iframe lies outside the view's DOM), so
// the sidebar reports its focus and the host keeps REVIEW_FOCUS_CONTEXT; until the sidebar hears
// that the context is set, it handles the default keys itself, so the first key after a click is
// never lost. The default bindings pass
// SHOWN_CARD: the command is then carried to the sidebar, which does it on the card it shows (it
// may be a step ahead of the host, and paints the next card at once). From the palette, another
// extension or a binding without the argument, the command acts on the host's current card and
// returns when the decision is journaled.
import * as vscode from 'vscode';
import type { ReviewKeyAction, ReviewKeys } from '../../shared/protocol.ts';
import type { ReviewController } from './reviewController.ts';
import { REVIEW_KEY_COMMANDS, WARM_UP_ARGUMENT, isShownCardArgument, isWarmUpArgument, reviewKeyLabels } from './reviewKeyLabels.ts';

const EXTENSION_ID = 'seedsmith.seedsmith';

/** The context key the review keybindings' `when` clauses test (package.json). */
export const REVIEW_FOCUS_CONTEXT = 'seedsmith.reviewFocused';

/** Sets the context key, then tells the sidebar the keybindings are live (or not). */
export async function setReviewFocus(focused: boolean, keysLive: (live: boolean) => void): Promise<void> {
  await vscode.commands.executeCommand('setContext', REVIEW_FOCUS_CONTEXT, focused);
  keysLive(focused);
}

let labels: ReviewKeys | undefined;

/** The default keys of the review commands, for the buttons. */
export function reviewKeys(): ReviewKeys {
  labels ??= reviewKeyLabels(vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON);
  return labels;
}

export interface ReviewKeyDeps {
  readonly review: ReviewController;
  /** Posts the action to the sidebar; false when it is not showing. */
  readonly forward: (action: ReviewKeyAction) => Promise<boolean>;
  /** Shows a decision that failed instead of swallowing it. */
  readonly guard: (action: () => Promise<void> | void) => Promise<void>;
  readonly showSidebar: () => Thenable<unknown>;
}

export function registerReviewKeyCommands(deps: ReviewKeyDeps): vscode.Disposable[] {
  const { review } = deps;
  const onHost: Record<ReviewKeyAction, () => Promise<void> | void> = {
    accept: async () => {
      const id = review.current();
      if (id) await review.decide(id, 'accept');
    },
    reject: async () => {
      const id = review.current();
      if (id) await review.decide(id, 'reject');
    },
    // Editing happens in the sidebar's fields: show it.
    edit: async () => void (await deps.showSidebar()),
    skip: () => {
      const id = review.current();
      if (id) review.skip(id);
    },
    undo: () => review.undo(),
  };
  return (Object.keys(REVIEW_KEY_COMMANDS) as ReviewKeyAction[]).map((action) =>
    vscode.commands.registerCommand(REVIEW_KEY_COMMANDS[action], (arg?: unknown) =>
      isWarmUpArgument(arg) ? undefined : deps.guard(async () => {
        if (!(isShownCardArgument(arg) && (await deps.forward(action)))) await onHost[action]();
      }),
    ),
  );
}

/**
 * Runs each review command once through the workbench, doing nothing. The workbench's command
 * service waits for a command's `onCommand:` activation event the first time it runs that
 * command (a round trip to the extension host) and runs it at once afterwards; so in a first
 * burst of keys, a reject pressed after an accept could overtake the accepts still waiting, and
 * land on the wrong card. Run at activation, this wait is over before the first key.
 */
export async function warmUpReviewKeys(log: vscode.LogOutputChannel): Promise<void> {
  try {
    await vscode.commands.executeCommand('runCommands', { commands: Object.values(REVIEW_KEY_COMMANDS).map((command) => ({ command, args: WARM_UP_ARGUMENT })) });
  } catch (error) {
    log.warn(`Could not prepare the review keys: ${error instanceof Error ? error.message : String(error)}`);
  }
}
