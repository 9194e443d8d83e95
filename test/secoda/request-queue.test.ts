/** The queue of --concurrency, around attempts held until the test releases them. */
import pLimit from 'p-limit';
import { describe, expect, it } from 'vitest';
import type { Answer, Attempt } from '../../src/secoda/attempt.js';
import { InterruptedError } from '../../src/secoda/errors.js';
import { withQueue } from '../../src/secoda/request-queue.js';
import { callOf, steppingClock } from './transport-layers.js';

function held() {
  const releases: (() => void)[] = [];
  let inFlight = 0;
  let most = 0;
  const inner: Attempt = (call) => {
    call.budget.sending();
    inFlight++;
    most = Math.max(most, inFlight);
    return new Promise<Answer>((resolve) =>
      releases.push(() => {
        inFlight--;
        resolve({ status: 200, text: '{}' });
      }),
    );
  };
  return { inner, releases, most: () => most };
}

/** Lets the promises settled so far run their continuations. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('withQueue', () => {
  it('never has more attempts in flight than the limit, and starts the next as one ends', async () => {
    const clock = steppingClock();
    const { inner, releases, most } = held();
    const attempt = withQueue(inner, { limit: pLimit(2), clock });
    const all = Promise.all([1, 2, 3, 4, 5].map(() => attempt(callOf('GET', clock))));
    await settle();
    expect(releases).toHaveLength(2);
    releases[0]!();
    await settle();
    expect(releases).toHaveLength(3);
    for (let i = 1; i < 5; i++) {
      releases[i]!();
      await settle();
    }
    expect(await all).toHaveLength(5);
    expect(most()).toBe(2);
  });

  it('does not count a turn’s wait against the request’s time bound', async () => {
    const clock = steppingClock();
    const { inner, releases } = held();
    const attempt = withQueue(inner, { limit: pLimit(1), clock });
    const first = attempt(callOf('GET', clock));
    const retry = callOf('GET', clock, { attempt: 2 });
    retry.budget.sending();
    const second = attempt(retry);
    await settle();
    clock.advance(40_000);
    releases[0]!();
    await settle();
    expect(retry.budget.elapsed()).toBe(0);
    releases[1]!();
    await Promise.all([first, second]);
  });

  it('sends nothing for an attempt whose run was interrupted while it waited its turn', async () => {
    const clock = steppingClock();
    const { inner, releases } = held();
    const interrupt = new AbortController();
    const attempt = withQueue(inner, { limit: pLimit(1), clock, signal: interrupt.signal });
    const first = attempt(callOf('PATCH', clock));
    const second = attempt(callOf('PATCH', clock));
    // Watched from the start: it is refused while the test still awaits the first.
    const refused = expect(second).rejects.toBeInstanceOf(InterruptedError);
    await settle();
    interrupt.abort();
    releases[0]!();
    await first;
    await refused;
    expect(releases).toHaveLength(1);
  });
});
