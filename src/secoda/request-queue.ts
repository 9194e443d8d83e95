/**
 * At most `--concurrency` attempts in flight: one p-limit for the whole client. A turn's wait is
 * not counted against the request's time bound (a long list asks for every page at once, and its
 * last pages wait behind the first: that is not time Secoda did not answer), and an attempt
 * whose run was interrupted while it waited is not sent.
 *
 * An answer is handed up one turn of the event loop (setImmediate) after it arrives: by then the
 * request its freed slot started, and those the answers that came with it started, have gone out,
 * before this one is parsed, checked and converted. Every answer waits the same turn, in the order
 * they came, so which one is handled first does not change (bench/results.md).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { LimitFunction } from 'p-limit';
import type { Attempt } from './attempt.js';
import { InterruptedError } from './errors.js';
import type { Clock } from './pacer.js';

/** The queue's limit, and what it reads the time and interruptions from. */
export interface QueueOptions {
  /** The client's p-limit. */
  readonly limit: LimitFunction;
  readonly clock: Pick<Clock, 'now'>;
  /** Aborted when the run is interrupted (Ctrl-C, SIGTERM). */
  readonly signal?: AbortSignal | undefined;
}

/** `attempt`, run when the queue gives it a turn. */
export function withQueue(attempt: Attempt, options: QueueOptions): Attempt {
  const { limit, clock, signal } = options;
  return async (call) => {
    const queued = clock.now();
    const answer = await limit(() => {
      if (signal?.aborted) throw new InterruptedError();
      call.budget.exclude(clock.now() - queued);
      return attempt(call);
    });
    await nextTurn();
    return answer;
  };
}
