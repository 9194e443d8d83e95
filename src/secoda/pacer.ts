/**
 * Spaces write calls evenly to stay under Secoda's documented limit of 30 writes (POST/PUT/
 * PATCH) per minute, so that a long apply runs at the allowed rate instead of in 429 storms.
 * Each write takes the next free slot, 60/N seconds after the previous one; an idle pacer
 * lets the next write go at once, so there is never a burst.
 */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
        return;
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

export class WritePacer {
  private nextSlot = 0;
  private readonly intervalMs: number;

  /** `writesPerMinute` 0 means unpaced. */
  constructor(
    readonly writesPerMinute: number,
    private readonly clock: Clock = systemClock,
  ) {
    this.intervalMs = writesPerMinute > 0 ? 60_000 / writesPerMinute : 0;
  }

  get paced(): boolean {
    return this.intervalMs > 0;
  }

  /** Waits for this write's slot. Slots are handed out in call order. */
  async acquire(signal?: AbortSignal): Promise<void> {
    if (!this.paced) return;
    const now = this.clock.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.intervalMs;
    if (slot > now) await this.clock.sleep(slot - now, signal);
  }

  /** After a 429, no write goes before `until` (and the rest keep their spacing after it). */
  pauseUntil(until: number): void {
    if (!this.paced) return;
    this.nextSlot = Math.max(this.nextSlot, until);
  }
}
