// The only module that imports @vscode/webview-ui-toolkit. The toolkit is archived upstream
// (pinned at 1.4.0 because the user asked for it); keeping every use behind this file means a
// replacement touches one place. The rest of the webview creates elements by these tag names.
import {
  provideVSCodeDesignSystem,
  vsCodeBadge,
  vsCodeButton,
  vsCodeDivider,
  vsCodeLink,
  vsCodeProgressRing,
} from '@vscode/webview-ui-toolkit';

export const Toolkit = {
  badge: 'vscode-badge',
  button: 'vscode-button',
  divider: 'vscode-divider',
  link: 'vscode-link',
  progressRing: 'vscode-progress-ring',
} as const;

let registered = false;

/** Defines the custom elements once; they style themselves from VS Code's theme variables. */
export function registerToolkit(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(
    vsCodeBadge(),
    vsCodeButton(),
    vsCodeDivider(),
    vsCodeLink(),
    vsCodeProgressRing(),
  );
}
