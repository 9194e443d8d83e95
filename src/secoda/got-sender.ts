/**
 * The innermost layer of the transport: one attempt sent with got v14, and its answer, whatever
 * the status. got retries nothing, follows no redirect and throws on no status (the layers above
 * decide); a failure leaves as a TransportFailure, which keeps nothing of the request.
 */
import got from 'got';
import type { Attempt, TransportStats } from './attempt.js';
import { transportFailure } from './error-mapping.js';
import type { Clock } from './pacer.js';
import { parseRetryAfter } from './retry-policy.js';

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
}

/** An Attempt that sends the call with got. */
export function gotSender(options: GotSenderOptions): Attempt {
  const { attemptMs, clock, stats } = options;
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
    try {
      const response = await http(call.url, {
        method: call.method,
        ...(timeoutMs === attemptMs ? {} : { timeout: { request: timeoutMs } }),
        ...(call.body === undefined ? {} : { json: call.body }),
      });
      return {
        status: response.statusCode,
        text: response.body,
        retryAfterMs: parseRetryAfter(response.headers['retry-after'], clock.now()),
      };
    } catch (error) {
      throw transportFailure(error, timeoutMs);
    }
  };
}
