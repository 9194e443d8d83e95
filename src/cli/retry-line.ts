/**
 * The line printed before each retry, so a slow or failing Secoda is never silent, on a terminal
 * or in a CI log: what is retried, how long it waits, and why. Never a query value or a header.
 */
import { durationWords } from '../render/duration-words.js';
import type { RetryNotice } from '../secoda/retry-loop.js';
import { ERASE_LINE, drawsOnTerminal, type Io } from './io.js';

/**
 * "retrying GET /event/category/ in 1.2 s (attempt 2 of 8): Secoda answered 503 Service
 * Unavailable; gives up after 2 min". A 429 says it is Secoda's rate limit, and that every write
 * waits with it: "rate limit: waiting 40 s, as Secoda asked (Retry-After), before retrying POST
 * /event/events/ (attempt 2 of 8): Secoda answered 429 Too Many Requests; every other write waits too".
 */
export function retryLine(notice: RetryNotice): string {
  const attempt = `(attempt ${notice.attempt + 1} of ${notice.attempts})`;
  if (notice.status === 429) {
    const asked = notice.askedBySecoda === true ? ', as Secoda asked (Retry-After),' : '';
    return (
      `rate limit: waiting ${durationWords(notice.delayMs)}${asked} before retrying ${notice.method} ${notice.path} ${attempt}: ` +
      `${notice.reason}; every other write waits too`
    );
  }
  // Secoda's own wait does not count against the bound: said so, lest "in 2 min … gives up after 1 min" read as a contradiction.
  const asked = notice.askedBySecoda === true ? ' as Secoda asked (Retry-After)' : '';
  const bound = notice.askedBySecoda === true ? ', not counting the waits Secoda asks for' : '';
  return `retrying ${notice.method} ${notice.path} in ${durationWords(notice.delayMs)}${asked} ${attempt}: ${notice.reason}; gives up after ${durationWords(notice.limitMs)}${bound}`;
}

/**
 * Where a connection's retry notices go: a line on stderr by default; while apply shows its
 * progress, to the progress, which prints the line above its bar and counts the wait.
 */
export class RetryAnnouncer {
  private listener: ((notice: RetryNotice, line: string) => void) | undefined;

  constructor(private readonly io: Io) {}

  /** For the transport's `onRetry`. */
  readonly announce = (notice: RetryNotice): void => {
    const line = retryLine(notice);
    if (this.listener !== undefined) this.listener(notice, line);
    else this.io.stderr.write(`${drawsOnTerminal(this.io) ? ERASE_LINE : ''}${line}\n`);
  };

  /** Sends the notices to `listener` until the returned function is called. */
  divert(listener: (notice: RetryNotice, line: string) => void): () => void {
    this.listener = listener;
    return () => {
      if (this.listener === listener) this.listener = undefined;
    };
  }
}
