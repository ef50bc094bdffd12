// The review queue as the sidebar shows it: a filter, a cursor, and the decisions made from it.
// Ordering lives in core (reviewQueue.ts); this class keeps the cursor and talks to the session.
import * as vscode from 'vscode';
import { cursorAfterDecision, matches, moveTarget, reviewQueue, type QueueOptions } from '../../core/review/reviewQueue.ts';
import type { ReviewDecision, ReviewFilter, ReviewStrategy } from '../../shared/protocol.ts';
import type { SessionController } from '../session/sessionController.ts';

export class ReviewController {
  private filterNow: ReviewFilter = 'pending';
  private strategyNow: ReviewStrategy = 'all';
  private cursorNow = 0;
  private currentId: string | undefined;
  private queueCache: { revision: number; key: string; ids: string[] } | undefined;
  private readonly session: SessionController;
  private readonly flaggedFirst: () => boolean;
  private readonly failsCheck: { readonly test: (sampleId: string) => boolean; readonly version: () => number };
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(session: SessionController, flaggedFirst: () => boolean, failsCheck: { readonly test: (sampleId: string) => boolean; readonly version: () => number }) {
    this.session = session;
    this.flaggedFirst = flaggedFirst;
    this.failsCheck = failsCheck;
  }

  get filter(): ReviewFilter {
    return this.filterNow;
  }

  get strategy(): ReviewStrategy {
    return this.strategyNow;
  }

  private options(): QueueOptions {
    return { filter: this.filterNow, strategy: this.strategyNow, flaggedFirst: this.flaggedFirst(), failsCheck: this.failsCheck.test };
  }

  /** The ordered sample ids of the current filter (recomputed only when the session changed). */
  queue(): string[] {
    const state = this.session.state;
    const key = `${this.filterNow}|${this.strategyNow}|${this.flaggedFirst()}|${this.failsCheck.version()}`;
    if (this.queueCache && this.queueCache.revision === state.events && this.queueCache.key === key) return this.queueCache.ids;
    const ids = reviewQueue(state, this.options());
    this.queueCache = { revision: state.events, key, ids };
    return ids;
  }

  /**
   * The card under the cursor follows its sample, not its position: while a run adds samples or
   * new check results reorder the queue, the card a person is reading does not change under them.
   */
  get cursor(): number {
    const queue = this.queue();
    if (this.currentId !== undefined) {
      const index = queue.indexOf(this.currentId);
      if (index >= 0) return index;
    }
    return Math.max(0, Math.min(this.cursorNow, queue.length - 1));
  }

  private setCursor(index: number): void {
    const queue = this.queue();
    this.cursorNow = Math.max(0, Math.min(index, queue.length - 1));
    this.currentId = queue[this.cursorNow];
  }

  setFilter(filter: ReviewFilter, strategy: ReviewStrategy): void {
    this.filterNow = filter;
    this.strategyNow = strategy;
    this.setCursor(0);
    this.changed.fire();
  }

  moveTo(index: number, sampleId?: string): void {
    this.setCursor(moveTarget(this.queue(), index, sampleId));
    this.changed.fire();
  }

  /** Shows one sample: in the current queue if it is there, else in "all". */
  show(sampleId: string): void {
    let index = this.queue().indexOf(sampleId);
    if (index < 0) {
      this.filterNow = 'all';
      this.strategyNow = 'all';
      index = this.queue().indexOf(sampleId);
    }
    this.setCursor(Math.max(0, index));
    this.changed.fire();
  }

  /** Decisions in the order they came: a burst of keys sends several before the first is written. */
  private decisions: Promise<void> = Promise.resolve();

  /**
   * Decides one sample. Decisions run one after another: each places the cursor from the queue
   * as the previous one left it, so a burst of five leaves the cursor on the sixth card, not
   * on cards computed from positions that had already shifted (which skipped pending cards).
   */
  decide(sampleId: string, decision: ReviewDecision, extra: { edited?: { question: string; answer: string }; reason?: string } = {}): Promise<void> {
    const next = this.decisions.then(() => this.decideNow(sampleId, decision, extra));
    this.decisions = next.catch(() => undefined);
    return next;
  }

  private async decideNow(sampleId: string, decision: ReviewDecision, extra: { edited?: { question: string; answer: string }; reason?: string }): Promise<void> {
    const index = this.queue().indexOf(sampleId);
    await this.session.decide(sampleId, decision, extra);
    const sample = this.session.state.samples.get(sampleId);
    const stillIn = sample !== undefined && matches(this.session.state, sample, this.options());
    const length = this.queue().length;
    this.setCursor(index >= 0 ? cursorAfterDecision(index, stillIn, length) : this.cursor);
    this.changed.fire();
  }

  skip(sampleId: string): void {
    const index = this.queue().indexOf(sampleId);
    this.moveTo(index >= 0 ? index + 1 : this.cursor + 1);
  }

  async undo(): Promise<void> {
    const restored = await this.session.undo();
    if (restored) this.show(restored);
  }

  /** The sample under the cursor, for commands bound to keys outside the webview. */
  current(): string | undefined {
    return this.queue()[this.cursor];
  }

  dispose(): void {
    this.changed.dispose();
  }
}
