/**
 * The outermost layer of the transport: runs the attempts of one request until one succeeds or
 * the retry decision (retry-decision.ts) says to stop, says so before each retry, and waits
 * between attempts on the injected clock. It returns how the request ended; error-mapping.ts
 * turns an end that is not a success into our error.
 */
import { statusWithText } from './http-status-text.js';
import { isSuccess, type Answer, type Attempt, type Call, type Method, type TransportStats } from './attempt.js';
import { failureOutcome, noAnswerReason, TransportFailure, type RequestEnd } from './error-mapping.js';
import type { Clock } from './pacer.js';
import { decideRetry, type Outcome } from './retry-decision.js';
import type { RetryOptions } from './retry-policy.js';

/** What the transport says before it retries a request. */
export interface RetryNotice {
  readonly method: Method;
  /** `/event/category/`: the path only, never the query's values or any header. */
  readonly path: string;
  /** The attempt that just failed, from 1. */
  readonly attempt: number;
  /** Attempts allowed in all. */
  readonly attempts: number;
  /** Why: "Secoda answered 503 Service Unavailable", "no answer within 20 s", "no answer (ECONNRESET)". */
  readonly reason: string;
  /** The status Secoda answered, when it answered (429: its rate limit, which holds back every write). */
  readonly status?: number;
  /** Whether the wait is the one Secoda asked for (Retry-After). */
  readonly askedBySecoda?: boolean;
  /** The wait before the next attempt (ms). */
  readonly delayMs: number;
  /** Time spent on this request so far (ms, waits for a write slot excluded). */
  readonly elapsedMs: number;
  /** The bound on that time (ms): past it, the request fails. */
  readonly limitMs: number;
}

/** How the retry loop retries, and whom it tells. */
export interface RetryLoopOptions {
  readonly policy: RetryOptions;
  /** Sleeps between attempts. */
  readonly clock: Clock;
  /** Draws the jitter of each backoff. */
  readonly random: () => number;
  /** Stops a wait between attempts when aborted. */
  readonly signal?: AbortSignal | undefined;
  readonly onRetry?: ((notice: RetryNotice) => void) | undefined;
  /** Counts the retries. */
  readonly stats: TransportStats;
}

/** A request as the retry loop takes it: a Call without its attempt number. */
export type Request = Omit<Call, 'attempt'>;

/** One attempt's failure: the answer that was not a success, or the failure that left no answer. */
type Failed =
  { readonly answer: Answer; readonly failure?: undefined } | { readonly failure: TransportFailure; readonly answer?: undefined };

/** A request run with `attempt` until it ends. */
export function withRetries(attempt: Attempt, options: RetryLoopOptions): (request: Request) => Promise<RequestEnd> {
  const { policy, clock, random, signal, onRetry, stats } = options;
  return async (request) => {
    const { method, path, url, body, accept, slot, budget } = request;
    for (let number = 1; ; number++) {
      let failed: Failed;
      try {
        const answer = await attempt({ method, path, url, body, accept, slot, budget, attempt: number });
        if (isSuccess(answer.status, accept)) return { kind: 'succeeded', answer };
        failed = { answer };
      } catch (error) {
        if (!(error instanceof TransportFailure)) throw error;
        failed = { failure: error };
      }
      const outcome: Outcome =
        failed.failure === undefined
          ? { kind: 'answered', status: failed.answer.status, retryAfterMs: failed.answer.retryAfterMs }
          : failureOutcome(failed.failure);
      const elapsedMs = budget.elapsed();
      const decision = decideRetry({ method, outcome, attempt: number, elapsedMs, limitMs: budget.limitMs, jitter: random() }, policy);
      if (decision.action === 'give-up') {
        return failed.failure === undefined
          ? {
              kind: 'refused',
              answer: failed.answer,
              ...(decision.askedMs === undefined
                ? {}
                : { askedMs: decision.askedMs, waitLimitMs: policy.maxAskedWaitMs ?? policy.maxRetryAfterMs }),
            }
          : { kind: 'unanswered', failure: failed.failure, attempts: number };
      }
      if (decision.action === 'reconcile') {
        const reason = failed.failure === undefined ? `Secoda answered ${failed.answer.status}` : noAnswerReason(failed.failure);
        return { kind: 'outcome-unknown', reason };
      }
      onRetry?.({
        method,
        path: `/${path}`,
        attempt: number,
        attempts: policy.attempts,
        reason: failed.failure === undefined ? `Secoda answered ${statusWithText(failed.answer.status)}` : noAnswerReason(failed.failure),
        delayMs: decision.delayMs,
        elapsedMs,
        limitMs: budget.limitMs,
        ...(failed.failure === undefined ? { status: failed.answer.status } : {}),
        ...(decision.askedBySecoda ? { askedBySecoda: true } : {}),
      });
      stats.retries++;
      await clock.sleep(decision.delayMs, signal);
      if (decision.askedBySecoda) budget.exclude(decision.delayMs);
    }
  };
}
