// The webview's end of the protocol: typed sends, validated receives.
import { parseHostFact, type HostFact, type WebviewIntent } from '../src/shared/protocol.ts';

interface VsCodeApi {
  postMessage(message: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function sendIntent(intent: WebviewIntent): void {
  api.postMessage(intent);
}

export function onHostFact(listener: (fact: HostFact) => void): void {
  window.addEventListener('message', (event: MessageEvent) => {
    const fact = parseHostFact(event.data);
    if (fact) listener(fact);
  });
}
