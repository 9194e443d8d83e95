/**
 * The request log of `--debug` / `TPSYNC_LOG=debug`: one entry per attempt, answered or not.
 * Never a header (the token is in one); bodies are trimmed, and the token taken out of them first
 * (a cut token would escape the redaction at the output).
 */
import type { Redactor } from '../redaction/redactor.js';
import type { Answer, Attempt, Method } from './attempt.js';
import { trimBody } from './error-body.js';
import { TransportFailure } from './error-mapping.js';
import type { Clock } from './pacer.js';

/** One attempt of a request, for a debug log. */
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

/** Whom the log tells, and how it times and redacts. */
export interface ExchangeLogOptions {
  /** Told after every attempt; without it, attempts are not logged (and cost nothing). */
  readonly onExchange: ((exchange: Exchange) => void) | undefined;
  readonly clock: Pick<Clock, 'now'>;
  readonly redactor: Redactor;
}

/** `attempt`, telling `onExchange` of each attempt once it ends. */
export function withExchangeLog(attempt: Attempt, options: ExchangeLogOptions): Attempt {
  const { onExchange, clock, redactor } = options;
  if (onExchange === undefined) return attempt;
  const shown = (text: string) => trimBody(redactor.redact(text), EXCHANGE_BODY_CHARS);
  return async (call) => {
    const began = clock.now();
    const log = (outcome: number | string, responseText?: string) =>
      onExchange({
        method: call.method,
        url: call.url,
        outcome,
        ms: clock.now() - began,
        ...(call.body === undefined ? {} : { requestBody: shown(JSON.stringify(call.body)) }),
        ...(responseText === undefined ? {} : { responseBody: shown(responseText) }),
      });
    let answer: Answer;
    try {
      answer = await attempt(call);
    } catch (error) {
      log(error instanceof TransportFailure ? error.code : 'ERROR');
      throw error;
    }
    log(answer.status, answer.text);
    return answer;
  };
}
