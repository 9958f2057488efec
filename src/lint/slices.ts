/**
 * Long synchronous work in slices: the work calls `next()` between units (posts), which lets the event loop
 * run once `sliceMs` have passed since the last turn, so a server in the same thread (the App's webhook
 * endpoint) keeps answering. After each turn `stop` may throw to end the work (e.g. its signal was aborted
 * meanwhile).
 */
/** How long work runs before it lets the event loop answer other requests (the App's webhook endpoint). */
export const SLICE_MS = 20;

export class Slices {
  private started = performance.now();

  constructor(
    private readonly sliceMs: number = SLICE_MS,
    private readonly stop: () => void = () => undefined,
  ) {}

  async next(): Promise<void> {
    if (performance.now() - this.started <= this.sliceMs) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.stop();
    this.started = performance.now();
  }
}
