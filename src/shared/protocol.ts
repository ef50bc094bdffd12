// The one contract between the extension host and the sidebar webview.
//
// Webview → host messages are *intents* (what the person asked for); host → webview messages are
// *facts* (what is true now). The host owns all state and answers the webview's `ready` with a
// full snapshot, so a webview that is hidden, disposed and shown again never has to replay
// anything. Everything here is plain data and tiny guards: it is loaded by both sides.

/** Bumped when a message changes shape, so a stale webview bundle is detected instead of misread. */
export const PROTOCOL_VERSION = 1;

/** How many bad lines a snapshot carries; the Problems panel has them all. */
export const MAX_BAD_LINES_IN_SNAPSHOT = 50;

export interface BadLine {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface SeedFileView {
  /** Workspace-relative path when inside the workspace, otherwise the file system path. */
  readonly displayPath: string;
  readonly fileName: string;
  readonly uri: string;
  /** The detected shape, e.g. `question/answer`, `messages`, or `mixed`. */
  readonly shape: string;
  /** The fields questions and answers were read from, e.g. `question` → `answer`. */
  readonly questionField: string;
  readonly answerField: string;
  readonly validSeeds: number;
  readonly badLineCount: number;
  readonly warningCount: number;
  readonly blankLines: number;
  /** The first bad lines (at most MAX_BAD_LINES_IN_SNAPSHOT). */
  readonly badLines: readonly BadLine[];
}

export type SeedFileStatus =
  | { readonly kind: 'none' }
  | { readonly kind: 'loading'; readonly fileName: string }
  | { readonly kind: 'loaded'; readonly file: SeedFileView }
  | { readonly kind: 'failed'; readonly fileName: string; readonly message: string };

export interface BudgetView {
  readonly teacherLimit: number;
  readonly teacherSpent: number;
}

export interface SidebarSnapshot {
  /** Increases with every snapshot; the webview drops anything older than what it shows. */
  readonly revision: number;
  readonly seedFile: SeedFileStatus;
  readonly budget: BudgetView;
  readonly workspaceTrusted: boolean;
}

export type WebviewIntent =
  | { readonly type: 'ready'; readonly protocolVersion: number }
  | { readonly type: 'selectSeedFile' }
  | { readonly type: 'revealLine'; readonly line: number };

export type HostFact = { readonly type: 'snapshot'; readonly snapshot: SidebarSnapshot };

/**
 * Validates a message from the webview before the host acts on it: the webview renders
 * untrusted seed and model text, so the host treats what it sends as untrusted too.
 */
export function parseWebviewIntent(message: unknown): WebviewIntent | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const candidate = message as Record<string, unknown>;
  switch (candidate['type']) {
    case 'ready':
      return typeof candidate['protocolVersion'] === 'number'
        ? { type: 'ready', protocolVersion: candidate['protocolVersion'] }
        : undefined;
    case 'selectSeedFile':
      return { type: 'selectSeedFile' };
    case 'revealLine': {
      const line = candidate['line'];
      return typeof line === 'number' && Number.isInteger(line) && line >= 1 ? { type: 'revealLine', line } : undefined;
    }
    default:
      return undefined;
  }
}

/** The webview's side of the same check: a fact it does not understand is ignored, not guessed at. */
export function parseHostFact(message: unknown): HostFact | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const candidate = message as Record<string, unknown>;
  if (candidate['type'] === 'snapshot' && typeof candidate['snapshot'] === 'object' && candidate['snapshot'] !== null) {
    return message as HostFact;
  }
  return undefined;
}

/** Compile-time exhaustiveness for every switch over a protocol union. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled protocol message: ${JSON.stringify(value)}`);
}
