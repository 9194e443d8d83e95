/** The retry decision is a pure function of (method, outcome, attempt, time left): a table. */
import { describe, expect, it } from 'vitest';
import type { Method } from '../../src/secoda/attempt.js';
import { decideRetry, type Outcome, type RetryDecision } from '../../src/secoda/retry-decision.js';
import type { RetryOptions } from '../../src/secoda/retry-policy.js';

const policy: RetryOptions = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 5_000, maxAskedWaitMs: 30_000 };

const answered = (status: number, retryAfterMs?: number): Outcome => ({ kind: 'answered', status, retryAfterMs });
const reset: Outcome = { kind: 'no-answer', retryable: true, mayHaveArrived: true };
const refused: Outcome = { kind: 'no-answer', retryable: true, mayHaveArrived: false };
const unsendable: Outcome = { kind: 'no-answer', retryable: false, mayHaveArrived: false };

/** With jitter 0.5: a backoff is half its ceiling (100 · 2^(attempt-1), at most 1 s); a Retry-After gets 50 ms on top. */
const retry = (delayMs: number, askedBySecoda = false): RetryDecision => ({ action: 'retry', delayMs, askedBySecoda });
const giveUp: RetryDecision = { action: 'give-up' };
const reconcile: RetryDecision = { action: 'reconcile' };

describe('decideRetry', () => {
  it.each<[string, Method, Outcome, number, RetryDecision]>([
    ['a GET answered 503 is retried with backoff', 'GET', answered(503), 1, retry(50)],
    ['the backoff doubles per attempt', 'GET', answered(503), 3, retry(200)],
    ['a GET answered 408 is retried', 'GET', answered(408), 1, retry(50)],
    ['a 501 is not retried (the server will never do it)', 'GET', answered(501), 1, giveUp],
    ['a 404 is not retried', 'GET', answered(404), 1, giveUp],
    ['a 400 to a write is not retried', 'PATCH', answered(400), 1, giveUp],
    ['a 429 waits as long as Retry-After asks, and a little', 'GET', answered(429, 2_000), 1, retry(2_050, true)],
    ['a Retry-After longer than the most waited is cut to it', 'DELETE', answered(503, 20_000), 1, retry(5_050, true)],
    [
      'a Retry-After longer than allowed gives up at once, and says what was asked',
      'DELETE',
      answered(503, 60_000),
      1,
      { action: 'give-up', askedMs: 60_000 },
    ],
    ['a 429 without Retry-After backs off', 'PATCH', answered(429), 2, retry(100)],
    ['a POST answered 429 is retried: it was refused before any work', 'POST', answered(429, 1_000), 1, retry(1_050, true)],
    ['a POST answered 502 may have committed: reconciled, not sent again', 'POST', answered(502), 1, reconcile],
    ['a POST answered 400 failed plainly', 'POST', answered(400), 1, giveUp],
    ['a GET with no answer is retried', 'GET', reset, 1, retry(50)],
    ['a PATCH with no answer is retried (sending it twice does no harm)', 'PATCH', reset, 1, retry(50)],
    ['a POST with no answer may have arrived: reconciled', 'POST', reset, 1, reconcile],
    ['a POST whose connection was refused never left: retried', 'POST', refused, 1, retry(50)],
    ['a request Node cannot send is never retried, even a POST', 'POST', unsendable, 1, giveUp],
    ['the last attempt gives up', 'GET', answered(503), 4, giveUp],
    ['the last attempt of a POST refused by connection gives up', 'POST', refused, 4, giveUp],
  ])('%s', (_title, method, outcome, attempt, expected) => {
    expect(decideRetry({ method, outcome, attempt, elapsedMs: 0, limitMs: 60_000, jitter: 0.5 }, policy)).toEqual(expected);
  });

  it('gives up when the backoff would run past the bound, but not when the wait is the one Secoda asked for', () => {
    const near = { method: 'GET' as const, attempt: 1, elapsedMs: 59_960, limitMs: 60_000, jitter: 0.5 };
    expect(decideRetry({ ...near, outcome: answered(503) }, policy)).toEqual(giveUp);
    expect(decideRetry({ ...near, outcome: answered(503), elapsedMs: 59_940 }, policy)).toEqual(retry(50));
    expect(decideRetry({ ...near, outcome: answered(429, 3_000) }, policy)).toEqual(retry(3_050, true));
    expect(decideRetry({ ...near, outcome: answered(429, 3_000), elapsedMs: 60_000 }, policy)).toEqual(giveUp);
  });

  it('spreads the backoff with the jitter it is given, from nothing up to the ceiling (at most maxDelayMs)', () => {
    const at = (jitter: number) =>
      decideRetry({ method: 'GET', outcome: reset, attempt: 5, elapsedMs: 0, limitMs: 60_000, jitter }, { ...policy, attempts: 10 });
    expect(at(0)).toEqual(retry(0));
    expect(at(0.999)).toEqual(retry(999));
  });
});
