// Intents the sidebar sends for the newcomer fixes (issue 11): a bad line's link carries its
// column (item 7), and folding a setup section names the section and the layout (item 1).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWebviewIntent } from '../../src/shared/protocol.ts';

describe('sidebar intents', () => {
  it('revealLine carries the column of the bad line, 1-based; a bad column is refused', () => {
    assert.deepEqual(parseWebviewIntent({ type: 'revealLine', line: 3, column: 49 }), { type: 'revealLine', line: 3, column: 49 });
    assert.deepEqual(parseWebviewIntent({ type: 'revealLine', line: 3 }), { type: 'revealLine', line: 3 });
    assert.equal(parseWebviewIntent({ type: 'revealLine', line: 3, column: 0 }), undefined);
    assert.equal(parseWebviewIntent({ type: 'revealLine', line: 3, column: '49' }), undefined);
  });

  it('setSectionOpen names a setup section, whether it is open, and the layout it was shown in', () => {
    assert.deepEqual(parseWebviewIntent({ type: 'setSectionOpen', section: 'budget', open: true, reviewFirst: true }), { type: 'setSectionOpen', section: 'budget', open: true, reviewFirst: true });
    assert.equal(parseWebviewIntent({ type: 'setSectionOpen', section: 'review', open: true, reviewFirst: true }), undefined);
    assert.equal(parseWebviewIntent({ type: 'setSectionOpen', section: 'seed', open: 'yes', reviewFirst: true }), undefined);
  });

  it('move carries a position and, optionally, the card it moves to', () => {
    assert.deepEqual(parseWebviewIntent({ type: 'move', to: 2, sampleId: 's-9' }), { type: 'move', to: 2, sampleId: 's-9' });
    assert.deepEqual(parseWebviewIntent({ type: 'move', to: 2 }), { type: 'move', to: 2 });
    assert.equal(parseWebviewIntent({ type: 'move', to: 2, sampleId: 9 }), undefined);
  });
});
