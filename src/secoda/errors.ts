/**
 * Errors of the Secoda client. Each carries a `userMessage` (what happened, which request)
 * and sometimes a `hint`; none ever carries request headers, so the token cannot leak
 * through an error.
 */
import { durationWords } from '../duration-words.js';
import { drfFieldErrors, trimBody } from './error-body.js';
import { statusWithText } from './http-status-text.js';

export class SecodaError extends Error {
  override name = 'SecodaError';
  constructor(
    readonly userMessage: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(userMessage, options);
  }
}

/** Which request got which error status, for the message. */
export interface ErrorAnswer {
  readonly status: number;
  readonly method: string;
  /** `/event/events/`, or the full URL when the address itself is in doubt. */
  readonly path: string;
  /** The response body, trimmed; never headers. */
  readonly body: string;
}

/** Secoda answered with an error status. */
export class SecodaApiError extends SecodaError {
  override name = 'SecodaApiError';
  readonly status: number;
  readonly method: string;
  readonly path: string;
  /** The response body, trimmed; never headers. */
  readonly body: string;
  constructor(answer: ErrorAnswer, hint?: string) {
    const { status, method, path, body } = answer;
    super(`Secoda answered ${statusWithText(status)} to ${method} ${path}${body === '' ? '' : `: ${body}`}`, hint);
    this.status = status;
    this.method = method;
    this.path = path;
    this.body = body;
  }
}

export class SecodaAuthError extends SecodaApiError {
  override name = 'SecodaAuthError';
  constructor(answer: ErrorAnswer) {
    super(
      answer,
      answer.status === 401
        ? 'check SECODA_API_TOKEN: it must be an API key from Secoda (Settings → API), sent as a Bearer token, for the workspace at SECODA_API_URL'
        : 'the API key is valid but may not do this: it acts as the user who created it, who needs Editor or Admin rights on these resources',
    );
  }
}

/**
 * Secoda refused the request itself (400): a field it does not accept. Running the same request
 * again gives the same answer, so the message names the fields, as Django REST Framework lists
 * them (`{"field": ["message"]}`, DESIGN §1), and the hint says that a re-run will not help.
 */
export class SecodaBadRequestError extends SecodaApiError {
  override name = 'SecodaBadRequestError';
  /** "title: Ensure this field has no more than 255 characters." per field, or Secoda's `detail`. */
  readonly fieldErrors: readonly string[];
  /** `fullBody`: the body as Secoda sent it (redacted), before trimming, for its fields. */
  constructor(answer: ErrorAnswer, fullBody: string) {
    const fields = drfFieldErrors(fullBody);
    super(
      { ...answer, body: fields.length > 0 ? trimBody(fields.join('; '), 600) : answer.body },
      answer.method === 'GET'
        ? 'Secoda refused the request as tpsync sent it; check SECODA_API_URL, and report it if it is right'
        : 'Secoda refused the values themselves, so running apply again will not help: change them in the tracking plan (the fields are named above), or report it if the plan is valid',
    );
    this.fieldErrors = fields;
  }
}

export class SecodaNotFoundError extends SecodaApiError {
  override name = 'SecodaNotFoundError';
  /** `meaning.problem`, when given, says what the 404 means (e.g. "no Secoda API answers at this address"). */
  constructor(answer: ErrorAnswer, meaning: { readonly problem?: string; readonly hint?: string } = {}) {
    const { problem, hint } = meaning;
    const { body } = answer;
    super({ ...answer, body: problem === undefined ? body : body === '' ? problem : `${problem} (${body})` }, hint);
  }
}

/**
 * A setting that cannot work (SECODA_API_URL's scheme or host, a certificate): found before
 * anything was sent, and never retried. The message names the full URL; the hint, the fix.
 */
export class SecodaSetupError extends SecodaError {
  override name = 'SecodaSetupError';
}

export class SecodaRateLimitError extends SecodaApiError {
  override name = 'SecodaRateLimitError';
}

export class SecodaServerError extends SecodaApiError {
  override name = 'SecodaServerError';
}

/** How a request that never got an answer was tried (for the message). */
export interface AttemptsMade {
  readonly attempts: number;
  readonly elapsedMs: number;
  /** The bound on a request's total time. */
  readonly limitMs: number;
  /** Each attempt's wait for an answer, when it timed out. */
  readonly timeoutMs?: number;
}

/** A request that got no answer, and how it was tried. */
export interface Unanswered {
  /** Node's error code: `ECONNREFUSED`, `ETIMEDOUT`. */
  readonly code: string;
  readonly method: string;
  readonly path: string;
  readonly tried?: AttemptsMade;
  /** The full URL, when nothing had answered yet: then SECODA_API_URL is the first suspect. */
  readonly url?: string;
}

/** No usable answer at all: DNS, refused connection, reset, timeout. */
export class SecodaNetworkError extends SecodaError {
  override name = 'SecodaNetworkError';
  readonly code: string;
  readonly method: string;
  readonly path: string;
  readonly tried?: AttemptsMade;
  /** The full URL, when nothing had answered yet: then SECODA_API_URL is the first suspect. */
  readonly url?: string;
  constructor(unanswered: Unanswered) {
    const { code, method, path, tried, url } = unanswered;
    super(
      `${
        code === 'ETIMEDOUT'
          ? `Secoda did not answer ${method} ${path}${tried?.timeoutMs === undefined ? '' : ` within ${durationWords(tried.timeoutMs)}`} (ETIMEDOUT)`
          : `could not reach Secoda for ${method} ${path} (${code})`
      }${
        tried === undefined
          ? ''
          : `; gave up after ${tried.attempts} ${tried.attempts === 1 ? 'attempt' : 'attempts'} in ${durationWords(tried.elapsedMs)} (tpsync gives a request at most ${durationWords(tried.limitMs)})`
      }`,
      url === undefined
        ? 'check SECODA_API_URL and the network; tpsync retried before giving up, and a re-run picks up where this one stopped'
        : `nothing answered at ${url}: check SECODA_API_URL (its host, its port, http or https) and the network${
            url.startsWith('http:') && code === 'ECONNRESET'
              ? '; a server that speaks https closes plain-HTTP connections: try https://'
              : ''
          }`,
    );
    this.code = code;
    this.method = method;
    this.path = path;
    this.tried = tried;
    this.url = url;
  }
}

/**
 * A request Node refused to send at all (ERR_INVALID_CHAR and the like): nothing reached
 * Secoda, and sending it again cannot help, so it is not retried.
 */
export class SecodaRequestNotSentError extends SecodaError {
  override name = 'SecodaRequestNotSentError';
  constructor(
    readonly code: string,
    problem: string,
    readonly method: string,
    readonly path: string,
  ) {
    super(
      `could not send ${method} ${path}: ${problem} (${code}); nothing was sent to Secoda`,
      code === 'ERR_INVALID_CHAR' || code === 'ERR_HTTP_INVALID_HEADER_VALUE'
        ? 'check SECODA_API_TOKEN for a stray line break, quote or non-ASCII character: it is sent in the Authorization header'
        : 'check SECODA_API_URL: it should look like https://api.secoda.co/api/v1',
    );
  }
}

/** What was wrong with an answer, for SecodaInvalidResponseError. */
export interface InvalidAnswer {
  readonly method: string;
  readonly path: string;
  /** "the 200 answer is not JSON". */
  readonly problem: string;
  /** A trimmed sample of what came, if it helps ("" or absent for none). */
  readonly sample?: string;
  /** The fix, when the problem suggests one; otherwise the usual advice. */
  readonly hint?: string;
}

/** Secoda answered, but not with what the documented API promises. */
export class SecodaInvalidResponseError extends SecodaError {
  override name = 'SecodaInvalidResponseError';
  constructor(invalid: InvalidAnswer) {
    const { method, path, problem, sample = '', hint } = invalid;
    super(
      `unexpected response from Secoda to ${method} ${path}: ${problem}${sample === '' ? '' : ` — got ${sample}`}`,
      hint ??
        'check that SECODA_API_URL points at the Secoda API (…/api/v1); if it does, Secoda may have changed its API: please report this',
    );
  }
}

/**
 * A list that never read consistently: its pages, its count and its items kept disagreeing
 * (see pagination.ts). Nothing is planned from it, since an item missing from a short list
 * would be planned as a create, a duplicate.
 */
export class SecodaInconsistentListError extends SecodaError {
  override name = 'SecodaInconsistentListError';
  constructor(
    readonly request: string,
    readonly problems: readonly string[],
    readonly passes: number,
  ) {
    super(
      `Secoda's list ${request} did not read consistently (read ${passes} ${passes === 1 ? 'time' : 'times'}): ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? `; and ${problems.length - 3} more` : ''}. Nothing was planned or changed`,
      'the catalog may have changed while tpsync read it: run the command again in a moment. If it keeps failing, Secoda pages this list inconsistently; please report it with this message',
    );
  }
}

/**
 * A list that reaches the most its server returns across all pages (Secoda's Resources catalog:
 * "a maximum limit of 10,000 resources that can be returned across all pages"): what it holds may
 * be cut short, and a plan made from a short list would delete what it left out. Refused before
 * anything is planned or written.
 */
export class SecodaListCapError extends SecodaError {
  override name = 'SecodaListCapError';
  constructor(
    readonly request: string,
    /** The items the list says it holds (its count), or the items read when it gives no count. */
    readonly listed: number,
    readonly cap: number,
  ) {
    super(
      `Secoda's list ${request} holds ${listed.toLocaleString('en-US')} items, and Secoda returns at most ${cap.toLocaleString('en-US')} across all pages: the list may be cut short, and a plan made from it would delete what it leaves out. Nothing was planned or changed`,
      "Secoda's Resources catalog cannot list this many events of one integration; move some events to another integration (a tracking plan each), or ask Secoda to raise the limit",
    );
  }
}

/**
 * A write whose outcome is unknown: the request may have reached Secoda, but no answer came
 * back. Never retried blindly; apply lists the parent's children to see whether it landed.
 */
export class OutcomeUnknownError extends SecodaError {
  override name = 'OutcomeUnknownError';
  constructor(
    readonly method: string,
    readonly path: string,
    /** Why the outcome is unknown: "no answer within 20 s", "Secoda answered 502". */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      `the outcome of ${method} ${path} is unknown (${reason})`,
      'run the command again: tpsync checks what Secoda holds before writing',
      options,
    );
  }
}

/** The run was interrupted (Ctrl-C, SIGTERM) before this request was sent. */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
  constructor() {
    super('interrupted before the request was sent');
  }
}
