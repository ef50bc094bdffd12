// Fast key bursts in the review (issue 11, item 2): every decision lands on the card the person
// saw, and keys that arrive before the next card is there apply to the cards in order. The host
// here is a small model of the real one: a pending queue, decisions applied one at a time, the
// cursor after a decision on the card that slid into its place, a window 3 behind and 25 ahead.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReviewCard, ReviewView, WebviewIntent } from '../../src/shared/protocol.ts';
import { ReviewStore } from '../../webview/reviewStore.ts';

class PendingHost {
  pending: string[];
  cursor = 0;
  readonly received: WebviewIntent[] = [];
  private applied = 0;

  constructor(count: number) {
    this.pending = Array.from({ length: count }, (_, i) => `c${i}`);
  }

  /** Applies the next decision the webview sent (the real host writes them in order). */
  applyNext(): void {
    const intent = this.received.filter((i) => i.type === 'decide')[this.applied++];
    assert.ok(intent && intent.type === 'decide');
    const index = this.pending.indexOf(intent.sampleId);
    assert.ok(index >= 0, `${intent.sampleId} is still pending when decided`);
    this.pending.splice(index, 1);
    this.cursor = Math.max(0, Math.min(index, this.pending.length - 1));
  }

  view(): ReviewView {
    const from = Math.max(0, this.cursor - 3);
    const to = Math.min(this.pending.length, this.cursor + 26);
    const window: ReviewCard[] = this.pending.slice(from, to).map((id, i) => ({
      id, position: from + i, strategy: 'answer-augmentation', teacher: 'teacher-1', state: 'pending', flags: [], seed: null, seedLines: [1], question: `Q ${id}`, answer: 'A',
      edited: false, reason: null, notes: [], cost: { teacherQueries: 1, augmenterCalls: 0, tokens: 1 }, checks: [],
    }));
    const n = this.pending.length;
    return { filter: 'pending', strategy: 'all', counts: { total: 27, pending: n, accepted: 27 - n, rejected: 0, flagged: 0 }, queueLength: n, cursor: this.cursor, window, canUndo: true, readOnly: null, readOnlyFix: null, keys: { accept: 'a', reject: 'x', edit: 'e', skip: 'space', undo: 'backspace' } };
  }
}

const decided = (host: PendingHost) => host.received.flatMap((i) => (i.type === 'decide' ? [i.sampleId] : []));

describe('review keys in a burst', () => {
  it('decides ten cards in order with no snapshot in between, and shows the eleventh', () => {
    const host = new PendingHost(27);
    const store = new ReviewStore((intent) => host.received.push(intent));
    store.update(host.view());
    for (let i = 0; i < 10; i++) assert.equal(store.act({ kind: 'accept' }), true);
    assert.deepEqual(decided(host), ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9']);
    assert.equal(store.current()?.id, 'c10');
  });

  it('is not thrown back onto a decided card, nor past a pending one, by snapshots that confirm the decisions one by one', () => {
    const host = new PendingHost(27);
    const store = new ReviewStore((intent) => host.received.push(intent));
    store.update(host.view());
    for (let i = 0; i < 5; i++) store.act({ kind: 'accept' });
    for (let i = 0; i < 5; i++) {
      host.applyNext();
      store.update(host.view());
      assert.equal(store.current()?.id, 'c5', `after ${i + 1} confirmations the card seen is still c5`);
    }
    assert.equal(store.position(), 0, '"1 of 22": no pending card was passed');
    assert.equal(host.view().queueLength, 22);
  });

  it('keeps deciding in order when keys and snapshots interleave', () => {
    const host = new PendingHost(27);
    const store = new ReviewStore((intent) => host.received.push(intent));
    store.update(host.view());
    for (let i = 0; i < 10; i++) {
      store.act({ kind: i % 3 === 0 ? 'reject' : 'accept' });
      if (i % 2 === 1) {
        host.applyNext();
        store.update(host.view());
      }
    }
    assert.deepEqual(decided(host), ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9']);
    for (let i = 5; i < 10; i++) {
      host.applyNext();
      store.update(host.view());
    }
    assert.equal(store.current()?.id, 'c10');
    assert.equal(store.position(), 0);
  });

  it('holds keys that outrun the window and applies them to the next cards in order when they arrive', () => {
    const host = new PendingHost(40);
    const store = new ReviewStore((intent) => host.received.push(intent));
    store.update(host.view());
    for (let i = 0; i < 30; i++) assert.equal(store.act({ kind: 'accept' }), true, `key ${i + 1} is taken`);
    assert.equal(decided(host).length, 26, 'the window had 26 cards');
    assert.equal(store.waitingKeys, 4);
    while (host.received.filter((i) => i.type === 'decide').length > 40 - host.pending.length) {
      host.applyNext();
      store.update(host.view());
    }
    assert.deepEqual(decided(host), Array.from({ length: 30 }, (_, i) => `c${i}`));
    assert.equal(store.waitingKeys, 0);
    assert.equal(store.current()?.id, 'c30');
  });
});

describe('moving between cards', () => {
  it('names the card moved to, so a host whose queue reordered meanwhile shows that card', () => {
    const host = new PendingHost(5);
    const store = new ReviewStore((intent) => host.received.push(intent));
    store.update(host.view());
    assert.equal(store.move(2), true);
    assert.deepEqual(host.received.at(-1), { type: 'move', to: 2, sampleId: 'c2' });
    assert.equal(store.current()?.id, 'c2');
  });
});
