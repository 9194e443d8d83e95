/**
 * `--debug` (or TPSYNC_LOG=debug, for a CI job whose command line is fixed): every request to
 * Secoda logged on stderr — method, URL, status, time and trimmed bodies; never a header, and the
 * stream's redaction takes out any secret too.
 */
import type { Exchange } from '../secoda/exchange-log.js';
import { escapeControls } from '../render/terminal-text.js';
import { ERASE_LINE, drawsOnTerminal, type Io } from './io.js';

/** Whether the run logs its requests: the flag, or TPSYNC_LOG=debug in the environment. */
export function debugLogging(flag: boolean, env: Io['env']): boolean {
  return flag || (env['TPSYNC_LOG'] ?? '').trim().toLowerCase() === 'debug';
}

/** The client's `onExchange` that writes each request to `io.stderr`. */
export function exchangeLogger(io: Io): (exchange: Exchange) => void {
  return (exchange) => io.stderr.write(exchangeLines(exchange, drawsOnTerminal(io)));
}

/**
 * A request of the debug log: `debug: GET https://…/event/category/?page=1 → 200 in 41 ms`, then
 * what was sent and what came back, trimmed.
 */
function exchangeLines(exchange: Exchange, erase: boolean): string {
  const lines = [`debug: ${exchange.method} ${exchange.url} → ${exchange.outcome} in ${exchange.ms} ms`];
  // A server's bytes never move the terminal's cursor or colour what follows.
  if (exchange.requestBody !== undefined) lines.push(`debug:   sent ${escapeControls(exchange.requestBody)}`);
  if (exchange.responseBody !== undefined && exchange.responseBody !== '')
    lines.push(`debug:   got  ${escapeControls(exchange.responseBody)}`);
  return `${erase ? ERASE_LINE : ''}${lines.join('\n')}\n`;
}
