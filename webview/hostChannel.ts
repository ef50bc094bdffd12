// The webview's end of the protocol: typed sends, validated receives.
import { parseHostFact, type HostFact, type WebviewIntent } from '../src/shared/protocol.ts';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
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

/** UI-only state (which sections are open) survives the view being hidden; data never lives here. */
export const uiState = {
  get<T extends object>(fallback: T): T {
    const state = api.getState();
    return typeof state === 'object' && state !== null ? { ...fallback, ...(state as Partial<T>) } : fallback;
  },
  set(state: object): void {
    api.setState(state);
  },
};
