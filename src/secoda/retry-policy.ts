/** When to retry a request, and how long to wait first: exponential backoff with full jitter. */
export interface RetryOptions {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A server may ask for a long wait; we wait at most this long for one Retry-After. */
  readonly maxRetryAfterMs: number;
  /**
   * A Retry-After longer than this gives up at once, saying how long Secoda asked to wait (a
   * wait cut short would only meet the refusal again). Absent: none is given up.
   */
  readonly maxAskedWaitMs?: number;
}

export const defaultRetryOptions: RetryOptions = {
  // Eight tries ride out a flaky minute (delays up to 0.5, 1, 2, 4, 8, 16, 30 s, jittered).
  attempts: 8,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  maxAskedWaitMs: 120_000,
};

/** Statuses worth another try: throttling and server-side trouble. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || (status >= 500 && status <= 599 && status !== 501);
}

/**
 * The wait before the next attempt (ms): full jitter over an exponential ceiling, or the
 * server's Retry-After (capped) plus a little jitter. `attempt` counts from 1 (the attempt that
 * just failed); `jitter` is a number in [0, 1), a draw of Math.random().
 */
export function backoffDelay(attempt: number, options: RetryOptions, jitter: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) {
    // Honour the server's wish, plus a little jitter so parallel callers do not return in step.
    return Math.min(retryAfterMs, options.maxRetryAfterMs) + Math.floor(jitter * Math.min(250, options.baseDelayMs));
  }
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(jitter * ceiling);
}

/** Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(raw.trim())) return Math.round(Number(raw) * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
