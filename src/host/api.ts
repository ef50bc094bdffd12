// What `activate` returns: a read-only window on the extension's state for the extension-host
// tests (and for other extensions). It exposes facts the UI shows, never secrets.
import type { SidebarSnapshot } from '../shared/protocol.ts';

export interface SeedSmithApi {
  /** The status bar item's current text, e.g. `$(beaker) teacher queries 0 / 500`. */
  readonly statusBarText: () => string;
  /** The snapshot the sidebar renders right now. */
  readonly sidebarSnapshot: () => SidebarSnapshot;
  /** The HTML last given to the sidebar webview, or undefined before it was first shown. */
  readonly sidebarHtml: () => string | undefined;
  /** True once the sidebar webview has sent `ready`. */
  readonly sidebarReady: () => boolean;
}
