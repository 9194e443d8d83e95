/** The retry loop, around attempts the test scripts, on a clock that jumps over every wait. */
import { describe, expect, it } from 'vitest';
import type { Answer, Attempt, Call, Method, TransportStats } from '../../src/secoda/attempt.js';
import { InterruptedError } from '../../src/secoda/errors.js';
import { TransportFailure } from '../../src/secoda/error-mapping.js';
import { withRetries, type RetryNotice } from '../../src/secoda/retry-loop.js';
import { callOf, steppingClock } from './transport-layers.js';

/** One scripted attempt: what it takes of the clock, and what it ends with. */
type Step = { readonly takesMs?: number } & (
  { readonly answer: Answer } | { readonly fails: string; readonly timeoutMs?: number } | { readonly throws: Error }
);

function scripted(steps: Step[], clock: ReturnType<typeof steppingClock>): { attempt: Attempt; calls: Call[] } {
  const calls: Call[] = [];
  const attempt: Attempt = (call) => {
    calls.push(call);
    call.budget.sending();
    const step = steps[calls.length - 1];
    if (step === undefined) throw new Error(`no step for attempt ${calls.length}`);
    clock.advance(step.takesMs ?? 0);
    if ('answer' in step) return Promise.resolve(step.answer);
    if ('throws' in step) return Promise.reject(step.throws);
    return Promise.reject(new TransportFailure({ code: step.fails, timeoutMs: step.timeoutMs ?? 20_000 }));
  };
  return { attempt, calls };
}

function run(method: Method, steps: Step[], extra: Partial<Call> = {}) {
  const clock = steppingClock();
  const { attempt, calls } = scripted(steps, clock);
  const notices: RetryNotice[] = [];
  const stats: TransportStats = { requests: 0, writes: 0, retries: 0, rateLimited: 0, byMethod: { GET: 0, POST: 0, PATCH: 0, DELETE: 0 } };
  const request = withRetries(attempt, {
    policy: { attempts: 3, baseDelayMs: 1_000, maxDelayMs: 4_000, maxRetryAfterMs: 30_000 },
    clock,
    random: () => 0.5,
    onRetry: (notice) => notices.push(notice),
    stats,
  });
  const { attempt: _first, ...call } = callOf(method, clock, extra);
  return { end: request(call), calls, notices, clock, stats };
}

const answer = (status: number, retryAfterMs?: number): { answer: Answer } => ({
  answer: { status, text: `{"status":${status}}`, retryAfterMs },
});

describe('withRetries', () => {
  it('tries again after a 503, saying so first, waiting the backoff on the clock, and ends with the success', async () => {
    const { end, calls, notices, clock, stats } = run('GET', [{ ...answer(503), takesMs: 300 }, answer(200)]);
    expect(await end).toEqual({ kind: 'succeeded', answer: answer(200).answer });
    expect(calls.map((call) => call.attempt)).toEqual([1, 2]);
    expect(clock.sleeps).toEqual([500]);
    expect(notices).toEqual([
      {
        method: 'GET',
        path: '/event/events/',
        attempt: 1,
        attempts: 3,
        reason: 'Secoda answered 503 Service Unavailable',
        status: 503,
        delayMs: 500,
        elapsedMs: 300,
        limitMs: 60_000,
      },
    ]);
    expect(stats.retries).toBe(1);
  });

  it('waits the Retry-After Secoda asked for, and does not count that wait against the bound', async () => {
    const { end, notices, clock } = run('PATCH', [
      { ...answer(429, 10_000), takesMs: 100 },
      { ...answer(429, 10_000), takesMs: 100 },
      answer(200),
    ]);
    expect((await end).kind).toBe('succeeded');
    expect(clock.sleeps).toEqual([10_125, 10_125]);
    expect(notices.map((notice) => [notice.askedBySecoda, notice.reason, notice.elapsedMs])).toEqual([
      [true, 'Secoda answered 429 Too Many Requests', 100],
      [true, 'Secoda answered 429 Too Many Requests', 200],
    ]);
  });

  it('counts a status the caller accepts (a DELETE that meets 404) as a success', async () => {
    const { end, calls } = run('DELETE', [answer(404)], { accept: [404] });
    expect(await end).toEqual({ kind: 'succeeded', answer: answer(404).answer });
    expect(calls).toHaveLength(1);
  });

  it('never sends a POST again that may have committed: a 502, or no answer, ends as "outcome unknown"', async () => {
    const after502 = run('POST', [answer(502), answer(201)]);
    expect(await after502.end).toEqual({ kind: 'outcome-unknown', reason: 'Secoda answered 502' });
    expect(after502.calls).toHaveLength(1);
    const afterTimeout = run('POST', [{ fails: 'ETIMEDOUT', timeoutMs: 1_500 }, answer(201)]);
    expect(await afterTimeout.end).toEqual({ kind: 'outcome-unknown', reason: 'no answer within 1.5 s' });
    expect(afterTimeout.calls).toHaveLength(1);
    expect(after502.notices).toEqual([]);
  });

  it('sends a POST again whose connection was refused (it never left)', async () => {
    const { end, notices } = run('POST', [{ fails: 'ECONNREFUSED' }, answer(201)]);
    expect((await end).kind).toBe('succeeded');
    expect(notices.map((notice) => [notice.reason, notice.status])).toEqual([['no answer (ECONNREFUSED)', undefined]]);
  });

  it('gives up after the last attempt with what it last met', async () => {
    const refused = run('GET', [answer(503), answer(503), answer(500)]);
    expect(await refused.end).toEqual({ kind: 'refused', answer: answer(500).answer });
    expect(refused.notices.map((notice) => notice.attempt)).toEqual([1, 2]);
    const unanswered = run('GET', [{ fails: 'ECONNRESET' }, { fails: 'ECONNRESET' }, { fails: 'ETIMEDOUT' }]);
    const end = await unanswered.end;
    expect(end).toMatchObject({ kind: 'unanswered', attempts: 3, failure: { code: 'ETIMEDOUT' } });
  });

  it('gives up at once on a status that a second try cannot change', async () => {
    const { end, calls } = run('PATCH', [answer(400), answer(200)]);
    expect(await end).toEqual({ kind: 'refused', answer: answer(400).answer });
    expect(calls).toHaveLength(1);
  });

  it('gives up when the backoff would run past the bound on the request', async () => {
    const { end, calls } = run('GET', [{ ...answer(503), takesMs: 59_800 }, answer(200)]);
    expect(await end).toEqual({ kind: 'refused', answer: answer(503).answer });
    expect(calls).toHaveLength(1);
  });

  it('lets an interruption through at once', async () => {
    const { end, calls } = run('GET', [{ throws: new InterruptedError() }, answer(200)]);
    await expect(end).rejects.toBeInstanceOf(InterruptedError);
    expect(calls).toHaveLength(1);
  });
});
