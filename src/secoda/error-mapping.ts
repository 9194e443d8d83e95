/**
 * got's errors and Secoda's error statuses, mapped to ours: the one place that does it. An
 * attempt that got no answer becomes a TransportFailure at once (got's errors hold the request's
 * options, headers and token included: only the code is kept); a request that ends without
 * success becomes one of the errors of errors.ts.
 */
import { RequestError, TimeoutError } from 'got';
import { durationWords } from '../duration-words.js';
import type { Redactor } from '../redaction/redactor.js';
import { tlsError, wrongBaseUrl } from './address-errors.js';
import type { Answer, Method } from './attempt.js';
import { trimBody } from './error-body.js';
import {
  OutcomeUnknownError,
  SecodaApiError,
  SecodaAuthError,
  SecodaBadRequestError,
  SecodaNetworkError,
  SecodaNotFoundError,
  SecodaRateLimitError,
  SecodaRequestNotSentError,
  SecodaServerError,
  type ErrorAnswer,
} from './errors.js';
import type { RequestBudget } from './request-budget.js';
import type { Outcome } from './retry-decision.js';

/** Connection errors that prove the request never left this machine: safe to retry, even a POST. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** got's timeouts that end an attempt before the request was written. */
const NOT_SENT_TIMEOUTS = new Set(['lookup', 'connect', 'secureConnect']);
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

/** An attempt that got no answer, with nothing of the request kept but what a message needs. */
export class TransportFailure extends Error {
  override name = 'TransportFailure';
  /** Node's or got's code: `ECONNRESET`, `ETIMEDOUT`, `ERR_INVALID_CHAR`. */
  readonly code: string;
  /** For a timeout, the phase got was in (`connect`, `request`). */
  readonly event: string | undefined;
  /** OpenSSL's reason for a TLS failure ("wrong version number"), which holds nothing of the request. */
  readonly detail: string | undefined;
  /** How long the attempt waited for an answer (ms). */
  readonly timeoutMs: number;

  constructor(facts: { code: string; event?: string | undefined; detail?: string | undefined; timeoutMs: number }) {
    super(facts.code);
    this.code = facts.code;
    this.event = facts.event;
    this.detail = facts.detail;
    this.timeoutMs = facts.timeoutMs;
  }
}

/** got's error for an attempt that waited at most `timeoutMs`, as a TransportFailure. */
export function transportFailure(error: unknown, timeoutMs: number): TransportFailure {
  const code = error instanceof RequestError ? error.code : ((error as { code?: string } | undefined)?.code ?? 'ERROR');
  const detail = TLS_CODES.has(code) && error instanceof Error ? /routines:[^:]*:([a-z ]+)/i.exec(error.message)?.[1] : undefined;
  return new TransportFailure({ code, event: error instanceof TimeoutError ? error.event : undefined, detail, timeoutMs });
}

/** What the retry decision needs to know of a failure: can a second try help, and may the first have arrived. */
export function failureOutcome(failure: TransportFailure): Outcome {
  const { code, event } = failure;
  return {
    kind: 'no-answer',
    retryable: NEVER_SENDABLE[code] === undefined && !TLS_CODES.has(code),
    mayHaveArrived: !(NOT_SENT_CODES.has(code) || (event !== undefined && NOT_SENT_TIMEOUTS.has(event))),
  };
}

/** "no answer within 20 s" (a timeout), "no answer (ECONNRESET)". */
export function noAnswerReason(failure: TransportFailure): string {
  return failure.code === 'ETIMEDOUT' ? `no answer within ${durationWords(failure.timeoutMs)}` : `no answer (${failure.code})`;
}

/** How a request ended, as the retry loop reports it. */
export type RequestEnd =
  | { readonly kind: 'succeeded'; readonly answer: Answer }
  /** The last answer was an error status, and no retry was left or worth it. */
  | {
      readonly kind: 'refused';
      readonly answer: Answer;
      /** Secoda asked to wait this long (Retry-After, ms), more than `waitLimitMs`, the most tpsync waits for one. */
      readonly askedMs?: number;
      readonly waitLimitMs?: number;
    }
  | { readonly kind: 'unanswered'; readonly failure: TransportFailure; readonly attempts: number }
  /** A POST that may have committed: only reading Secoda can tell. */
  | { readonly kind: 'outcome-unknown'; readonly reason: string };

/** The request whose end is mapped, and what the transport knows around it. */
export interface FailedRequest {
  readonly method: Method;
  /** Relative to the base URL: `event/events/`. */
  readonly path: string;
  /** SECODA_API_URL as used: no trailing slash. */
  readonly baseUrl: string;
  /** Whether Secoda has answered anything with success yet: until it has, the address is the first suspect. */
  readonly reached: boolean;
  /** The usual wait for one attempt's answer (ms). */
  readonly attemptMs: number;
  readonly budget: RequestBudget;
  /** A server may echo the token in an error body: it is taken out before the body is trimmed. */
  readonly redactor: Redactor;
}

/** The error for a request that did not succeed. */
export function requestError(end: Exclude<RequestEnd, { kind: 'succeeded' }>, request: FailedRequest): Error {
  const { method, path, baseUrl } = request;
  const shown = `/${path}`;
  const url = `${baseUrl}/${path}`;
  if (end.kind === 'outcome-unknown') return new OutcomeUnknownError(method, shown, end.reason);
  if (end.kind === 'refused') {
    const { status, text } = end.answer;
    const redacted = request.redactor.redact(text);
    if (status === 404 && !request.reached && method === 'GET' && COLLECTION_PATH.test(path))
      return wrongBaseUrl(method, { url, baseUrl }, trimBody(redacted));
    const tooLong =
      end.askedMs === undefined || end.waitLimitMs === undefined
        ? undefined
        : `Secoda asked to wait ${durationWords(end.askedMs)} (Retry-After); more than the time limit of ${durationWords(end.waitLimitMs)} tpsync waits for one: try again later`;
    return statusError({ status, method, path: shown, body: trimBody(redacted) }, redacted, tooLong);
  }
  const { failure, attempts } = end;
  const never = NEVER_SENDABLE[failure.code];
  if (never !== undefined) return new SecodaRequestNotSentError(failure.code, never, method, shown);
  if (TLS_CODES.has(failure.code)) return tlsError(failure, { url, baseUrl });
  return new SecodaNetworkError({
    code: failure.code,
    method,
    path: shown,
    tried: {
      attempts,
      elapsedMs: request.budget.elapsed(),
      limitMs: request.budget.limitMs,
      ...(failure.code === 'ETIMEDOUT' ? { timeoutMs: request.attemptMs } : {}),
    },
    ...(request.reached ? {} : { url }),
  });
}

/** The error for an error status; `fullBody` is the redacted body before trimming (a 400 names its fields from it); `hint` replaces the usual one. */
function statusError(answer: ErrorAnswer, fullBody: string, hint?: string): SecodaApiError {
  const { status } = answer;
  if (hint !== undefined && status === 429) return new SecodaRateLimitError(answer, hint);
  if (hint !== undefined && status >= 500) return new SecodaServerError(answer, hint);
  if (hint !== undefined) return new SecodaApiError(answer, hint);
  if (status === 401 || status === 403) return new SecodaAuthError(answer);
  if (status === 404) return new SecodaNotFoundError(answer);
  if (status === 400 || status === 422) return new SecodaBadRequestError(answer, fullBody);
  if (status === 429)
    return new SecodaRateLimitError(answer, 'Secoda allows 30 writes a minute; lower --writes-per-minute or try again later');
  if (status >= 500)
    return new SecodaServerError(answer, 'Secoda had trouble; tpsync retried. Try again later; a re-run picks up where this one stopped');
  if (status >= 300 && status < 400)
    return new SecodaApiError(answer, 'Secoda redirected the request: check SECODA_API_URL (it should end in /api/v1 and use https)');
  return new SecodaApiError(answer);
}
