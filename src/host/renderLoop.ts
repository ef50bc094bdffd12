// Repaints what renders the state (status bar, sidebar, CodeLens) when anything changed. Many
// events arrive together during a run; one repaint per tick is enough.
export class RenderLoop {
  private queued = false;
  private readonly paint: () => void;

  constructor(paint: () => void) {
    this.paint = paint;
  }

  /** Asks for a repaint; calls in the same tick share one. */
  readonly request = (): void => {
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      this.paint();
    });
  };
}
