/**
 * DESIGN §1: "Rate limit: 30 write calls (POST/PUT/PATCH) per minute, answered with 429". A sliding
 * window like DRF's SimpleRateThrottle: only admitted requests are remembered, and the wait it
 * reports is until the oldest of them leaves the window.
 */

export const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);

export type Admission = { ok: true } | { ok: false; retryAfterSeconds: number };

export class WriteRateLimiter {
  private readonly admitted: number[] = [];

  constructor(
    /** Writes allowed per window; undefined or 0 means unlimited. */
    public limit: number | undefined,
    public windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  admit(): Admission {
    if (this.limit === undefined || this.limit <= 0) return { ok: true };
    const now = this.now();
    while (this.admitted.length > 0 && (this.admitted[0] ?? 0) <= now - this.windowMs) this.admitted.shift();
    if (this.admitted.length >= this.limit) {
      const oldest = this.admitted[0] ?? now;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)) };
    }
    this.admitted.push(now);
    return { ok: true };
  }
}
