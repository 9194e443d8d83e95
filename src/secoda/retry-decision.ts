/**
 * Whether to try a failed request again: a pure function of the method, what came back, the
 * attempt, and the time left. No clock, no sleep, no I/O; the retry loop (retry-loop.ts) acts on it.
 */
import type { Method } from './attempt.js';
import { backoffDelay, isRetryableStatus, type RetryOptions } from './retry-policy.js';

/** What one attempt that did not succeed came back with. */
export type Outcome =
  /** Secoda answered with a status that is not a success (and not one the caller accepts). */
  | { readonly kind: 'answered'; readonly status: number; readonly retryAfterMs?: number | undefined }
  | {
      readonly kind: 'no-answer';
      /** False when sending again cannot help: a request Node cannot write, a certificate not trusted. */
      readonly retryable: boolean;
      /** Whether the request may have reached Secoda (a reset, a timeout), rather than surely not (refused, no DNS). */
      readonly mayHaveArrived: boolean;
    };

/** The facts the decision is made on. */
export interface FailedAttempt {
  readonly method: Method;
  readonly outcome: Outcome;
  /** The attempt that just failed, from 1. */
  readonly attempt: number;
  /** Time the request has taken so far, waits that do not count excluded (request-budget.ts). */
  readonly elapsedMs: number;
  /** The bound on that time. */
  readonly limitMs: number;
  /** A number in [0, 1) (a draw of Math.random()) that spreads the backoff. */
  readonly jitter: number;
}

/** What to do after a failed attempt. */
export type RetryDecision =
  /** Wait `delayMs`, then try again; `askedBySecoda` when the wait is Secoda's Retry-After. */
  | { readonly action: 'retry'; readonly delayMs: number; readonly askedBySecoda: boolean }
  /**
   * Stop: the last outcome is the answer. `askedMs`: Secoda asked (Retry-After) to wait longer
   * than the policy lets it ask (`maxAskedWaitMs`).
   */
  | { readonly action: 'give-up'; readonly askedMs?: number }
  /** Stop: a POST may have created its resource; only reading Secoda can tell (apply reconciles it). */
  | { readonly action: 'reconcile' };

/**
 * A failure that cannot change on a second try gives up; a POST that may have reached Secoda is
 * reconciled, never sent twice (a 429 is refused before any work, and a connection refused never
 * left); anything else is retried while attempts and time are left. A Retry-After is honoured
 * whatever the bound, since waiting for it is not Secoda's silence (cut to `maxRetryAfterMs`); one
 * longer than `maxAskedWaitMs` gives up at once (and says so); a backoff must leave the next attempt time to get an answer.
 */
export function decideRetry(failed: FailedAttempt, policy: RetryOptions): RetryDecision {
  const { method, outcome, attempt } = failed;
  let retryAfterMs: number | undefined;
  if (outcome.kind === 'answered') {
    if (!isRetryableStatus(outcome.status)) return { action: 'give-up' };
    if (method === 'POST' && outcome.status !== 429) return { action: 'reconcile' };
    retryAfterMs = outcome.retryAfterMs;
  } else {
    if (!outcome.retryable) return { action: 'give-up' };
    if (method === 'POST' && outcome.mayHaveArrived) return { action: 'reconcile' };
  }
  if (attempt >= policy.attempts) return { action: 'give-up' };
  // Waiting only part of a long wait Secoda asked for would just meet its refusal again.
  if (retryAfterMs !== undefined && policy.maxAskedWaitMs !== undefined && retryAfterMs > policy.maxAskedWaitMs)
    return { action: 'give-up', askedMs: retryAfterMs };
  const delayMs = backoffDelay(attempt, policy, failed.jitter, retryAfterMs);
  if (failed.elapsedMs + (retryAfterMs === undefined ? delayMs : 0) >= failed.limitMs) return { action: 'give-up' };
  return { action: 'retry', delayMs, askedBySecoda: retryAfterMs !== undefined };
}
