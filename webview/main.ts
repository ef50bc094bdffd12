// Boots the sidebar: define the toolkit's elements, announce `ready`, and render every snapshot
// the host sends. The host owns the state; this file keeps none beyond the latest revision.
import { PROTOCOL_VERSION, assertNever, type SidebarSnapshot } from '../src/shared/protocol.ts';
import { onHostFact, sendIntent } from './hostChannel.ts';
import { renderSidebar } from './render.ts';
import { registerToolkit } from './toolkit.ts';

registerToolkit();

const root = document.getElementById('app');
let shownRevision = -1;

function show(snapshot: SidebarSnapshot): void {
  if (!root || snapshot.revision <= shownRevision) return;
  shownRevision = snapshot.revision;
  root.replaceChildren(renderSidebar(snapshot, sendIntent));
  root.setAttribute('aria-busy', String(snapshot.seedFile.kind === 'loading'));
}

onHostFact((fact) => {
  switch (fact.type) {
    case 'snapshot':
      show(fact.snapshot);
      break;
    default:
      assertNever(fact.type);
  }
});

sendIntent({ type: 'ready', protocolVersion: PROTOCOL_VERSION });
