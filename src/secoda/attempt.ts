/**
 * What the layers of the transport hand each other (http-transport.ts composes them): one
 * attempt at a request goes down through the write pacing, the queue and the exchange log to got,
 * and its answer comes back up. Each layer is an `Attempt` wrapped around the next.
 */
import type { WriteSlot } from './pacer.js';
import type { RequestBudget } from './request-budget.js';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** One attempt at a request. */
export interface Call {
  readonly method: Method;
  /** Relative to the base URL, with Secoda's trailing slash: `event/events/`. */
  readonly path: string;
  /** The full URL as sent, query included (the query holds no secret: page numbers, filters). */
  readonly url: string;
  /** A write's JSON body; undefined for none. */
  readonly body?: unknown;
  /** Statuses that count as success besides 2xx (404 for a DELETE). */
  readonly accept?: readonly number[];
  /** A write slot reserved beforehand (WritePacer.reserve): the first attempt waits for it instead of taking a new one. */
  readonly slot?: WriteSlot;
  /** The request's time bound, shared by all its attempts. */
  readonly budget: RequestBudget;
  /** Which attempt this is, from 1. */
  readonly attempt: number;
}

/** What Secoda answered, whatever the status. */
export interface Answer {
  readonly status: number;
  /** The body as text. */
  readonly text: string;
  /** The wait Secoda asked for in a Retry-After header (ms), if it did. */
  readonly retryAfterMs?: number | undefined;
}

/**
 * One attempt: Secoda's answer, whatever its status; a TransportFailure (error-mapping.ts) when
 * no answer came; an InterruptedError when the run was interrupted before it was sent.
 */
export type Attempt = (call: Call) => Promise<Answer>;

/** Counts of what the transport did, for the benchmark and for tests. */
export interface TransportStats {
  /** Attempts sent (retries included). */
  requests: number;
  /** Attempts sent other than GET. */
  writes: number;
  retries: number;
  /** 429 answers. */
  rateLimited: number;
  byMethod: Record<Method, number>;
}

/** Whether an answer is what the caller wanted: a 2xx, or a status it accepts. */
export function isSuccess(status: number, accept: readonly number[] | undefined): boolean {
  return (status >= 200 && status < 300) || (accept?.includes(status) ?? false);
}
