// What `activate` returns: a read-only window on the extension's state for the extension-host
// tests (and for other extensions). It exposes facts the UI shows, never secrets.
import type * as vscode from 'vscode';
import type { SidebarSnapshot } from '../shared/protocol.ts';

export interface SeedSmithApi {
  /** The status bar item's current text, e.g. `$(beaker) 0 / 500 teacher queries`. */
  readonly statusBarText: () => string;
  readonly statusBarIsWarning: () => boolean;
  /** The snapshot the sidebar would render right now. */
  readonly sidebarSnapshot: () => SidebarSnapshot;
  /** The HTML last given to the sidebar webview, or undefined before it was first shown. */
  readonly sidebarHtml: () => string | undefined;
  /** True once the sidebar webview has sent `ready`. */
  readonly sidebarReady: () => boolean;
  /** The snapshot last posted to the webview (what it was really told). */
  readonly lastPostedSnapshot: () => SidebarSnapshot | undefined;
  /** The folder of the selected seed file's session. */
  readonly sessionDir: () => string | undefined;
  /** The file that remembers the chosen seed file, in the workspace's storage folder on the host. */
  readonly seedFileChoiceLocation: () => vscode.Uri | undefined;
  /** Where this extension's logs go (tests check that no secret reaches them). */
  readonly logUri: () => vscode.Uri;
  /** Starts a run as the Generate button does; resolves when it ended. */
  readonly runGeneration: () => Promise<void>;
  /** Starts a batch run as the "Run as batch" button does; resolves when it ended. */
  readonly runBatch: () => Promise<void>;
  /** Cancels the batches in flight at the provider, as the "Cancel Batches" button does. */
  readonly cancelBatch: () => Promise<void>;
  /** CodeLens titles per 1-based line of an open seed file. */
  readonly lensTitles: (uri: vscode.Uri) => Record<number, string>;
  /** The hover shown on a 1-based line of an open seed file. */
  readonly hoverText: (uri: vscode.Uri, line: number) => vscode.MarkdownString | undefined;
}
