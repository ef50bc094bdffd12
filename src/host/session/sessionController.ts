// The review session of the selected seed file: the same folder and journal the CLI uses
// (.seedsmith/<stem>/ beside the seed file), so a run started in one is reviewed in the other.
// The journal has one writer at a time: the editor takes the lock when it has the session open;
// when another process holds it, the session opens read-only and follows the file. Read-only is
// never for good: the lock is looked at again when it changes, on a timer and when the window
// gets focus, and the holder is taken over as soon as it is gone. An idle editor window of the
// same user can be asked to let go (Take over); a `seedsmith` command never is.
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { Decision } from '../../core/journal/events.ts';
import { createSessionState } from '../../core/journal/reduce.ts';
import type { SessionState } from '../../core/journal/state.ts';
import { EDITOR_SOURCE, UndoHistory, undoDecisionOf, undoStackFrom } from '../../core/review/undoStack.ts';
import { askToRelease, canAskToRelease, clearReleaseRequest, pendingReleaseRequest, watchReleaseRequests } from '../../node/lockRelease.ts';
import { JOURNAL_FILE, LOCK_FILE, defaultSessionDir, openSession, readSession, type OpenSession } from '../../node/sessionFolder.ts';
import { SessionInUseError, type LockHolder } from '../../node/sessionLock.ts';
import { describeSessionHolder, holderNotice } from './holderNotice.ts';

export type SessionMode =
  /** No journal yet: nothing generated for this seed file. */
  | { readonly kind: 'empty' }
  | { readonly kind: 'writable' }
  /** Another process writes the session (a CLI run, another window); we follow its journal. */
  | { readonly kind: 'read-only'; readonly holder: LockHolder | null };

/** How often a read-only session looks at the lock again: a holder can die without a file event (a crash, a zombie). */
const RECHECK_MS = 5000;

/** What came of asking the holder to let go, for the person. */
export type TakeOverResult = 'taken' | 'busy' | 'no-answer' | 'not-allowed' | 'cancelled';

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
  /** True while this window generates: it then keeps the session when another window asks for it. */
  private readonly isBusy: () => boolean;
  private readonly recheckTimer: NodeJS.Timeout;
  private readonly focusListener: vscode.Disposable;
  private stopReleaseWatch: (() => void) | undefined;
  /** Set after this window let another one take the session: it does not grab it back by itself. */
  private yielded = false;

  constructor(isBusy: () => boolean = () => false) {
    this.isBusy = isBusy;
    this.recheckTimer = setInterval(() => void this.recheck(), RECHECK_MS);
    this.recheckTimer.unref();
    this.focusListener = vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) void this.recheck();
    });
  }

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
    this.yielded = false;
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
    if (!this.open) throw new Error(holderNotice(this.modeNow, 'decisions') ?? vscode.l10n.t('Another process is writing this session.'));
    return this.open;
  }

  /**
   * Looks at the lock again while read-only (the holder may be gone without a trace), and while
   * writable answers a release request another window left. Cheap: a file read and /proc.
   */
  async recheck(): Promise<void> {
    if (!this.dirNow) return;
    if (this.open) {
      if (await pendingReleaseRequest(this.lockPath())) await this.releaseAsked();
      return;
    }
    if (this.modeNow.kind === 'read-only' || existsSync(path.join(this.dirNow, JOURNAL_FILE))) await this.reread();
  }

  /**
   * Takes the session over from an idle editor window of the same user: asks it to let go (after
   * the person confirmed), then takes the lock the ordinary way. Never from a `seedsmith` command.
   */
  async takeOver(confirm: (holder: string) => Promise<boolean>): Promise<TakeOverResult> {
    if (!this.dirNow || this.open) return this.open ? 'taken' : 'not-allowed';
    this.yielded = false; // the person wants it: a window that gave it away may take it back
    await this.reread();
    if (this.open) return 'taken';
    const holder = this.modeNow.kind === 'read-only' ? this.modeNow.holder : null;
    if (!holder || !canAskToRelease(holder)) return 'not-allowed';
    if (!(await confirm(describeSessionHolder(holder)))) return 'cancelled';
    const answer = await askToRelease(this.lockPath());
    if (answer !== 'released') return answer === 'refused' ? 'busy' : 'no-answer';
    this.yielded = false;
    await this.attach(false);
    this.fire();
    return this.open ? 'taken' : 'busy';
  }

  /** Another window asked for the session: let it go if nothing runs here, and follow it read-only. */
  private async releaseAsked(): Promise<void> {
    const open = this.open;
    if (!open) return;
    if (this.isBusy()) {
      await clearReleaseRequest(this.lockPath());
      return;
    }
    this.stopReleaseWatch?.();
    this.stopReleaseWatch = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.open = undefined;
    this.yielded = true;
    await open.close();
    await clearReleaseRequest(this.lockPath());
    this.modeNow = { kind: 'read-only', holder: null };
    void vscode.window.showInformationMessage(vscode.l10n.t('SeedSmith: another window took over this session; here it is read-only now.'));
    await this.reread();
  }

  private lockPath(): string {
    return path.join(this.dirNow ?? '', LOCK_FILE);
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
    const dir = this.dirNow;
    if (!dir) return;
    try {
      const lock = { kind: 'editor', command: 'VS Code window' } as const;
      const session = await openSession(dir, create ? { lock } : { mustExist: true, lock });
      // Another seed file was chosen (or the session opened by another path) while this one
      // opened: it is not this window's session any more.
      if (dir !== this.dirNow || this.open) {
        await session.close();
        return;
      }
      this.open = session;
      this.stateNow = session.state;
      this.modeNow = { kind: 'writable' };
      // Decisions made here before a reload can still be undone.
      this.undoHistory.reset(undoStackFrom(session.state));
      this.unsubscribe = session.journal.subscribe(() => this.fire());
      this.yielded = false;
      this.stopReleaseWatch = watchReleaseRequests(path.join(session.dir, LOCK_FILE), () => void this.releaseAsked());
    } catch (error) {
      if (!(error instanceof SessionInUseError)) throw error;
      await this.reread();
    }
  }

  private async reread(): Promise<void> {
    const dir = this.dirNow;
    if (!dir || this.open) return;
    try {
      const snapshot = await readSession(dir);
      // A look that began before another seed file was chosen (the periodic recheck, a file
      // event) must not put the old session's state under the new one's folder.
      if (dir !== this.dirNow || this.open) return;
      this.stateNow = snapshot.state;
      this.modeNow = { kind: 'read-only', holder: snapshot.holder?.live ? snapshot.holder : null };
      // The writer went away: take the session over for writing (unless this window just gave it away).
      if (!snapshot.holder?.live && !this.yielded) await this.attach(false);
    } catch {
      if (dir !== this.dirNow) return;
      this.stateNow = createSessionState();
      this.modeNow = { kind: 'empty' };
    }
    this.fire();
  }

  /** Follows the journal when another process writes it (a CLI run, or `seedsmith decide`). */
  private watchJournal(): void {
    if (!this.dirNow) return;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(this.dirNow), JOURNAL_FILE));
    // The lock going away is the moment a writer finished: no need to wait for the timer.
    const lockWatcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(this.dirNow), LOCK_FILE));
    let timer: NodeJS.Timeout | undefined;
    const changed = () => {
      if (this.open) return; // our own writes
      clearTimeout(timer);
      timer = setTimeout(() => void this.reread(), 200);
    };
    this.watcher = vscode.Disposable.from(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), lockWatcher, lockWatcher.onDidDelete(changed), { dispose: () => clearTimeout(timer) });
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
    this.stopReleaseWatch?.();
    this.stopReleaseWatch = undefined;
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
    clearInterval(this.recheckTimer);
    this.focusListener.dispose();
    void this.close();
    this.changed.dispose();
  }
}
