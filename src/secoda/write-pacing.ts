/**
 * Writes wait for their slot in the pacer (pacer.ts), so that an apply runs at Secoda's allowed
 * rate instead of in 429 storms; a slot's wait is not counted against the request's time bound.
 * Secoda documents its limit for POST/PUT/PATCH; DELETE is paced too, so every change is spread
 * evenly and an undocumented limit on deletes cannot turn a large clean-up into a 429 storm.
 * A 429, to any request, holds back every write until the wait Secoda asked for has passed.
 */
import type { Attempt, TransportStats } from './attempt.js';
import type { Clock, WritePacer } from './pacer.js';

/** The pacer writes wait for, and how long writes wait after a 429. */
export interface WritePacingOptions {
  readonly pacer: WritePacer;
  readonly clock: Pick<Clock, 'now'>;
  /** Stops the wait for a slot when aborted. */
  readonly signal?: AbortSignal | undefined;
  /** How long writes wait after a 429 that gave no Retry-After (ms), for the attempt that met it. */
  readonly backoffMs: (attempt: number) => number;
  /** Counts the 429 answers. */
  readonly stats: TransportStats;
}

/** `attempt`, paced when it is a write. */
export function withWritePacing(attempt: Attempt, options: WritePacingOptions): Attempt {
  const { pacer, clock, signal, stats } = options;
  return async (call) => {
    if (call.method !== 'GET') {
      const before = clock.now();
      // A slot reserved beforehand serves the first attempt; a retry takes a new one.
      if (call.attempt === 1 && call.slot) await call.slot.open(signal);
      else await pacer.acquire(signal);
      call.budget.exclude(clock.now() - before);
    }
    const answer = await attempt(call);
    if (answer.status === 429) {
      stats.rateLimited++;
      pacer.pauseUntil(clock.now() + (answer.retryAfterMs ?? options.backoffMs(call.attempt)));
    }
    return answer;
  };
}
