// The only module that imports @vscode/webview-ui-toolkit. The toolkit is archived upstream
// (pinned at 1.4.0 because the user asked for it); keeping every use behind this file means a
// replacement touches one place. The rest of the webview creates elements by these tag names.
import {
  provideVSCodeDesignSystem,
  vsCodeBadge,
  vsCodeButton,
  vsCodeCheckbox,
  vsCodeDivider,
  vsCodeDropdown,
  vsCodeLink,
  vsCodeOption,
  vsCodeProgressRing,
  vsCodeTextArea,
  vsCodeTextField,
} from '@vscode/webview-ui-toolkit';

export const Toolkit = {
  badge: 'vscode-badge',
  button: 'vscode-button',
  checkbox: 'vscode-checkbox',
  divider: 'vscode-divider',
  dropdown: 'vscode-dropdown',
  link: 'vscode-link',
  option: 'vscode-option',
  progressRing: 'vscode-progress-ring',
  textArea: 'vscode-text-area',
  textField: 'vscode-text-field',
} as const;

/** Tags whose keystrokes are typing, not review shortcuts. */
export const TYPING_TAGS: ReadonlySet<string> = new Set(['INPUT', 'TEXTAREA', 'SELECT', 'VSCODE-TEXT-AREA', 'VSCODE-TEXT-FIELD', 'VSCODE-DROPDOWN', 'VSCODE-CHECKBOX']);

let registered = false;

/** Defines the custom elements once; they style themselves from VS Code's theme variables. */
export function registerToolkit(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(
    vsCodeBadge(),
    vsCodeButton(),
    vsCodeCheckbox(),
    vsCodeDivider(),
    vsCodeDropdown(),
    vsCodeLink(),
    vsCodeOption(),
    vsCodeProgressRing(),
    vsCodeTextArea(),
    vsCodeTextField(),
  );
}
