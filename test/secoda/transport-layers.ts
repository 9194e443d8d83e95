/**
 * What the tests of the transport's layers share: a clock that moves only when something sleeps
 * on it (or the test moves it), and a Call to hand a layer.
 */
import type { Call, Method } from '../../src/secoda/attempt.js';
import type { Clock } from '../../src/secoda/pacer.js';
import { RequestBudget } from '../../src/secoda/request-budget.js';

/** A clock at `start` that jumps ahead by each sleep at once, and records the sleeps. */
export function steppingClock(start = 0): Clock & { sleeps: number[]; advance(ms: number): void } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: (ms) => {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

/** A first attempt at `method event/events/`, with a fresh budget on `clock` (1 min in all, 20 s an attempt). */
export function callOf(method: Method, clock: Pick<Clock, 'now'>, extra: Partial<Call> = {}): Call {
  return {
    method,
    path: 'event/events/',
    url: 'http://secoda.test/api/v1/event/events/',
    budget: new RequestBudget({ clock, limitMs: 60_000, attemptMs: 20_000 }),
    attempt: 1,
    ...extra,
  };
}
