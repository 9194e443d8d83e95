/**
 * The only code that speaks HTTP to Secoda: got v14, one p-limit for every request, the write
 * pacer, retries with backoff and jitter, and the mapping of failures to our typed errors.
 */
import got, { RequestError, TimeoutError, type Got } from 'got';
import pLimit, { type LimitFunction } from 'p-limit';
import {
  InterruptedError,
  OutcomeUnknownError,
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
import { systemClock, WritePacer, type Clock } from './pacer.js';
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
  /** Per attempt. */
  readonly timeoutMs?: number;
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
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL']);
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
      timeout: { request: options.timeoutMs ?? 60_000 },
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
    for (let attempt = 1; ; attempt++) {
      if (isWrite) await this.pacer.acquire(this.options.signal);
      let status: number;
      let text: string;
      let retryAfter: string | string[] | undefined;
      try {
        ({ status, text, retryAfter } = await this.limit(() => this.send(method, path, options)));
      } catch (error) {
        if (error instanceof InterruptedError) throw error;
        const code = errorCode(error);
        const event = error instanceof TransportFailure ? error.event : undefined;
        const sent = !(NOT_SENT_CODES.has(code) || (event !== undefined && NOT_SENT_TIMEOUTS.has(event)));
        // A POST that may have reached Secoda is never retried here: apply reconciles it.
        if (method === 'POST' && sent) throw new OutcomeUnknownError(method, shown, `no response: ${code}`);
        if (attempt < this.retry.attempts) {
          await this.backoff(attempt);
          continue;
        }
        throw new SecodaNetworkError(code, method, shown);
      }

      if ((status >= 200 && status < 300) || options.accept?.includes(status)) {
        return { status, body: parseJson(text, method, shown, status, this.redactor) };
      }
      if (status === 429) this.stats.rateLimited++;
      if (isRetryableStatus(status)) {
        // A 429 is refused before any work is done; any other failure of a POST may have committed.
        if (method === 'POST' && status !== 429) throw new OutcomeUnknownError(method, shown, `Secoda answered ${status}`);
        if (attempt < this.retry.attempts) {
          const waitMs = parseRetryAfter(retryAfter, this.clock.now());
          if (status === 429) this.pacer.pauseUntil(this.clock.now() + (waitMs ?? backoffDelay(attempt, this.retry, this.random)));
          await this.backoff(attempt, waitMs);
          continue;
        }
      }
      throw toApiError(status, method, shown, this.redactor.redact(text));
    }
  }

  private async send(
    method: Method,
    path: string,
    options: RequestOptions,
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
        ...(options.body === undefined ? {} : { json: options.body }),
      });
      return { status: response.statusCode, text: response.body, retryAfter: response.headers['retry-after'] };
    } catch (error) {
      // got's errors hold the request options, headers and token included: keep only the code.
      throw new TransportFailure(errorCode(error), error instanceof TimeoutError ? error.event : undefined);
    }
  }

  private async backoff(attempt: number, retryAfterMs?: number): Promise<void> {
    this.stats.retries++;
    await this.clock.sleep(backoffDelay(attempt, this.retry, this.random, retryAfterMs), this.options.signal);
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
