/**
 * The only code that speaks HTTP to Secoda. A request goes through small layers, each in its own
 * file, composed as renovate's lib/util/http composes retry-after, throttle and queue:
 *
 *   retries (retry-loop.ts, deciding with retry-decision.ts)
 *     → write pacing (write-pacing.ts) → the queue of --concurrency (request-queue.ts)
 *     → the --debug log (exchange-log.ts) → got (got-sender.ts)
 *
 * with the request's time bound (request-budget.ts) handed down with each attempt, and its end
 * mapped to our errors in one place (error-mapping.ts).
 */
import pLimit, { type LimitFunction } from 'p-limit';
import { Redactor } from '../redaction/redactor.js';
import { answerJson } from './answer-json.js';
import type { Method, TransportStats } from './attempt.js';
import { requestError, type RequestEnd } from './error-mapping.js';
import { withExchangeLog, type Exchange } from './exchange-log.js';
import { gotSender } from './got-sender.js';
import { systemClock, WritePacer, type Clock, type WriteSlot } from './pacer.js';
import { RequestBudget } from './request-budget.js';
import { withQueue } from './request-queue.js';
import { withRetries, type Request, type RetryNotice } from './retry-loop.js';
import { backoffDelay, defaultRetryOptions, type RetryOptions } from './retry-policy.js';
import { withWritePacing } from './write-pacing.js';

/** Where Secoda is, the token, and how to pace, bound and retry requests; every field but the first two has a default. */
export interface TransportOptions {
  /** e.g. https://api.secoda.co/api/v1 */
  readonly baseUrl: string;
  readonly token: string;
  /** Requests in flight at once. */
  readonly concurrency?: number;
  /** 0 = unpaced. */
  readonly writesPerMinute?: number;
  readonly retry?: Partial<RetryOptions>;
  /** How long one attempt may wait for an answer (default 20 s). */
  readonly timeoutMs?: number;
  /**
   * How long one request may take in all, its attempts and the backoff between them, before it
   * fails (default 1 min): a server that never answers fails within this bound, and the error
   * says so. It runs from when the request is first sent: waits for a write slot or for a turn
   * among the requests in flight, and the Retry-After a server asks for, do not count.
   */
  readonly maxRequestMs?: number;
  /** Told before each retry, so the command line can print a line per retry. */
  readonly onRetry?: (notice: RetryNotice) => void;
  /** Told after every attempt, answered or not: the request log of `--debug` / `TPSYNC_LOG=debug`. */
  readonly onExchange?: (exchange: Exchange) => void;
  readonly userAgent?: string;
  /** Reads the time and sleeps (backoff, pacing, re-reads); tests pass one they move themselves. */
  readonly clock?: Clock;
  /** Draws the jitter of each backoff (default Math.random). */
  readonly random?: () => number;
  /** Stops waiting (pacer slots, backoff) when aborted; requests already sent still finish. */
  readonly signal?: AbortSignal;
}

/** What one request sends besides its method and path. */
export interface RequestOptions {
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: unknown;
  /** Statuses that count as success besides 2xx (e.g. 404 for a DELETE). */
  readonly accept?: readonly number[];
  /** A write slot reserved beforehand (WritePacer.reserve): the first attempt waits for it instead of taking a new one. */
  readonly slot?: WriteSlot;
}

/** A successful answer: its status and its JSON body (null for an empty one). */
export interface TransportResponse {
  readonly status: number;
  readonly body: unknown;
}

const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_MAX_REQUEST_MS = 60_000;

/**
 * Requests to Secoda's API, through the layers above. A request resolves with a success (2xx, or a
 * status the caller accepts) or rejects with one of the errors of errors.ts.
 */
export class HttpTransport {
  readonly stats: TransportStats = {
    requests: 0,
    writes: 0,
    retries: 0,
    rateLimited: 0,
    byMethod: { GET: 0, POST: 0, PATCH: 0, DELETE: 0 },
  };
  readonly pacer: WritePacer;
  private readonly limit: LimitFunction;
  private readonly clock: Clock;
  private readonly baseUrl: string;
  /** How long one attempt may wait for an answer (ms). */
  private readonly attemptMs: number;
  /** How long one request may take in all (ms). */
  private readonly limitMs: number;
  /**
   * A server may echo the token in an error body: it is taken out before the body is trimmed
   * (a cut token would escape the redaction at the output). Good answers are redacted where
   * they leave the process, like everything else.
   */
  private readonly redactor: Redactor;
  /** The composed layers: runs a request until it ends. */
  private readonly run: (request: Request) => Promise<RequestEnd>;
  /**
   * Whether Secoda has answered anything with success yet. Until it has, a 404 on a list, an HTML
   * page or a failed TLS handshake says more about SECODA_API_URL than about Secoda: the error
   * then names the full URL asked and the likely fix.
   */
  private reached = false;

  constructor(private readonly options: TransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.attemptMs = Math.max(1, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.limitMs = Math.max(1, options.maxRequestMs ?? DEFAULT_MAX_REQUEST_MS);
    this.redactor = new Redactor([options.token]);
    this.limit = pLimit(Math.max(1, options.concurrency ?? 4));
    const clock = (this.clock = options.clock ?? systemClock);
    this.pacer = new WritePacer(options.writesPerMinute ?? 0, clock);
    const { stats } = this;
    const { signal } = options;
    const policy: RetryOptions = { ...defaultRetryOptions, ...options.retry };
    const random = options.random ?? Math.random;

    const sent = gotSender({ token: options.token, userAgent: options.userAgent, attemptMs: this.attemptMs, clock, stats });
    const logged = withExchangeLog(sent, { onExchange: options.onExchange, clock, redactor: this.redactor });
    const queued = withQueue(logged, { limit: this.limit, clock, signal });
    const paced = withWritePacing(queued, {
      pacer: this.pacer,
      clock,
      signal,
      stats,
      backoffMs: (attempt) => backoffDelay(attempt, policy, random()),
    });
    this.run = withRetries(paced, { policy, clock, random, signal, onRetry: options.onRetry, stats });
  }

  get concurrency(): number {
    return this.limit.concurrency;
  }

  /** `path` is relative to the base URL and ends with a slash (`event/events/`), as Secoda advises. */
  async request(method: Method, path: string, options: RequestOptions = {}): Promise<TransportResponse> {
    const budget = new RequestBudget({ clock: this.clock, limitMs: this.limitMs, attemptMs: this.attemptMs });
    const url = `${this.baseUrl}/${path}${queryString(options.query)}`;
    const end = await this.run({ method, path, url, budget, body: options.body, accept: options.accept, slot: options.slot });
    if (end.kind !== 'succeeded') {
      throw requestError(end, {
        method,
        path,
        baseUrl: this.baseUrl,
        reached: this.reached,
        attemptMs: this.attemptMs,
        budget,
        redactor: this.redactor,
      });
    }
    const body = answerJson(end.answer, { method, path: `/${path}`, url: `${this.baseUrl}/${path}`, redactor: this.redactor });
    this.reached = true;
    return { status: end.answer.status, body };
  }

  /** Sleeps `ms` (re-reads of a list that moved are spaced this way); stops early when interrupted. */
  async pause(ms: number): Promise<void> {
    await this.clock.sleep(ms, this.options.signal);
  }
}

/** `?a=1&b=2`, or "" for none: encoded as got's `searchParams` would, values left undefined omitted. */
function queryString(query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) params.append(key, String(value));
  return params.size === 0 ? '' : `?${params.toString()}`;
}
