/**
 * Fires `ms` after the last poke, but never later than `maxMs` after the first one of a burst: a
 * file saved in several writes runs the checks once, and a stream of engine events cannot starve them.
 */
export class Debouncer {
  private timer: NodeJS.Timeout | undefined;
  private firstAt: number | null = null;

  constructor(private readonly fire: () => void, private readonly now: () => number = Date.now) {}

  poke(ms: number, maxMs = ms * 4): void {
    const t = this.now();
    this.firstAt ??= t;
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(ms, this.firstAt + maxMs - t));
    this.timer = setTimeout(() => {
      this.firstAt = null;
      this.timer = undefined;
      this.fire();
    }, wait);
  }

  get pending(): boolean {
    return this.timer !== undefined;
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.firstAt = null;
  }
}
