/** got's errors and Secoda's error statuses, mapped to ours in one place. */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../../src/redaction/redactor.js';
import type { Method } from '../../src/secoda/attempt.js';
import {
  failureOutcome,
  noAnswerReason,
  requestError,
  TransportFailure,
  transportFailure,
  type FailedRequest,
} from '../../src/secoda/error-mapping.js';
import type { SecodaError } from '../../src/secoda/errors.js';
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
  SecodaSetupError,
} from '../../src/secoda/errors.js';
import { RequestBudget } from '../../src/secoda/request-budget.js';
import { steppingClock } from './transport-layers.js';

const TOKEN = 'sk-secret-token-0123456789';

function failed(method: Method, extra: Partial<FailedRequest> = {}): FailedRequest {
  const clock = steppingClock();
  const budget = new RequestBudget({ clock, limitMs: 60_000, attemptMs: 20_000 });
  budget.sending();
  clock.advance(2_500);
  return {
    method,
    path: 'event/category/',
    baseUrl: 'https://secoda.example.com/api/v1',
    reached: true,
    attemptMs: 20_000,
    budget,
    redactor: new Redactor([TOKEN]),
    ...extra,
  };
}

const refused = (status: number, text = '{"detail":"no"}') => ({ kind: 'refused' as const, answer: { status, text } });
const unanswered = (code: string, attempts = 3) => ({
  kind: 'unanswered' as const,
  failure: new TransportFailure({ code, timeoutMs: 20_000 }),
  attempts,
});

describe('transportFailure', () => {
  it('keeps the code of got’s error and nothing of the request (its options hold the token)', () => {
    const error = Object.assign(new Error(`socket hang up`), {
      code: 'ECONNRESET',
      options: { headers: { authorization: `Bearer ${TOKEN}` } },
    });
    const failure = transportFailure(error, 1_500);
    expect(failure).toMatchObject({ code: 'ECONNRESET', timeoutMs: 1_500, event: undefined, detail: undefined });
    expect(inspect(failure, { depth: 10 })).not.toContain(TOKEN);
    expect(noAnswerReason(failure)).toBe('no answer (ECONNRESET)');
    expect(noAnswerReason(transportFailure({ code: 'ETIMEDOUT' }, 1_500))).toBe('no answer within 1.5 s');
  });

  it('keeps OpenSSL’s reason for a TLS failure', () => {
    const error = Object.assign(new Error('write EPROTO C0:error:0A00010B:SSL routines:ssl3_get_record:wrong version number'), {
      code: 'EPROTO',
    });
    expect(transportFailure(error, 20_000).detail).toBe('wrong version number');
  });
});

describe('failureOutcome', () => {
  it.each([
    ['ECONNRESET', { retryable: true, mayHaveArrived: true }],
    ['ETIMEDOUT', { retryable: true, mayHaveArrived: true }],
    ['ECONNREFUSED', { retryable: true, mayHaveArrived: false }],
    ['ENOTFOUND', { retryable: true, mayHaveArrived: false }],
    ['ERR_INVALID_CHAR', { retryable: false }],
    ['CERT_HAS_EXPIRED', { retryable: false }],
  ])('%s', (code, expected) => {
    expect(failureOutcome(new TransportFailure({ code, timeoutMs: 1 }))).toMatchObject({ kind: 'no-answer', ...expected });
  });

  it('a timeout while connecting never left: it may be sent again', () => {
    expect(failureOutcome(new TransportFailure({ code: 'ETIMEDOUT', event: 'connect', timeoutMs: 1 }))).toMatchObject({
      mayHaveArrived: false,
    });
  });
});

describe('requestError', () => {
  it.each<[number, new (...args: never[]) => SecodaError, string, RegExp | undefined]>([
    [401, SecodaAuthError, 'Secoda answered 401 Unauthorized to GET /event/category/: {"detail":"no"}', /SECODA_API_TOKEN/],
    [403, SecodaAuthError, 'Secoda answered 403 Forbidden to GET /event/category/: {"detail":"no"}', /Editor or Admin/],
    [404, SecodaNotFoundError, 'Secoda answered 404 Not Found to GET /event/category/: {"detail":"no"}', undefined],
    [429, SecodaRateLimitError, 'Secoda answered 429 Too Many Requests to GET /event/category/: {"detail":"no"}', /--writes-per-minute/],
    [503, SecodaServerError, 'Secoda answered 503 Service Unavailable to GET /event/category/: {"detail":"no"}', /tpsync retried/],
    [302, SecodaApiError, 'Secoda answered 302 to GET /event/category/: {"detail":"no"}', /redirected/],
    [418, SecodaApiError, 'Secoda answered 418 to GET /event/category/: {"detail":"no"}', undefined],
  ])('maps %d to its error, message and hint', (status, type, message, hint) => {
    const error = requestError(refused(status), failed('GET'));
    expect(error).toBeInstanceOf(type);
    expect((error as SecodaError).userMessage).toBe(message);
    if (hint === undefined) expect((error as SecodaError).hint).toBeUndefined();
    else expect((error as SecodaError).hint).toMatch(hint);
  });

  it('names the fields of a 400 from the whole body, with the token taken out', () => {
    const error = requestError(refused(400, `{"title":["Too long: ${TOKEN}"],"pad":"${'x'.repeat(400)}"}`), failed('POST'));
    expect(error).toBeInstanceOf(SecodaBadRequestError);
    expect((error as SecodaBadRequestError).fieldErrors).toEqual(['title: Too long: ***', `pad: ${'x'.repeat(400)}`]);
    expect(inspect(error, { depth: 10 })).not.toContain(TOKEN);
  });

  it('says the address is wrong for a 404 on a list before Secoda answered anything', () => {
    const error = requestError(
      refused(404, '<html><body>Not here</body></html>'),
      failed('GET', { reached: false, baseUrl: 'https://secoda.example.com' }),
    );
    expect(error).toBeInstanceOf(SecodaNotFoundError);
    expect((error as SecodaError).userMessage).toBe(
      'Secoda answered 404 Not Found to GET https://secoda.example.com/event/category/: no Secoda API answers at this address ((an HTML page))',
    );
    expect((error as SecodaError).hint).toMatch(/^SECODA_API_URL must end in \/api\/v1: try https:\/\/secoda.example.com\/api\/v1/);
  });

  it('names the request and how it was tried when no answer came, and the URL while nothing had answered', () => {
    const reached = requestError(unanswered('ETIMEDOUT'), failed('GET'));
    expect(reached).toBeInstanceOf(SecodaNetworkError);
    expect((reached as SecodaError).userMessage).toBe(
      'Secoda did not answer GET /event/category/ within 20 s (ETIMEDOUT); gave up after 3 attempts in 2.5 s (tpsync gives a request at most 1 min)',
    );
    const first = requestError(unanswered('ECONNRESET', 1), failed('GET', { reached: false, baseUrl: 'http://localhost:9/api/v1' }));
    expect((first as SecodaNetworkError).url).toBe('http://localhost:9/api/v1/event/category/');
    expect((first as SecodaError).hint).toMatch(/try https:\/\/$/);
  });

  it('says a request Node could not send was not sent, and a TLS failure what to fix', () => {
    const unsendable = requestError(unanswered('ERR_INVALID_CHAR', 1), failed('POST'));
    expect(unsendable).toBeInstanceOf(SecodaRequestNotSentError);
    expect((unsendable as SecodaError).hint).toMatch(/SECODA_API_TOKEN/);
    const tls = requestError(unanswered('ERR_SSL_WRONG_VERSION_NUMBER', 1), failed('GET'));
    expect(tls).toBeInstanceOf(SecodaSetupError);
    expect((tls as SecodaError).hint).toContain('use http://secoda.example.com/api/v1');
  });

  it('says the outcome of a POST that may have committed is unknown', () => {
    const error = requestError({ kind: 'outcome-unknown', reason: 'Secoda answered 502' }, failed('POST'));
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as SecodaError).userMessage).toBe('the outcome of POST /event/category/ is unknown (Secoda answered 502)');
  });
});
