// Boots the sidebar: define the toolkit's elements, announce `ready`, and render every snapshot
// the host sends. Each section is rebuilt only when its part of the snapshot changed, so a run
// that sends many snapshots does not disturb the review card or the person's focus.
import { PROTOCOL_VERSION, SETUP_SECTIONS, assertNever, type LayoutView, type SetupSection, type SidebarSnapshot } from '../src/shared/protocol.ts';
import { el } from './dom.ts';
import { onHostFact, sendIntent } from './hostChannel.ts';
import { renderBudgetSection, renderRunSection, renderSeedSection, renderStrategySection, renderTeacherSection, untrustedNotice } from './render.ts';
import { ReviewPane } from './review.ts';
import { registerToolkit } from './toolkit.ts';

registerToolkit();

const root = document.getElementById('app');
const review = new ReviewPane(sendIntent);
let shownRevision = -1;

interface Slot {
  key: string;
  node: HTMLElement;
}

/** Sections in display order, each rebuilt only when its inputs (as JSON) changed. */
const slots = new Map<string, Slot>();
const frame = el('main', { className: 'sidebar' });

function place(name: string, inputs: unknown, build: () => HTMLElement | null): HTMLElement | null {
  const key = JSON.stringify(inputs);
  const slot = slots.get(name);
  if (slot && slot.key === key) return slot.node;
  const node = build() ?? el('div', { attributes: { hidden: '' } });
  slots.set(name, { key, node });
  return node;
}

/** The layout last shown: a toggle that differs from it is the person's, and goes to the host. */
let layout: LayoutView | undefined;

/**
 * Folds or unfolds a setup section as the host says, without rebuilding it (focus stays). Only a
 * fold the person makes goes back to the host: a `toggle` event also follows every fold made here
 * (it fires later, after other snapshots may have come), and one from a section already replaced
 * by a newer copy would otherwise report a stale state as the person's choice.
 */
function applyLayout(node: HTMLElement | null, section: SetupSection, next: LayoutView): void {
  if (!(node instanceof HTMLDetailsElement)) return;
  // Only a change in what the host says moves the fold: a snapshot sent before the host heard of
  // the person's last click repeats the old state, and must not undo that click.
  const hostOpen = String(next.open[section]);
  if (node.dataset['hostOpen'] !== hostOpen && node.open !== next.open[section]) {
    node.dataset['setHere'] = hostOpen;
    node.open = next.open[section];
  }
  // Read by the browser tests: a fold is kept across a reload once the host has it.
  node.dataset['hostOpen'] = hostOpen;
  if (node.dataset['toggleWired']) return;
  node.dataset['toggleWired'] = 'yes';
  node.addEventListener('toggle', () => {
    const setHere = node.dataset['setHere'];
    delete node.dataset['setHere'];
    if (!node.isConnected || setHere === String(node.open)) return;
    if (layout && node.open !== layout.open[section]) sendIntent({ type: 'setSectionOpen', section, open: node.open, reviewFirst: layout.reviewFirst });
  });
}

function show(snapshot: SidebarSnapshot): void {
  if (!root || snapshot.revision <= shownRevision) return;
  shownRevision = snapshot.revision;
  const nodes = [
    place('trust', snapshot.workspaceTrusted, () => untrustedNotice(snapshot.workspaceTrusted)),
    place('seed', snapshot.seedFile, () => renderSeedSection(snapshot.seedFile, sendIntent)),
    place('teacher', snapshot.teacher, () => renderTeacherSection(snapshot.teacher, sendIntent)),
    place('budget', snapshot.budget, () => renderBudgetSection(snapshot.budget)),
    place('strategy', snapshot.strategy, () => renderStrategySection(snapshot.strategy, sendIntent)),
    place('run', snapshot.run, () => renderRunSection(snapshot.run, sendIntent)),
    review.root,
  ];
  layout = snapshot.layout;
  SETUP_SECTIONS.forEach((section, index) => applyLayout(nodes[index + 1] ?? null, section, snapshot.layout));
  root.classList.toggle('review-first', snapshot.layout.reviewFirst);
  review.update(snapshot.review);
  // Only nodes that changed are swapped, so focus inside an unchanged section survives.
  nodes.forEach((node, index) => {
    if (node && frame.children[index] !== node) {
      const old = frame.children[index];
      if (old) old.replaceWith(node);
      else frame.append(node);
    }
  });
  if (!frame.isConnected) root.replaceChildren(frame);
  root.setAttribute('aria-busy', String(snapshot.seedFile.kind === 'loading'));
}

onHostFact((fact) => {
  switch (fact.type) {
    case 'snapshot':
      show(fact.snapshot);
      break;
    case 'focusReview':
      review.focus();
      break;
    case 'reviewKey':
      // A keybinding that fired just as focus left the sidebar: not meant for the card.
      if (document.hasFocus()) review.runKey(fact.action);
      break;
    case 'reviewKeysLive':
      keysLive = fact.live && document.hasFocus();
      break;
    default:
      assertNever(fact);
  }
});

/** Whether VS Code's review keybindings see the sidebar focused; until then the default keys are handled here. */
let keysLive = false;
window.addEventListener('focus', () => sendIntent({ type: 'reviewFocus', focused: true }));
window.addEventListener('blur', () => {
  keysLive = false;
  sendIntent({ type: 'reviewFocus', focused: false });
});

document.addEventListener('keydown', (event) => {
  if (review.handleKey(event)) event.preventDefault();
  // VS Code's webview forwards keys to the workbench from a window listener, after this one:
  // text typed into a field must not reach the review keybindings (a, x, e, space, u…), nor a
  // key handled here while the keybindings are not live yet.
  if (review.keepsKey(event)) event.stopPropagation();
  else if (!keysLive && review.handleDefaultKey(event)) {
    event.preventDefault();
    event.stopPropagation();
  }
});
if (document.hasFocus()) sendIntent({ type: 'reviewFocus', focused: true });

sendIntent({ type: 'ready', protocolVersion: PROTOCOL_VERSION });
