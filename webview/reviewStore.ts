// Which card the review shows, and which card each key acts on, without the DOM (so it is tested
// under Node). A decision moves to the next card at once, from the window of cards the host sent
// ahead; the host's snapshots confirm decisions later, one by one. Until every decision made here
// is confirmed, a snapshot does not move the person back onto a card they already decided, and
// keys that arrive while no card is ready yet (the window ran out) wait and then apply to the
// next cards in order. So every decision lands on the card the person saw.
import type { ReviewCard, ReviewView, WebviewIntent } from '../src/shared/protocol.ts';

export type ReviewAction = { readonly kind: 'accept' } | { readonly kind: 'reject' } | { readonly kind: 'skip' };

type DecidedState = 'accepted' | 'rejected';

export class ReviewStore {
  private viewNow: ReviewView | undefined;
  /** The card shown; undefined while waiting for cards past the end of the window. */
  private shownId: string | undefined;
  /** The position shown when no card is (an empty queue, or waiting for the next window). */
  private shownPosition = 0;
  /** Decisions sent and not yet seen in a snapshot, with the state each will give its card. */
  private readonly unconfirmed = new Map<string, DecidedState>();
  /** Cards skipped here since the host last caught up: not shown again on the way forward. */
  private readonly passed = new Set<string>();
  /** Keys that arrived while no card was ready: applied in order once cards arrive. */
  private readonly waiting: ReviewAction[] = [];
  private readonly send: (intent: WebviewIntent) => void;

  constructor(send: (intent: WebviewIntent) => void) {
    this.send = send;
  }

  get view(): ReviewView | undefined {
    return this.viewNow;
  }

  /** The card the next key acts on (the one painted). */
  current(): ReviewCard | undefined {
    if (this.shownId === undefined) return undefined;
    return this.viewNow?.window.find((card) => card.id === this.shownId && !this.unconfirmed.has(card.id));
  }

  /** The position shown, 0-based, in the host's numbering of the queue. */
  position(): number {
    return this.current()?.position ?? this.shownPosition;
  }

  /** Keys waiting for a card, for tests and the counts line. */
  get waitingKeys(): number {
    return this.waiting.length;
  }

  update(view: ReviewView): void {
    this.viewNow = view;
    for (const [id, state] of this.unconfirmed) {
      const card = view.window.find((c) => c.id === id);
      // Confirmed: the card left the queue (a decided card leaves "pending") or shows the new state.
      if (!card || card.state === state) this.unconfirmed.delete(id);
    }
    if (this.unconfirmed.size === 0 && this.waiting.length === 0) {
      // The host has caught up with every decision made here: its cursor is the truth.
      this.passed.clear();
      this.showAt(view.cursor);
      return;
    }
    // Decisions are still on their way: keep the card the person sees, or the first one after
    // the host's cursor that was neither decided nor passed here.
    const kept = this.shownId !== undefined && view.window.some((card) => card.id === this.shownId && !this.unconfirmed.has(card.id));
    if (!kept) {
      const next = view.window.find((card) => card.position >= view.cursor && !this.unconfirmed.has(card.id) && !this.passed.has(card.id));
      this.shownId = next?.id;
      this.shownPosition = next?.position ?? view.cursor;
    }
    this.replay();
  }

  /** Applies a key: to the card shown, or (when none is ready yet but more may come) later. */
  act(action: ReviewAction, extra: { edited?: { question: string; answer: string }; reason?: string } = {}): boolean {
    const view = this.viewNow;
    if (!view) return false;
    const card = this.current();
    if (!card) {
      if (this.moreMayCome()) {
        this.waiting.push(action);
        return true;
      }
      return false;
    }
    this.apply(card, action, extra);
    return true;
  }

  /** Moves by `delta` cards; tells the host (its cursor follows) unless `quiet`. */
  move(delta: number): boolean {
    const view = this.viewNow;
    if (!view || view.queueLength === 0) return false;
    const to = Math.max(0, Math.min(view.queueLength - 1, this.position() + delta));
    if (to === this.position()) return false;
    this.showAt(to);
    // The card's id goes along: check results can reorder the host's queue before the move
    // arrives, and the host must then show this card, not whatever now sits at its position.
    const card = this.current();
    this.send(card ? { type: 'move', to, sampleId: card.id } : { type: 'move', to });
    return true;
  }

  private apply(card: ReviewCard, action: ReviewAction, extra: { edited?: { question: string; answer: string }; reason?: string }): void {
    if (action.kind === 'skip') {
      this.send({ type: 'skip', sampleId: card.id });
      this.passed.add(card.id);
    } else {
      if (this.viewNow?.readOnly) return;
      this.send({ type: 'decide', sampleId: card.id, decision: action.kind, ...extra });
      this.unconfirmed.set(card.id, action.kind === 'accept' ? 'accepted' : 'rejected');
    }
    const next = this.viewNow?.window.find((c) => c.position > card.position && !this.unconfirmed.has(c.id) && !this.passed.has(c.id));
    this.shownId = next?.id;
    this.shownPosition = next?.position ?? card.position + 1;
  }

  private replay(): void {
    while (this.waiting.length > 0) {
      const card = this.current();
      if (!card) {
        if (!this.moreMayCome()) this.waiting.length = 0;
        return;
      }
      const action = this.waiting.shift();
      if (action) this.apply(card, action, {});
    }
  }

  /** Whether cards past the window may still come: the queue is longer than what was shown. */
  private moreMayCome(): boolean {
    const view = this.viewNow;
    if (!view) return false;
    const last = view.window.at(-1);
    return this.unconfirmed.size > 0 && last !== undefined && last.position < view.queueLength - 1;
  }

  private showAt(position: number): void {
    const card = this.viewNow?.window.find((c) => c.position === position);
    this.shownId = card?.id;
    this.shownPosition = position;
  }
}
