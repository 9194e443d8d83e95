/** The line printed before each retry, so a slow or failing Secoda is never silent in a CI log. */
import { durationWords } from '../secoda/duration-words.js';
import type { RetryNotice } from '../secoda/http-transport.js';

/**
 * "retrying GET /event/category/ in 1.2 s (attempt 2 of 8): Secoda answered 503 Service
 * Unavailable; gives up after 2 min". Never holds a query value or a header.
 */
export function retryLine(notice: RetryNotice): string {
  return (
    `retrying ${notice.method} ${notice.path} in ${durationWords(notice.delayMs)} (attempt ${notice.attempt + 1} of ${notice.attempts}): ` +
    `${notice.reason}; gives up after ${durationWords(notice.limitMs)}`
  );
}
