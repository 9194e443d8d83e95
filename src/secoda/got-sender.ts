/**
 * The innermost layer of the transport: one attempt sent with got v14, and its answer, whatever
 * the status. got retries nothing, follows no redirect and throws on no status (the layers above
 * decide); a failure leaves as a TransportFailure, which keeps nothing of the request.
 */
import got from 'got';
import type { Attempt, TransportStats } from './attempt.js';
import { transportFailure } from './error-mapping.js';
import { SecodaError } from './errors.js';
import type { Clock } from './pacer.js';
import { parseRetryAfter } from './retry-policy.js';

/**
 * The most of one answer's body that is read (after decompression): 64 MiB. Secoda's largest
 * answers (a page of 1,000 events) are a few MB; a server that sends without end (or a gzip
 * bomb) would otherwise fill the memory (6.3 GB before the process died, in a test).
 */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** How got sends: with which token and user agent, and how long an attempt waits. */
export interface GotSenderOptions {
  readonly token: string;
  readonly userAgent?: string | undefined;
  /** The usual wait for one attempt's answer (ms); the request's budget may give an attempt less. */
  readonly attemptMs: number;
  /** Reads Retry-After dates against it. */
  readonly clock: Pick<Clock, 'now'>;
  /** Counts every attempt sent. */
  readonly stats: TransportStats;
  /** The most of a body that is read (bytes); MAX_BODY_BYTES unless a test sets less. */
  readonly maxBodyBytes?: number;
}

/** An Attempt that sends the call with got. */
export function gotSender(options: GotSenderOptions): Attempt {
  const { attemptMs, clock, stats } = options;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const http = got.extend({
    // The usual per-attempt bound, set once: a request passes its own only when less time is
    // left (got merges every option a request gives into a copy of these, at a cost per request).
    timeout: { request: attemptMs },
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
  return async (call) => {
    const timeoutMs = call.budget.sending();
    stats.requests++;
    stats.byMethod[call.method]++;
    if (call.method !== 'GET') stats.writes++;
    let tooLarge = false;
    try {
      const request = http(call.url, {
        method: call.method,
        ...(timeoutMs === attemptMs ? {} : { timeout: { request: timeoutMs } }),
        ...(call.body === undefined ? {} : { json: call.body }),
      });
      void request.on('downloadProgress', (progress: { transferred: number; total?: number }) => {
        if (tooLarge || (progress.transferred <= maxBodyBytes && (progress.total ?? 0) <= maxBodyBytes)) return;
        tooLarge = true;
        request.cancel();
      });
      const response = await request;
      return {
        status: response.statusCode,
        text: response.body,
        retryAfterMs: parseRetryAfter(response.headers['retry-after'], clock.now()),
      };
    } catch (error) {
      if (tooLarge) throw bodyTooLarge(call.method, call.url, maxBodyBytes);
      throw transportFailure(error, timeoutMs);
    }
  };
}

/** The error of an answer past the bound: not retried (the same server would send the same). */
function bodyTooLarge(method: string, url: string, maxBodyBytes: number): SecodaError {
  const path = new URL(url).pathname;
  const mib = Math.round(maxBodyBytes / (1024 * 1024));
  return new SecodaError(
    `Secoda's answer to ${method} ${path} is larger than ${mib} MiB; tpsync stopped reading it`,
    'Secoda answers in pages of a few MB at most: check that SECODA_API_URL points at Secoda, or at a proxy that passes its answers through unchanged',
  );
}
