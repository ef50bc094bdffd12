// The sidebar webview view. It renders snapshots and sends intents; every decision is made here
// in the host. Nothing is posted before the webview says `ready`, and `ready` is answered with
// a full snapshot, so a view that was hidden and re-created needs no replay.
import * as vscode from 'vscode';
import { PROTOCOL_VERSION, parseWebviewIntent, type HostFact, type ReviewKeyAction, type SidebarSnapshot, type WebviewIntent } from '../shared/protocol.ts';
import { renderSidebarHtml } from './webviewHtml.ts';

/** Carries out every intent except the handshake, which this view handles itself. */
export type SidebarActions = (intent: Exclude<WebviewIntent, { type: 'ready' }>) => Promise<void>;

export class SidebarView implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly log: vscode.LogOutputChannel;
  private readonly extensionUri: vscode.Uri;
  private readonly snapshot: () => SidebarSnapshot;
  private readonly actions: SidebarActions;

  constructor(extensionUri: vscode.Uri, snapshot: () => SidebarSnapshot, actions: SidebarActions, log: vscode.LogOutputChannel) {
    this.extensionUri = extensionUri;
    this.snapshot = snapshot;
    this.actions = actions;
    this.log = log;
  }

  /** The HTML last given to the webview, for tests that check the CSP. */
  html: string | undefined;

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    view.webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      // The webview may load only our bundle and stylesheet.
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
    this.html = renderSidebarHtml(view.webview, this.extensionUri);
    view.webview.html = this.html;
    this.disposables.push(
      view.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      view.onDidDispose(() => {
        this.view = undefined;
        this.ready = false;
      }),
    );
  }

  /** Sends the current snapshot if the webview is listening; otherwise `ready` will fetch it. */
  refresh(): void {
    if (this.view && this.ready) this.post({ type: 'snapshot', snapshot: this.snapshot() });
  }

  /** Moves keyboard focus to the review card (after "show the samples of this seed"). */
  focusReview(): void {
    if (this.view && this.ready) this.post({ type: 'focusReview' });
  }

  /** Hands a review command (from a keybinding or the palette) to the sidebar showing the card; false when none is showing. */
  async forwardReviewKey(action: ReviewKeyAction): Promise<boolean> {
    if (!this.view?.visible || !this.ready) return false;
    return this.view.webview.postMessage({ type: 'reviewKey', action } satisfies HostFact);
  }

  /** Tells the sidebar whether VS Code's review keybindings now see it focused. */
  keysLive(live: boolean): void {
    if (this.view && this.ready) this.post({ type: 'reviewKeysLive', live });
  }

  /** The snapshot last sent, for tests that check what the webview was told. */
  lastSnapshot: SidebarSnapshot | undefined;

  get isReady(): boolean {
    return this.ready;
  }

  private post(fact: HostFact): void {
    if (fact.type === 'snapshot') this.lastSnapshot = fact.snapshot;
    void this.view?.webview.postMessage(fact);
  }

  private receive(message: unknown): void {
    const intent = parseWebviewIntent(message);
    if (!intent) {
      this.log.warn('Ignored a malformed message from the sidebar.');
      return;
    }
    void this.handle(intent).catch((error: unknown) => {
      this.log.error(`Sidebar action ${intent.type} failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  private async handle(intent: WebviewIntent): Promise<void> {
    switch (intent.type) {
      case 'ready':
        if (intent.protocolVersion !== PROTOCOL_VERSION) {
          this.log.warn(`Sidebar speaks protocol ${intent.protocolVersion}, host ${PROTOCOL_VERSION}; reloading it.`);
          if (this.view) this.view.webview.html = renderSidebarHtml(this.view.webview, this.extensionUri);
          return;
        }
        this.ready = true;
        this.refresh();
        return;
      default:
        return this.actions(intent);
    }
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
