/** Write pacing around attempts that answer at once, on a clock that jumps over every wait. */
import { describe, expect, it } from 'vitest';
import type { Answer, Attempt, Call, TransportStats } from '../../src/secoda/attempt.js';
import { WritePacer } from '../../src/secoda/pacer.js';
import { withWritePacing } from '../../src/secoda/write-pacing.js';
import { callOf, steppingClock } from './transport-layers.js';

function paced(answers: Answer[] = []) {
  const clock = steppingClock();
  const pacer = new WritePacer(60, clock);
  const sentAt: [string, number][] = [];
  const stats: TransportStats = { requests: 0, writes: 0, retries: 0, rateLimited: 0, byMethod: { GET: 0, POST: 0, PATCH: 0, DELETE: 0 } };
  const inner: Attempt = (call) => {
    sentAt.push([call.method, clock.now()]);
    return Promise.resolve(answers.shift() ?? { status: 200, text: '{}' });
  };
  const attempt = withWritePacing(inner, { pacer, clock, stats, backoffMs: (n) => 700 * n });
  return {
    attempt,
    clock,
    pacer,
    sentAt,
    stats,
    call: (extra: Partial<Call> & Pick<Call, 'method'>) => callOf(extra.method, clock, extra),
  };
}

describe('withWritePacing', () => {
  it('spaces writes at the pacer’s rate and lets reads through at once', async () => {
    const { attempt, sentAt, call } = paced();
    await attempt(call({ method: 'POST' }));
    await attempt(call({ method: 'GET' }));
    await attempt(call({ method: 'PATCH' }));
    await attempt(call({ method: 'GET' }));
    await attempt(call({ method: 'DELETE' }));
    expect(sentAt).toEqual([
      ['POST', 0],
      ['GET', 0],
      ['PATCH', 1_000],
      ['GET', 1_000],
      ['DELETE', 2_000],
    ]);
  });

  it('does not count a slot’s wait against the request’s time bound', async () => {
    const { attempt, clock, call } = paced();
    await attempt(call({ method: 'POST' }));
    const retried = call({ method: 'PATCH', attempt: 2 });
    retried.budget.sending();
    clock.advance(300);
    await attempt(retried);
    expect(clock.now()).toBe(1_000);
    expect(retried.budget.elapsed()).toBe(300);
  });

  it('sends a first attempt in the slot reserved for it, and a retry in a new one', async () => {
    const { attempt, pacer, sentAt, call } = paced();
    const slot = pacer.reserve();
    await attempt(call({ method: 'POST' }));
    await attempt(call({ method: 'POST', slot }));
    await attempt(call({ method: 'POST', slot, attempt: 2 }));
    // The reserved slot (0) has passed by the time its write comes: it goes at once, where a new
    // slot would have been 2 s. The retry takes the next new slot.
    expect(sentAt.map(([, at]) => at)).toEqual([1_000, 1_000, 2_000]);
  });

  it('holds back every write after a 429: as long as Retry-After asks, or the backoff without one', async () => {
    const asked = paced([{ status: 429, text: '', retryAfterMs: 5_000 }]);
    await asked.attempt(asked.call({ method: 'GET' }));
    await asked.attempt(asked.call({ method: 'PATCH' }));
    expect(asked.sentAt).toEqual([
      ['GET', 0],
      ['PATCH', 5_000],
    ]);
    expect(asked.stats.rateLimited).toBe(1);

    const unasked = paced([{ status: 429, text: '' }]);
    await unasked.attempt(unasked.call({ method: 'PATCH', attempt: 2 }));
    await unasked.attempt(unasked.call({ method: 'PATCH' }));
    expect(unasked.sentAt.map(([, at]) => at)).toEqual([0, 1_400]);
  });
});
