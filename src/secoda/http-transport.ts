/**
 * The only code that speaks HTTP to Secoda: got v14, one p-limit for every request, the write
 * pacer, retries with backoff and jitter, and the mapping of failures to our typed errors.
 */
import got, { RequestError, TimeoutError, type Got } from 'got';
import pLimit, { type LimitFunction } from 'p-limit';
import { durationWords } from './duration-words.js';
import {
  InterruptedError,
  OutcomeUnknownError,
  SecodaRequestNotSentError,
  SecodaApiError,
  SecodaAuthError,
  SecodaInvalidResponseError,
  SecodaNetworkError,
  SecodaNotFoundError,
  SecodaRateLimitError,
  SecodaServerError,
  trimBody,
} from './errors.js';
import { Redactor } from '../redaction/redactor.js';
import { systemClock, WritePacer, type Clock, type WriteSlot } from './pacer.js';
import { backoffDelay, defaultRetryOptions, isRetryableStatus, parseRetryAfter, type RetryOptions } from './retry-policy.js';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

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
  readonly userAgent?: string;
  readonly clock?: Clock;
  readonly random?: () => number;
  /** Stops waiting (pacer slots, backoff) when aborted; requests already sent still finish. */
  readonly signal?: AbortSignal;
}

export interface RequestOptions {
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: unknown;
  /** Statuses that count as success besides 2xx (e.g. 404 for a DELETE). */
  readonly accept?: readonly number[];
  /** A write slot reserved beforehand (WritePacer.reserve): the first attempt waits for it instead of taking a new one. */
  readonly slot?: WriteSlot;
}

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
  /** The wait before the next attempt (ms). */
  readonly delayMs: number;
  /** Time spent on this request so far (ms, waits for a write slot excluded). */
  readonly elapsedMs: number;
  /** The bound on that time (ms): past it, the request fails. */
  readonly limitMs: number;
}

export interface TransportResponse {
  readonly status: number;
  readonly body: unknown;
}

export interface TransportStats {
  requests: number;
  writes: number;
  retries: number;
  rateLimited: number;
  byMethod: Record<Method, number>;
}

/** Connection errors that prove the request never left this machine: safe to retry, even a POST. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/**
 * Errors Node raises before sending anything, for a request it cannot even write (a header
 * value with a newline or a non-Latin-1 character, a malformed URL): nothing was sent, and
 * sending again cannot succeed, so they are never retried.
 */
const NEVER_SENDABLE: Readonly<Record<string, string>> = {
  ERR_INVALID_CHAR: 'a request header holds a character HTTP does not allow',
  ERR_INVALID_HTTP_TOKEN: 'a request header name is not valid HTTP',
  ERR_HTTP_INVALID_HEADER_VALUE: 'a request header has no valid value',
  ERR_INVALID_URL: 'the URL is not valid',
  ERR_UNESCAPED_CHARACTERS: 'the path holds characters that cannot be sent',
  ERR_INVALID_PROTOCOL: 'the URL has a protocol other than http(s)',
};
const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_MAX_REQUEST_MS = 60_000;
const NOT_SENT_TIMEOUTS = new Set(['lookup', 'connect', 'secureConnect']);

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
  private readonly http: Got;
  private readonly retry: RetryOptions;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly baseUrl: string;
  /**
   * A server may echo the token in an error body: it is taken out before the body is trimmed
   * (a cut token would escape the redaction at the output). Good answers are redacted where
   * they leave the process, like everything else.
   */
  private readonly redactor: Redactor;

  constructor(private readonly options: TransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.redactor = new Redactor([options.token]);
    this.limit = pLimit(Math.max(1, options.concurrency ?? 4));
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.retry = { ...defaultRetryOptions, ...options.retry };
    this.pacer = new WritePacer(options.writesPerMinute ?? 0, this.clock);
    this.http = got.extend({
      headers: {
        authorization: `Bearer ${options.token}`,
        accept: 'application/json',
        'user-agent': options.userAgent ?? 'tpsync',
      },
      retry: { limit: 0 },
      throwHttpErrors: false,
      followRedirect: false,
      responseType: 'text',
    });
  }

  get concurrency(): number {
    return this.limit.concurrency;
  }

  /** `path` is relative to the base URL and ends with a slash (`event/events/`), as Secoda advises. */
  async request(method: Method, path: string, options: RequestOptions = {}): Promise<TransportResponse> {
    const shown = `/${path}`;
    // Secoda documents its limit for POST/PUT/PATCH; DELETE is paced too, so every change is spread
    // evenly and an undocumented limit on deletes cannot turn a large clean-up into a 429 storm.
    const isWrite = method !== 'GET';
    const limitMs = Math.max(1, this.options.maxRequestMs ?? DEFAULT_MAX_REQUEST_MS);
    const attemptMs = Math.max(1, this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    let started: number | undefined;
    // Waits that do not count against the bound: for write slots and for a turn among the
    // requests in flight (the bound starts when the request is first sent), and for the
    // Retry-After a server asked for (it answered; it is not silent).
    let excludedMs = 0;
    const elapsed = () => (started === undefined ? 0 : this.clock.now() - started - excludedMs);
    const excluded = (ms: number) => (excludedMs += ms);
    for (let attempt = 1; ; attempt++) {
      if (isWrite) {
        const before = this.clock.now();
        if (attempt === 1 && options.slot) await options.slot.open(this.options.signal);
        else await this.pacer.acquire(this.options.signal);
        if (started !== undefined) excluded(this.clock.now() - before);
      }
      let status: number;
      let text: string;
      let retryAfter: string | string[] | undefined;
      let timeoutMs = attemptMs;
      const queued = this.clock.now();
      try {
        ({ status, text, retryAfter } = await this.limit(() => {
          // The bound runs from when the request is first sent: its turn behind other requests
          // (a long list asks for every page at once) is not time Secoda did not answer.
          const now = this.clock.now();
          if (started === undefined) started = now;
          else excluded(now - queued);
          timeoutMs = Math.max(1, Math.min(attemptMs, limitMs - elapsed()));
          return this.send(method, path, options, timeoutMs);
        }));
      } catch (error) {
        if (error instanceof InterruptedError) throw error;
        const code = errorCode(error);
        const never = NEVER_SENDABLE[code];
        if (never !== undefined) throw new SecodaRequestNotSentError(code, never, method, shown);
        const event = error instanceof TransportFailure ? error.event : undefined;
        const sent = !(NOT_SENT_CODES.has(code) || (event !== undefined && NOT_SENT_TIMEOUTS.has(event)));
        const reason = code === 'ETIMEDOUT' ? `no answer within ${durationWords(timeoutMs)}` : `no answer (${code})`;
        // A POST that may have reached Secoda is never retried here: apply reconciles it.
        if (method === 'POST' && sent) throw new OutcomeUnknownError(method, shown, reason);
        if (await this.retryAfterFailure(method, shown, attempt, reason, undefined, elapsed(), limitMs, excluded)) continue;
        throw new SecodaNetworkError(code, method, shown, {
          attempts: attempt,
          elapsedMs: elapsed(),
          limitMs,
          ...(code === 'ETIMEDOUT' ? { timeoutMs: attemptMs } : {}),
        });
      }

      if ((status >= 200 && status < 300) || options.accept?.includes(status)) {
        return { status, body: parseJson(text, method, shown, status, this.redactor) };
      }
      if (status === 429) this.stats.rateLimited++;
      if (isRetryableStatus(status)) {
        // A 429 is refused before any work is done; any other failure of a POST may have committed.
        if (method === 'POST' && status !== 429) throw new OutcomeUnknownError(method, shown, `Secoda answered ${status}`);
        const waitMs = parseRetryAfter(retryAfter, this.clock.now());
        if (status === 429) this.pacer.pauseUntil(this.clock.now() + (waitMs ?? backoffDelay(attempt, this.retry, this.random)));
        const reason = `Secoda answered ${status}${statusText(status)}`;
        if (await this.retryAfterFailure(method, shown, attempt, reason, waitMs, elapsed(), limitMs, excluded)) continue;
      }
      throw toApiError(status, method, shown, this.redactor.redact(text));
    }
  }

  /** Sleeps `ms` (re-reads of a list that moved are spaced this way); stops early when interrupted. */
  async pause(ms: number): Promise<void> {
    await this.clock.sleep(ms, this.options.signal);
  }

  /**
   * Waits before the next attempt and says so; false when no attempt or no time is left. A wait
   * the server asked for (Retry-After) is honoured whatever the bound, and not counted against it.
   */
  private async retryAfterFailure(
    method: Method,
    path: string,
    attempt: number,
    reason: string,
    retryAfterMs: number | undefined,
    elapsedMs: number,
    limitMs: number,
    excluded: (ms: number) => void,
  ): Promise<boolean> {
    if (attempt >= this.retry.attempts) return false;
    const delayMs = backoffDelay(attempt, this.retry, this.random, retryAfterMs);
    // Another attempt must have time to get an answer before the bound.
    if (elapsedMs + (retryAfterMs === undefined ? delayMs : 0) >= limitMs) return false;
    this.options.onRetry?.({ method, path, attempt, attempts: this.retry.attempts, reason, delayMs, elapsedMs, limitMs });
    this.stats.retries++;
    await this.clock.sleep(delayMs, this.options.signal);
    if (retryAfterMs !== undefined) excluded(delayMs);
    return true;
  }

  private async send(
    method: Method,
    path: string,
    options: RequestOptions,
    timeoutMs: number,
  ): Promise<{ status: number; text: string; retryAfter: string | string[] | undefined }> {
    // Interrupted while queued for a slot: do not start anything new.
    if (this.options.signal?.aborted) throw new InterruptedError();
    this.stats.requests++;
    this.stats.byMethod[method]++;
    if (method !== 'GET') this.stats.writes++;
    const searchParams: Record<string, string> = {};
    for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) searchParams[key] = String(value);
    try {
      const response = await this.http(`${this.baseUrl}/${path}`, {
        method,
        searchParams,
        timeout: { request: timeoutMs },
        ...(options.body === undefined ? {} : { json: options.body }),
      });
      return { status: response.statusCode, text: response.body, retryAfter: response.headers['retry-after'] };
    } catch (error) {
      // got's errors hold the request options, headers and token included: keep only the code.
      throw new TransportFailure(errorCode(error), error instanceof TimeoutError ? error.event : undefined);
    }
  }
}

/** A got failure with the sensitive parts dropped. */
class TransportFailure extends Error {
  override name = 'TransportFailure';
  constructor(
    readonly code: string,
    readonly event: string | undefined,
  ) {
    super(code);
  }
}

function errorCode(error: unknown): string {
  if (error instanceof TransportFailure) return error.code;
  if (error instanceof RequestError) return error.code;
  return (error as { code?: string }).code ?? 'ERROR';
}

function parseJson(text: string, method: string, path: string, status: number, redactor: Redactor): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SecodaInvalidResponseError(method, path, `the ${status} answer is not JSON`, trimBody(redactor.redact(text), 200));
  }
}

function statusText(status: number): string {
  const texts: Record<number, string> = {
    408: ' Request Timeout',
    429: ' Too Many Requests',
    500: ' Internal Server Error',
    502: ' Bad Gateway',
    503: ' Service Unavailable',
    504: ' Gateway Timeout',
  };
  return texts[status] ?? '';
}

function toApiError(status: number, method: string, path: string, text: string): SecodaApiError {
  const body = trimBody(text);
  if (status === 401 || status === 403) return new SecodaAuthError(status, method, path, body);
  if (status === 404) return new SecodaNotFoundError(status, method, path, body);
  if (status === 429)
    return new SecodaRateLimitError(
      status,
      method,
      path,
      body,
      'Secoda allows 30 writes a minute; lower --writes-per-minute or try again later',
    );
  if (status >= 500)
    return new SecodaServerError(
      status,
      method,
      path,
      body,
      'Secoda had trouble; tpsync retried. Try again later; a re-run picks up where this one stopped',
    );
  if (status >= 300 && status < 400) {
    return new SecodaApiError(
      status,
      method,
      path,
      body,
      'Secoda redirected the request: check SECODA_API_URL (it should end in /api/v1 and use https)',
    );
  }
  return new SecodaApiError(status, method, path, body);
}
