// The review session of the selected seed file: the same folder and journal the CLI uses
// (.seedsmith/<stem>/ beside the seed file), so a run started in one is reviewed in the other.
// The journal has one writer at a time: the editor takes the lock when it has the session open;
// when another process (a CLI run) holds it, the session opens read-only and follows the file.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { Decision } from '../../core/journal/events.ts';
import { createSessionState } from '../../core/journal/reduce.ts';
import type { SessionState } from '../../core/journal/state.ts';
import { EDITOR_SOURCE, UndoHistory, undoDecisionOf, undoStackFrom } from '../../core/review/undoStack.ts';
import { JOURNAL_FILE, defaultSessionDir, openSession, readSession, type OpenSession } from '../../node/sessionFolder.ts';
import { SessionInUseError } from '../../node/sessionLock.ts';

export type SessionMode =
  /** No journal yet: nothing generated for this seed file. */
  | { readonly kind: 'empty' }
  | { readonly kind: 'writable' }
  /** Another process writes the session (a CLI run); we follow its journal. */
  | { readonly kind: 'read-only'; readonly holderPid: number | null };

export class SessionController implements vscode.Disposable {
  private open: OpenSession | undefined;
  private stateNow: SessionState = createSessionState();
  private modeNow: SessionMode = { kind: 'empty' };
  private dirNow: string | undefined;
  private watcher: vscode.Disposable | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly undoHistory = new UndoHistory();
  private readonly changed = new vscode.EventEmitter<void>();
  private changeTimer: NodeJS.Timeout | undefined;
  /** Fires (at most every 50 ms) after the session's state changed. */
  readonly onDidChange = this.changed.event;

  get state(): SessionState {
    return this.stateNow;
  }

  get mode(): SessionMode {
    return this.modeNow;
  }

  get dir(): string | undefined {
    return this.dirNow;
  }

  /** Opens the session that belongs to a seed file (closing the previous one). */
  async load(seedFile: vscode.Uri | undefined): Promise<void> {
    await this.close();
    this.undoHistory.reset();
    if (!seedFile || seedFile.scheme !== 'file') {
      this.fire();
      return;
    }
    this.dirNow = defaultSessionDir(seedFile.fsPath);
    if (existsSync(`${this.dirNow}/${JOURNAL_FILE}`)) await this.attach(false);
    this.watchJournal();
    this.fire();
  }

  /** The session open for writing, creating it if needed; throws a plain-words error when another process writes it. */
  async writable(): Promise<OpenSession> {
    if (this.open) return this.open;
    if (!this.dirNow) throw new Error(vscode.l10n.t('Select a seed file on this computer first.'));
    await this.attach(true);
    if (!this.open) {
      const pid = this.modeNow.kind === 'read-only' ? this.modeNow.holderPid : null;
      throw new Error(vscode.l10n.t('Another process{0} is writing this session (a `seedsmith generate` run?). Wait for it to finish.', pid ? ` (pid ${pid})` : ''));
    }
    return this.open;
  }

  async decide(sampleId: string, decision: Decision, extra: { edited?: { question: string; answer: string }; reason?: string } = {}): Promise<void> {
    const session = await this.writable();
    const previous = session.state.reviews.get(sampleId);
    if (!previous) throw new Error(vscode.l10n.t('No sample {0} in this session.', sampleId));
    await session.journal.append({ type: 'decision', at: new Date().toISOString(), sampleId, decision, source: EDITOR_SOURCE, ...(extra.edited ? { edited: extra.edited } : {}), ...(extra.reason ? { reason: extra.reason } : {}) }, { durable: true });
    this.undoHistory.record({ sampleId, previous });
  }

  /** Takes back the last decision made here; returns the sample it restored. */
  async undo(): Promise<string | undefined> {
    return this.undoHistory.undo(async (entry) => {
      const session = await this.writable();
      await session.journal.append(undoDecisionOf(entry, new Date().toISOString()), { durable: true });
    });
  }

  get canUndo(): boolean {
    return this.undoHistory.canUndo;
  }

  private async attach(create: boolean): Promise<void> {
    if (!this.dirNow) return;
    try {
      const session = await openSession(this.dirNow, create ? {} : { mustExist: true });
      this.open = session;
      this.stateNow = session.state;
      this.modeNow = { kind: 'writable' };
      // Decisions made here before a reload can still be undone.
      this.undoHistory.reset(undoStackFrom(session.state));
      this.unsubscribe = session.journal.subscribe(() => this.fire());
    } catch (error) {
      if (!(error instanceof SessionInUseError)) throw error;
      await this.reread();
    }
  }

  private async reread(): Promise<void> {
    if (!this.dirNow || this.open) return;
    try {
      const snapshot = await readSession(this.dirNow);
      this.stateNow = snapshot.state;
      this.modeNow = snapshot.holder?.live ? { kind: 'read-only', holderPid: snapshot.holder.info.pid } : { kind: 'read-only', holderPid: null };
      // The writer went away: take the session over for writing.
      if (!snapshot.holder?.live) await this.attach(false);
    } catch {
      this.stateNow = createSessionState();
      this.modeNow = { kind: 'empty' };
    }
    this.fire();
  }

  /** Follows the journal when another process writes it (a CLI run, or `seedsmith decide`). */
  private watchJournal(): void {
    if (!this.dirNow) return;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(this.dirNow), JOURNAL_FILE));
    let timer: NodeJS.Timeout | undefined;
    const changed = () => {
      if (this.open) return; // our own writes
      clearTimeout(timer);
      timer = setTimeout(() => void this.reread(), 200);
    };
    this.watcher = vscode.Disposable.from(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), { dispose: () => clearTimeout(timer) });
  }

  private fire(): void {
    if (this.changeTimer) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = undefined;
      this.changed.fire();
    }, 50);
  }

  async close(): Promise<void> {
    this.watcher?.dispose();
    this.watcher = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    const open = this.open;
    this.open = undefined;
    this.stateNow = createSessionState();
    this.modeNow = { kind: 'empty' };
    this.dirNow = undefined;
    await open?.close();
  }

  dispose(): void {
    clearTimeout(this.changeTimer);
    void this.close();
    this.changed.dispose();
  }
}
