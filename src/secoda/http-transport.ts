/**
 * The only code that speaks HTTP to Secoda: got v14, one p-limit for every request, the write
 * pacer, retries with backoff and jitter, and the mapping of failures to our typed errors.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import got, { RequestError, TimeoutError, type Got } from 'got';
import pLimit, { type LimitFunction } from 'p-limit';
import { durationWords } from './duration-words.js';
import {
  InterruptedError,
  OutcomeUnknownError,
  SecodaRequestNotSentError,
  SecodaApiError,
  SecodaAuthError,
  SecodaBadRequestError,
  SecodaInvalidResponseError,
  SecodaNetworkError,
  SecodaNotFoundError,
  SecodaRateLimitError,
  SecodaServerError,
  SecodaSetupError,
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
  /** Told after every attempt, answered or not: the request log of `--debug` / `TPSYNC_LOG=debug`. */
  readonly onExchange?: (exchange: Exchange) => void;
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

/**
 * One attempt of a request, for a debug log. Never a header (the token is in one); bodies are
 * trimmed, and the token taken out of them.
 */
export interface Exchange {
  readonly method: Method;
  /** The full URL with its query (the query holds no secret: page numbers, filters). */
  readonly url: string;
  /** The status, or the error code when no answer came (`ECONNREFUSED`, `ETIMEDOUT`). */
  readonly outcome: number | string;
  /** From sending to the answer (or the failure), in ms. */
  readonly ms: number;
  /** What was sent (a write's JSON body), trimmed; undefined for none. */
  readonly requestBody?: string;
  /** What came back, trimmed. */
  readonly responseBody?: string;
}

/** How much of a body a debug log shows. */
const EXCHANGE_BODY_CHARS = 500;

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
/**
 * TLS failures: the handshake never completed, so nothing was sent, and trying again meets the
 * same server with the same certificate. They are reported at once, with the URL and the fix.
 */
const TLS_CODES = new Set([
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
/** A collection path (`event/category/`): a 404 there, before anything answered, means the base URL is wrong. */
const COLLECTION_PATH = /^[a-z_]+\/[a-z_]+\/$/;
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
  /** How long one attempt may wait for an answer (ms). */
  private readonly attemptMs: number;
  /**
   * A server may echo the token in an error body: it is taken out before the body is trimmed
   * (a cut token would escape the redaction at the output). Good answers are redacted where
   * they leave the process, like everything else.
   */
  private readonly redactor: Redactor;
  /**
   * Whether Secoda has answered anything with success yet. Until it has, a 404 on a list, an HTML
   * page or a failed TLS handshake says more about SECODA_API_URL than about Secoda: the error
   * then names the full URL asked and the likely fix.
   */
  private reached = false;

  constructor(private readonly options: TransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.attemptMs = Math.max(1, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.redactor = new Redactor([options.token]);
    this.limit = pLimit(Math.max(1, options.concurrency ?? 4));
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.retry = { ...defaultRetryOptions, ...options.retry };
    this.pacer = new WritePacer(options.writesPerMinute ?? 0, this.clock);
    this.http = got.extend({
      // The usual per-attempt bound, set once: a request passes its own only when less time is
      // left (got merges every option a request gives into a copy of these, at a cost per request).
      timeout: { request: this.attemptMs },
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
    const attemptMs = this.attemptMs;
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
        if (TLS_CODES.has(code))
          throw tlsError(code, error instanceof TransportFailure ? error.detail : undefined, this.url(path), this.baseUrl);
        const event = error instanceof TransportFailure ? error.event : undefined;
        const sent = !(NOT_SENT_CODES.has(code) || (event !== undefined && NOT_SENT_TIMEOUTS.has(event)));
        const reason = code === 'ETIMEDOUT' ? `no answer within ${durationWords(timeoutMs)}` : `no answer (${code})`;
        // A POST that may have reached Secoda is never retried here: apply reconciles it.
        if (method === 'POST' && sent) throw new OutcomeUnknownError(method, shown, reason);
        if (await this.retryAfterFailure(method, shown, attempt, reason, undefined, elapsed(), limitMs, excluded)) continue;
        throw new SecodaNetworkError(
          code,
          method,
          shown,
          {
            attempts: attempt,
            elapsedMs: elapsed(),
            limitMs,
            ...(code === 'ETIMEDOUT' ? { timeoutMs: attemptMs } : {}),
          },
          this.reached ? undefined : this.url(path),
        );
      }

      // The slot this answer frees has started the next request; a turn of the event loop lets
      // it (and those of answers that came with this one) go out before this answer is parsed,
      // checked and converted. Answers come in bursts of up to --concurrency, and each waited
      // for the others' parsing before its successor left (bench/results.md). Every answer takes
      // the turn, in the order they came, so which one is handled first does not change.
      await nextTurn();
      if ((status >= 200 && status < 300) || options.accept?.includes(status)) {
        const body = parseJson(text, method, shown, status, this.redactor, this.url(path));
        this.reached = true;
        return { status, body };
      }
      if (status === 429) this.stats.rateLimited++;
      if (isRetryableStatus(status)) {
        // A 429 is refused before any work is done; any other failure of a POST may have committed.
        if (method === 'POST' && status !== 429) throw new OutcomeUnknownError(method, shown, `Secoda answered ${status}`);
        const waitMs = parseRetryAfter(retryAfter, this.clock.now());
        if (status === 429) this.pacer.pauseUntil(this.clock.now() + (waitMs ?? backoffDelay(attempt, this.retry, this.random)));
        const reason = `Secoda answered ${status}${statusText(status)}`;
        if (await this.retryAfterFailure(method, shown, attempt, reason, waitMs, elapsed(), limitMs, excluded, status)) continue;
      }
      if (status === 404 && !this.reached && method === 'GET' && COLLECTION_PATH.test(path))
        throw wrongBaseUrl(method, this.url(path), this.baseUrl, trimBody(this.redactor.redact(text)));
      throw toApiError(status, method, shown, this.redactor.redact(text));
    }
  }

  /** A body for the debug log: the token out first (a cut token would escape), then cut short. */
  private trimForLog(text: string): string {
    return trimBody(this.redactor.redact(text), EXCHANGE_BODY_CHARS);
  }

  /** The full URL of a request, for messages: the base URL has neither credentials nor a query (refused at start). */
  private url(path: string): string {
    return `${this.baseUrl}/${path}`;
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
    status?: number,
  ): Promise<boolean> {
    if (attempt >= this.retry.attempts) return false;
    const delayMs = backoffDelay(attempt, this.retry, this.random, retryAfterMs);
    // Another attempt must have time to get an answer before the bound.
    if (elapsedMs + (retryAfterMs === undefined ? delayMs : 0) >= limitMs) return false;
    this.options.onRetry?.({
      method,
      path,
      attempt,
      attempts: this.retry.attempts,
      reason,
      delayMs,
      elapsedMs,
      limitMs,
      ...(status === undefined ? {} : { status }),
      ...(retryAfterMs === undefined ? {} : { askedBySecoda: true }),
    });
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
    // The query is encoded here (URLSearchParams, as got's `searchParams` would) and sent in the URL.
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) query.append(key, String(value));
    const search = query.size === 0 ? '' : `?${query.toString()}`;
    const began = this.clock.now();
    const log = (outcome: number | string, responseText?: string) => {
      const onExchange = this.options.onExchange;
      if (onExchange === undefined) return;
      onExchange({
        method,
        url: `${this.url(path)}${search}`,
        outcome,
        ms: this.clock.now() - began,
        ...(options.body === undefined ? {} : { requestBody: this.trimForLog(JSON.stringify(options.body)) }),
        ...(responseText === undefined ? {} : { responseBody: this.trimForLog(responseText) }),
      });
    };
    try {
      const response = await this.http(`${this.baseUrl}/${path}${search}`, {
        method,
        ...(timeoutMs === this.attemptMs ? {} : { timeout: { request: timeoutMs } }),
        ...(options.body === undefined ? {} : { json: options.body }),
      });
      log(response.statusCode, response.body);
      return { status: response.statusCode, text: response.body, retryAfter: response.headers['retry-after'] };
    } catch (error) {
      log(errorCode(error));
      // got's errors hold the request options, headers and token included: keep only the code (and, for
      // TLS, OpenSSL's reason, e.g. "wrong version number", which holds nothing of the request).
      const code = errorCode(error);
      const detail = TLS_CODES.has(code) && error instanceof Error ? /routines:[^:]*:([a-z ]+)/i.exec(error.message)?.[1] : undefined;
      throw new TransportFailure(code, error instanceof TimeoutError ? error.event : undefined, detail);
    }
  }
}

/** A got failure with the sensitive parts dropped. */
class TransportFailure extends Error {
  override name = 'TransportFailure';
  constructor(
    readonly code: string,
    readonly event: string | undefined,
    /** OpenSSL's reason for a TLS failure ("wrong version number"). */
    readonly detail?: string,
  ) {
    super(code);
  }
}

function errorCode(error: unknown): string {
  if (error instanceof TransportFailure) return error.code;
  if (error instanceof RequestError) return error.code;
  return (error as { code?: string }).code ?? 'ERROR';
}

function parseJson(text: string, method: string, path: string, status: number, redactor: Redactor, url: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (isHtml(text)) {
      // A web page where the API should be: the app's address, a proxy's login page, a docs site.
      throw new SecodaInvalidResponseError(
        method,
        url,
        `the ${status} answer is an HTML page, not the API's JSON`,
        '',
        `SECODA_API_URL points at a web page, not at Secoda's API: use the API's address, ending in /api/v1 (e.g. ${SECODA_API_EXAMPLE}; app.secoda.co is the web app, not the API)`,
      );
    }
    throw new SecodaInvalidResponseError(method, path, `the ${status} answer is not JSON`, trimBody(redactor.redact(text), 200));
  }
}

const SECODA_API_EXAMPLE = 'https://api.secoda.co/api/v1; EU https://eapi.secoda.co/api/v1, APAC https://aapi.secoda.co/api/v1';

function isHtml(text: string): boolean {
  return /^\s*(?:<!doctype html|<html|<head|<body)/i.test(text);
}

/** A 404 on a list before Secoda answered anything: the base URL is not Secoda's API. */
function wrongBaseUrl(method: string, url: string, baseUrl: string, body: string): SecodaNotFoundError {
  const path = new URL(baseUrl).pathname.replace(/\/+$/, '');
  const hint = path.endsWith('/api/v1')
    ? `check the host in SECODA_API_URL (now ${baseUrl}): Secoda's API is at ${SECODA_API_EXAMPLE}; a self-hosted Secoda at https://<your host>/api/v1`
    : `SECODA_API_URL must end in /api/v1: try ${baseUrl}/api/v1 (Secoda's API is at ${SECODA_API_EXAMPLE})`;
  return new SecodaNotFoundError(404, method, url, body, hint, 'no Secoda API answers at this address');
}

/** A TLS handshake that failed: a plain-HTTP server behind an https:// URL, or a certificate not trusted. */
function tlsError(code: string, detail: string | undefined, url: string, baseUrl: string): SecodaSetupError {
  const parsed = new URL(url);
  const reason = detail === undefined ? code : `${code}: ${detail}`;
  if (code === 'EPROTO' || code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG') {
    return new SecodaSetupError(
      `could not start TLS with ${url} (${reason}): the server at ${parsed.host} does not speak https`,
      `SECODA_API_URL says https://, but the server answers plain HTTP: for a local server or the tpsync emulator use ${baseUrl.replace(/^https:/i, 'http:')}; Secoda's own API is at https://api.secoda.co/api/v1`,
    );
  }
  return new SecodaSetupError(
    `the TLS certificate of ${parsed.host} is not trusted (${reason}), so nothing was sent to ${url}`,
    `check the host in SECODA_API_URL; for a self-hosted Secoda whose certificate comes from your own authority, point NODE_EXTRA_CA_CERTS at that authority's certificate (a .pem file)`,
  );
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
  if (status === 400 || status === 422) return new SecodaBadRequestError(status, method, path, body, text);
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
