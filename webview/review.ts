// The review queue: one card at a time, keyboard first. The decision keys (a accept, x reject,
// e edit, space skip, backspace or u undo by default) are VS Code keybindings of the review
// commands, so a person can rebind them: a key typed here reaches VS Code, the command comes back
// as a `reviewKey` fact and is done on the card shown. Keys typed into a field are kept from VS
// Code. ←/→ move locally. A decision moves to the next card at once, from the window of cards
// the host sent ahead, and the host's next snapshot confirms it; the host owns every decision.
import type { ReviewCard, ReviewFilter, ReviewKeyAction, ReviewKeys, ReviewStrategy, ReviewView } from '../src/shared/protocol.ts';
import { REVIEW_FILTERS, REVIEW_STRATEGIES, STRATEGY_NAMES } from '../src/shared/protocol.ts';
import { el } from './dom.ts';
import type { Send } from './render.ts';
import { ReviewStore } from './reviewStore.ts';
import { TYPING_TAGS, Toolkit } from './toolkit.ts';

/** The keys package.json binds by default (KeyboardEvent.key → action). */
const DEFAULT_KEYS: Readonly<Record<string, ReviewKeyAction>> = { a: 'accept', x: 'reject', e: 'edit', ' ': 'skip', Backspace: 'undo', u: 'undo' };

/** Elements Space and Enter press: those keys are theirs, not review commands. */
const PRESSABLE_TAGS: ReadonlySet<string> = new Set(['BUTTON', 'A', 'VSCODE-BUTTON', 'VSCODE-LINK', 'VSCODE-OPTION', 'SUMMARY']);
import { wordDiff } from './wordDiff.ts';

const FILTER_NAMES: Record<ReviewFilter, string> = { pending: 'Pending', flagged: 'Flagged', accepted: 'Accepted', rejected: 'Rejected', all: 'All' };
const STRATEGY_FILTER_NAMES: Record<ReviewStrategy, string> = { all: 'All strategies', ...STRATEGY_NAMES };

const CHECK_MARKS = { pass: '✓', fail: '✗', warn: '⚠', 'n/a': '·' } as const;

/**
 * Puts `nodes` under `parent` in order, leaving nodes that are already in place untouched:
 * detaching and re-attaching a toolkit element re-runs its templates and styles.
 */
function syncChildren(parent: HTMLElement, nodes: readonly HTMLElement[]): void {
  nodes.forEach((node, index) => {
    const at = parent.children[index];
    if (at !== node) parent.insertBefore(node, at ?? null);
  });
  while (parent.children.length > nodes.length) parent.lastElementChild?.remove();
}

type Mode = { kind: 'view' } | { kind: 'edit' } | { kind: 'reason' };

export class ReviewPane {
  readonly root = el('section', { className: 'review', testId: 'review', attributes: { 'aria-labelledby': 'review-heading' } });
  /** Which card is shown and which card each key acts on (plain logic, tested under Node). */
  private readonly store: ReviewStore;
  private pendingView: ReviewView | undefined;
  private mode: Mode = { kind: 'view' };
  private readonly send: Send;
  /** Called after a card is painted (for the keystroke → paint benchmark). */
  onPainted: ((cardId: string | null) => void) | undefined;

  constructor(send: Send) {
    this.send = send;
    this.store = new ReviewStore(send);
  }

  private get view(): ReviewView | undefined {
    return this.store.view;
  }

  update(view: ReviewView): void {
    // While the person types an edit or a reason, a snapshot must not wipe the text: it is
    // taken in when they are done.
    if (this.mode.kind !== 'view') {
      this.pendingView = view;
      return;
    }
    this.store.update(view);
    this.paint();
  }

  private backToView(): void {
    this.mode = { kind: 'view' };
    const later = this.pendingView;
    this.pendingView = undefined;
    if (later) this.store.update(later);
  }

  focus(): void {
    (this.root.querySelector('.card') as HTMLElement | null)?.focus();
  }

  private card(): ReviewCard | undefined {
    return this.store.current();
  }

  /**
   * Whether a key is text or a control's own key rather than a review command: then VS Code's
   * keybindings must not see it (the webview forwards every other key to them). Typing into a
   * field or an edit, and Space or Enter on a button or link (which press it).
   */
  keepsKey(event: KeyboardEvent): boolean {
    if (event.ctrlKey || event.metaKey || event.altKey) return false;
    if (this.mode.kind !== 'view') return true;
    const target = event.target as HTMLElement | null;
    if (!target) return false;
    if (TYPING_TAGS.has(target.tagName) || target.isContentEditable) return true;
    return (event.key === ' ' || event.key === 'Enter') && PRESSABLE_TAGS.has(target.tagName);
  }

  /**
   * The default keys, handled here while VS Code's keybindings do not yet see the sidebar focused
   * (just after a click): true when the key was a review command.
   */
  handleDefaultKey(event: KeyboardEvent): boolean {
    if (event.ctrlKey || event.metaKey || event.altKey || this.keepsKey(event)) return false;
    const action = DEFAULT_KEYS[event.key];
    if (!action) return false;
    this.runKey(action);
    return true;
  }

  /** A review command from VS Code (a keybinding or the palette), done on the card shown. */
  runKey(action: ReviewKeyAction): void {
    if (this.mode.kind !== 'view') return;
    const card = this.card();
    switch (action) {
      case 'accept':
      case 'reject':
      case 'skip':
        // A key that arrives before the next card is there waits for it (reviewStore.ts).
        if (this.store.act({ kind: action })) this.paint();
        return;
      case 'edit':
        if (card) this.startEdit();
        return;
      case 'undo':
        this.send({ type: 'undo' });
        return;
    }
  }

  /** Moves with ←/→ (local: nothing to rebind); true when the key was used. */
  handleKey(event: KeyboardEvent): boolean {
    const target = event.target as HTMLElement | null;
    if (target && (TYPING_TAGS.has(target.tagName) || target.isContentEditable)) return false;
    if (event.ctrlKey || event.metaKey || event.altKey) return false;
    switch (event.key) {
      case 'ArrowRight':
        this.move(1);
        return true;
      case 'ArrowLeft':
        this.move(-1);
        return true;
      default:
        return false;
    }
  }

  /** Decides the card shown (the buttons, an edit, a reason); `card` is the one the person acted on. */
  private decide(card: ReviewCard, decision: 'accept' | 'reject', extra: { edited?: { question: string; answer: string }; reason?: string } = {}): void {
    if (this.view?.readOnly) return;
    this.backToView();
    if (this.store.current()?.id === card.id) this.store.act({ kind: decision }, extra);
    this.paint();
  }

  private skip(): void {
    this.store.act({ kind: 'skip' });
    this.paint();
  }

  private move(delta: number): void {
    if (!this.store.move(delta)) return;
    this.backToView();
    this.paint();
  }

  private startEdit(): void {
    if (this.view?.readOnly) return;
    this.mode = { kind: 'edit' };
    this.paint();
    (this.root.querySelector('[data-testid="edit-question"]') as HTMLElement | null)?.focus();
  }

  /** Parts that survive repaints: rebuilding toolkit elements per keystroke costs frames. */
  private filtersNode: { key: string; node: HTMLElement } | undefined;
  private actionsNode: { key: string; node: HTMLElement } | undefined;
  private readonly heading = el('h2', { attributes: { id: 'review-heading' } }, 'Review');

  private paint(): void {
    const view = this.view;
    if (!view) return;
    const card = this.card();
    const filtersKey = `${view.filter}|${view.strategy}`;
    if (this.filtersNode?.key !== filtersKey) this.filtersNode = { key: filtersKey, node: this.filters(view) };
    const editing = this.mode.kind === 'edit';
    const parts = [
      this.heading,
      this.filtersNode.node,
      this.counts(view),
      view.readOnly ? this.readOnlyNotice(view) : null,
      card ? this.renderCard(card, view) : el('p', { className: 'hint', testId: 'queue-empty' }, view.counts.total === 0 ? 'No samples yet: generate some to review them here.' : `Nothing ${FILTER_NAMES[view.filter].toLowerCase()} here.`),
      card ? (editing ? this.editActions(card) : this.actions(view)) : null,
    ];
    syncChildren(this.root, parts.filter((part): part is HTMLElement => part !== null));
    this.onPainted?.(card?.id ?? null);
  }

  private filters(view: ReviewView): HTMLElement {
    const filter = el(Toolkit.dropdown, { testId: 'review-filter', attributes: { 'aria-label': 'Queue' } }, ...REVIEW_FILTERS.map((f) => el(Toolkit.option, { attributes: { value: f, ...(f === view.filter ? { selected: '' } : {}) } }, FILTER_NAMES[f])));
    const strategy = el(Toolkit.dropdown, { testId: 'review-strategy', attributes: { 'aria-label': 'Strategy filter' } }, ...REVIEW_STRATEGIES.map((s) => el(Toolkit.option, { attributes: { value: s, ...(s === view.strategy ? { selected: '' } : {}) } }, STRATEGY_FILTER_NAMES[s])));
    const changed = () => this.send({ type: 'setFilter', filter: (filter as HTMLSelectElement).value as ReviewFilter, strategy: (strategy as HTMLSelectElement).value as ReviewStrategy });
    filter.addEventListener('change', changed);
    strategy.addEventListener('change', changed);
    return el('div', { className: 'row filters' }, filter, strategy);
  }

  private counts(view: ReviewView): HTMLElement {
    const c = view.counts;
    const position = view.queueLength > 0 ? `${Math.min(this.store.position() + 1, view.queueLength)} of ${view.queueLength}` : '0 of 0';
    return el(
      'p',
      { className: 'counts', testId: 'review-counts', attributes: { role: 'status' } },
      `${position} · `,
      el('span', { testId: 'count-pending' }, `${c.pending} pending`), ' · ',
      el('span', { testId: 'count-accepted' }, `${c.accepted} accepted`), ' · ',
      el('span', { testId: 'count-rejected' }, `${c.rejected} rejected`), ' · ',
      el('span', { testId: 'count-flagged' }, `${c.flagged} flagged`),
    );
  }

  private renderCard(card: ReviewCard, view: ReviewView): HTMLElement {
    const editing = this.mode.kind === 'edit';
    const seed = card.seed
      ? el('div', { className: 'seed-pair' },
          el('div', { className: 'label' }, card.strategy === 'new-question' ? `Example seed (line ${card.seed.line})` : `Seed · line ${card.seed.line}`),
          el('p', { className: 'text', testId: 'seed-question' }, card.seed.question),
          el('p', { className: 'text muted', testId: 'seed-answer' }, card.seed.answer))
      : null;
    const question = editing
      ? el(Toolkit.textArea, { testId: 'edit-question', attributes: { value: card.question, rows: '4', resize: 'vertical', 'aria-label': 'Question' } })
      : el('p', { className: 'text', testId: 'card-question' }, ...this.questionParts(card));
    const answer = editing
      ? el(Toolkit.textArea, { testId: 'edit-answer', attributes: { value: card.answer, rows: '8', resize: 'vertical', 'aria-label': 'Answer' } })
      : el('p', { className: 'text', testId: 'card-answer' }, card.answer || '(no answer)');
    const flags = card.flags.length > 0 ? el('p', { className: 'flags', testId: 'card-flags' }, ...card.flags.map((flag) => el(Toolkit.badge, {}, flag))) : null;
    const meta = el('p', { className: 'hint', testId: 'card-meta' }, `${card.strategy} · ${card.state}${card.edited ? ' (edited)' : ''} · ${card.cost.teacherQueries} teacher, ${card.cost.augmenterCalls} augmenter quer${card.cost.augmenterCalls === 1 ? 'y' : 'ies'} · ${card.cost.tokens} tokens`);
    const teacher = el('p', { className: 'hint', testId: 'card-teacher' }, `Teacher: ${card.teacher}`);
    const notes = card.notes.length > 0 ? el('p', { className: 'hint' }, card.notes.join(' ')) : null;
    const checks = card.checks.length > 0
      ? el('ul', { className: 'checks', testId: 'card-checks', attributes: { 'aria-label': 'Automatic checks' } },
          ...card.checks.map((check) => el('li', { className: `check ${check.status === 'n/a' ? 'na' : check.status}`, testId: `check-${check.check}` }, `${CHECK_MARKS[check.status]} ${check.check}: `, check.detail)))
      : null;
    const reason = card.reason ? el('p', { className: 'hint' }, `Reason: ${card.reason}`) : null;
    return el(
      'div',
      { className: 'card', testId: 'review-card', attributes: { tabindex: '0', 'data-sample-id': card.id, 'aria-label': `Sample ${card.position + 1} of ${view.queueLength}` } },
      seed,
      el('div', { className: 'label' }, card.strategy === 'question-rephrase' && !card.edited ? 'Generated question (added underlined, dropped struck through)' : 'Generated question'),
      question,
      el('div', { className: 'label' }, 'Generated answer'),
      answer,
      flags,
      checks,
      meta,
      teacher,
      notes,
      reason,
      this.mode.kind === 'reason' ? this.reasonField(card) : null,
    );
  }

  private questionParts(card: ReviewCard): (Node | string)[] {
    if (card.strategy !== 'question-rephrase' || !card.seed || card.edited) return [card.question];
    // <ins>/<del> carry the meaning without colour too: underlined and struck through (sidebar.css).
    return wordDiff(card.seed.question, card.question).map((part) => (part.kind === 'same' ? part.text : el(part.kind === 'added' ? 'ins' : 'del', { title: part.kind === 'added' ? 'added by the rephrase' : 'dropped by the rephrase' }, part.text)));
  }

  private readOnlyNotice(view: ReviewView): HTMLElement {
    const fix = view.readOnlyFix;
    return el('div', { className: 'notice', testId: 'review-read-only' },
      el('p', {}, view.readOnly ?? ''),
      fix ? el(Toolkit.button, { testId: 'take-over', attributes: { appearance: 'secondary' }, onClick: () => this.send(fix.intent) }, fix.label) : null);
  }

  private actions(view: ReviewView): HTMLElement {
    const keys: ReviewKeys | undefined = view.keys;
    const withKey = (label: string, action: ReviewKeyAction) => (keys?.[action] ? `${label} (${keys[action]})` : label);
    const key = `${view.readOnly !== null}|${view.canUndo}|${JSON.stringify(keys)}`;
    if (this.actionsNode?.key === key) return this.actionsNode.node;
    const disabled = view.readOnly !== null;
    // The buttons act on whatever card is shown when they are clicked, so one row serves them all.
    const onCard = (run: (card: ReviewCard) => void) => () => {
      const card = this.card();
      if (card) run(card);
    };
    const action = (label: string, testId: string, run: () => void, primary = false) =>
      el(Toolkit.button, { testId, attributes: { appearance: primary ? 'primary' : 'secondary', ...(disabled && testId !== 'skip' ? { disabled: '' } : {}) }, onClick: run }, label);
    const node = el(
      'div',
      { className: 'row actions' },
      action(withKey('Accept', 'accept'), 'accept', onCard((card) => this.decide(card, 'accept')), true),
      action(withKey('Reject', 'reject'), 'reject', onCard((card) => this.decide(card, 'reject'))),
      action('Reject with reason…', 'reject-reason', () => { this.mode = { kind: 'reason' }; this.paint(); (this.root.querySelector('[data-testid="reason"]') as HTMLElement | null)?.focus(); }),
      action(withKey('Edit', 'edit'), 'edit', () => this.startEdit()),
      action(withKey('Skip', 'skip'), 'skip', onCard(() => this.skip())),
      el(Toolkit.button, { testId: 'undo', attributes: { appearance: 'secondary', ...(view.canUndo ? {} : { disabled: '' }) }, onClick: () => this.send({ type: 'undo' }) }, withKey('Undo', 'undo')),
    );
    this.actionsNode = { key, node };
    return node;
  }

  private editActions(card: ReviewCard): HTMLElement {
    const save = () => {
      const question = (this.root.querySelector('[data-testid="edit-question"]') as HTMLTextAreaElement | null)?.value ?? card.question;
      const answer = (this.root.querySelector('[data-testid="edit-answer"]') as HTMLTextAreaElement | null)?.value ?? card.answer;
      this.decide(card, 'accept', { edited: { question, answer } });
    };
    const cancel = () => {
      this.backToView();
      this.paint();
    };
    this.root.onkeydown = (event) => {
      if (this.mode.kind !== 'edit') return;
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        save();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        cancel();
      }
    };
    return el('div', { className: 'row actions' },
      el(Toolkit.button, { testId: 'save-edit', attributes: { appearance: 'primary' }, onClick: save }, 'Accept edited (Ctrl+Enter)'),
      el(Toolkit.button, { testId: 'cancel-edit', attributes: { appearance: 'secondary' }, onClick: cancel }, 'Cancel (Esc)'));
  }

  private reasonField(card: ReviewCard): HTMLElement {
    // The keys go in a line of their own: a placeholder that says them is cut at the sidebar's width.
    const field = el(Toolkit.textField, { testId: 'reason', attributes: { placeholder: 'Why? (optional)', 'aria-label': 'Reason for rejecting', 'aria-describedby': 'reason-keys' } });
    field.addEventListener('keydown', (event) => {
      const key = (event as KeyboardEvent).key;
      if (key === 'Enter') {
        event.preventDefault();
        const reason = ((field as HTMLInputElement).value ?? '').trim();
        this.decide(card, 'reject', reason ? { reason } : {});
      } else if (key === 'Escape') {
        this.backToView();
        this.paint();
      }
    });
    return el('div', { className: 'reason' }, field, el('p', { className: 'hint', testId: 'reason-keys', attributes: { id: 'reason-keys' } }, 'Enter rejects · Esc cancels'));
  }
}
