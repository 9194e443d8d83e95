/**
 * The time bound of one request. Its attempts and the backoff between them must end within
 * `limitMs`, counted from when it is first sent, so that a server that never answers fails in a
 * bounded time and the error can say so. Waits that are not Secoda's silence do not count: for a
 * write slot, for a turn among the requests in flight, and for a Retry-After Secoda asked for.
 */
import type { Clock } from './pacer.js';

/** The bound on a request and on each attempt, and the clock that measures them. */
export interface BudgetOptions {
  readonly clock: Pick<Clock, 'now'>;
  /** The bound on the request's time (ms). */
  readonly limitMs: number;
  /** How long one attempt may wait for an answer (ms), when the bound leaves that much. */
  readonly attemptMs: number;
}

/** One request's time: how much it has used, and how long its next attempt may wait. */
export class RequestBudget {
  /** When the first attempt was sent (clock ms). */
  private started: number | undefined;
  private excludedMs = 0;

  constructor(private readonly options: BudgetOptions) {}

  get limitMs(): number {
    return this.options.limitMs;
  }

  /** Time the request has taken so far (ms), waits excluded; 0 before it is first sent. */
  elapsed(): number {
    return this.started === undefined ? 0 : this.options.clock.now() - this.started - this.excludedMs;
  }

  /** A wait that does not count against the bound. Before the first send nothing counts yet, so it is ignored. */
  exclude(ms: number): void {
    if (this.started !== undefined) this.excludedMs += ms;
  }

  /**
   * Called as an attempt is sent: the bound starts with the first. Returns how long this attempt
   * may wait for an answer (ms): the usual wait, or what is left of the bound if less (at least 1).
   */
  sending(): number {
    this.started ??= this.options.clock.now();
    return Math.max(1, Math.min(this.options.attemptMs, this.options.limitMs - this.elapsed()));
  }
}
