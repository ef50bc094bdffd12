// A typed event emitter without Node's EventEmitter, so the core stays free of Node APIs and the
// listeners' payloads are checked at compile time.

export type Listener<T> = (payload: T) => void;

export interface Subscription {
  dispose(): void;
}

export class Emitter<Events extends Record<string, unknown>> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();

  on<K extends keyof Events>(type: K, listener: Listener<Events[K]>): Subscription {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(listener as Listener<never>);
    return { dispose: () => set.delete(listener as Listener<never>) };
  }

  emit<K extends keyof Events>(type: K, payload: Events[K]): void {
    for (const listener of this.listeners.get(type) ?? []) {
      // A broken listener (a UI that threw) must not stop generation or other listeners.
      try {
        (listener as Listener<Events[K]>)(payload);
      } catch {
        // deliberately ignored
      }
    }
  }
}
