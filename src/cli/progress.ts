/**
 * Apply's progress, and every wait announced.
 *
 * - On a terminal (stdout and stderr both TTYs, not CI): a bar with counts, the time left and any
 *   wait in progress, redrawn in place on stderr, once a second while nothing else happens; a
 *   failure or a skip is printed above it (stdout), and so is a retry or a rate-limit wait (stderr).
 * - Elsewhere (a CI log, `apply | tee apply.log`, `apply > apply.log`): one plain line per finished
 *   step on stdout, so the record is kept wherever stdout goes; a retry or wait is a plain line
 *   on stderr.
 * - On GitHub Actions, when the runner reads tpsync's workflow commands on stderr and stdout is not
 *   redirected to a file: the step lines are folded into a `::group::` section of the log. The
 *   group's markers are workflow commands, which never go to stdout (it may carry a document, and
 *   text from a plan or a server must never be obeyed as one: see output-guard.ts), so the lines
 *   they fold go to stderr with them — one stream keeps them in order.
 *
 * The time left counts what is known to come: at the pacer's rate, the writes still to make; while
 * a rate-limit (or any retry) wait runs, the rest of it.
 */
import type { StepResult } from '../apply/execute-plan.js';
import type { Action, Operation } from '../plan/types.js';
import { pathText } from '../render/describe-operation.js';
import { durationWords } from '../render/duration-words.js';
import { plural } from '../render/plural.js';
import type { Style } from '../style.js';
import type { RetryNotice } from '../secoda/retry-loop.js';
import { ERASE_LINE, drawsOnTerminal, workflowCommandsOf, type Io } from './io.js';

const PAST: Record<Action, string> = { create: 'created', update: 'updated', replace: 'replaced', delete: 'deleted' };

export interface ApplyProgress {
  onStep(step: StepResult): void;
  /** A retry or a rate-limit wait: its line is printed, and the wait counts in the time left. */
  onRetry(notice: RetryNotice, line: string): void;
  finish(): void;
  /** "Waited 1 min 20 s in all for 3 retries (2 for Secoda's rate limit)." — null when nothing waited. */
  waitSummary(): string | null;
}

export interface ProgressOptions {
  /** The clock (ms); Date.now by default. */
  readonly now?: () => number;
  /** The operations applied, in plan order: a replace makes two write calls. */
  readonly operations?: readonly Operation[];
  /** The pacer's spacing between writes (ms); 0 or absent when unpaced. */
  readonly paceMs?: number;
  /** The group title on GitHub Actions; by default "Apply: N changes". */
  readonly groupTitle?: string;
}

/** How the steps are shown, decided once from where stdout and stderr go. */
export type ProgressMode = 'bar' | 'lines' | 'grouped-lines';

export function progressMode(io: Io): ProgressMode {
  if (io.foldsInLog === true) return 'grouped-lines';
  return drawsOnTerminal(io) ? 'bar' : 'lines';
}

export function createApplyProgress(io: Io, total: number, style: Style, options: ProgressOptions = {}): ApplyProgress {
  const now = options.now ?? Date.now;
  const started = now();
  const mode = progressMode(io);
  const counts = { done: 0, failed: 0, skipped: 0 };
  const writesOf = (op: Operation | undefined) => (op?.action === 'replace' ? 2 : 1);
  const writeCalls = options.operations?.reduce((n, op) => n + writesOf(op), 0) ?? total;
  let writesSettled = 0;
  const paceMs = options.paceMs ?? 0;
  /** When the wait announced last ends (ms on the clock), and why. */
  let waitUntil = 0;
  let waitWhy = '';
  const waits = { count: 0, ms: 0, rateLimited: 0 };
  let lastDraw = 0;
  let ticker: ReturnType<typeof setInterval> | undefined;

  // Folded on a runner, the step lines go with the group's markers, on stderr.
  const stepStream = mode === 'grouped-lines' ? io.stderr : io.stdout;

  const line = (step: StepResult): string => {
    const what = `${step.operation.kind} ${pathText(step.operation.path)}`;
    switch (step.status) {
      case 'done': {
        const id = step.createdId !== null ? style.dim(` (id ${step.createdId})`) : '';
        const note =
          step.note !== undefined && step.note !== null
            ? style.dim(` — ${step.note}`)
            : step.reconciled
              ? style.dim(' — checked after an unanswered request')
              : '';
        return `${style.green('✓')} ${PAST[step.operation.action]} ${what}${id}${note}`;
      }
      case 'failed':
        return `${style.red('✗')} ${step.operation.action} ${what} failed: ${step.detail ?? ''}`;
      case 'skipped':
        return `${style.yellow('↷')} skipped ${step.operation.action} ${what}: ${step.detail ?? ''}`;
      case 'not-started':
        return `  not started: ${step.operation.action} ${what}`;
    }
  };

  /** Seconds left: the wait in progress, then the writes to come at the pacer's rate (or at the rate so far). */
  const secondsLeft = (t: number, finished: number): number | null => {
    const waiting = Math.max(0, waitUntil - t);
    const remainingWrites = Math.max(0, writeCalls - writesSettled);
    if (finished >= total) return null;
    if (paceMs > 0) return Math.ceil((waiting + remainingWrites * paceMs) / 1000);
    if (finished === 0) return waiting > 0 ? Math.ceil(waiting / 1000) : null;
    const elapsed = t - started;
    return Math.ceil((waiting + (elapsed / finished) * (total - finished)) / 1000);
  };

  const draw = (force = false) => {
    const t = now();
    if (!force && t - lastDraw < 100) return;
    lastDraw = t;
    const finished = counts.done + counts.failed + counts.skipped;
    const width = 24;
    const filled = total === 0 ? width : Math.round((finished / total) * width);
    const left = secondsLeft(t, finished);
    const eta = left === null ? '' : ` ETA ${durationWords(left * 1000)}`;
    const waiting = waitUntil > t ? style.yellow(`  waiting ${durationWords(waitUntil - t)}: ${waitWhy}`) : '';
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
    io.stderr.write(
      `${ERASE_LINE}Applying ${bar} ${finished}/${total}  ${style.green(`✓ ${counts.done}`)}  ${style.red(`✗ ${counts.failed}`)}  ${style.yellow(`↷ ${counts.skipped}`)}${eta}${waiting}`,
    );
  };

  if (mode === 'bar') {
    draw(true);
    // Time passes while a write waits for its slot or a 429 is waited out: the bar says so.
    ticker = setInterval(() => draw(true), 1000);
    ticker.unref();
  } else if (mode === 'grouped-lines') {
    workflowCommandsOf(io)(`::group::${options.groupTitle ?? `Apply: ${plural(total, 'change')}, one line each`}`);
  }

  return {
    onStep(step) {
      if (step.status === 'done' || step.status === 'failed' || step.status === 'skipped') {
        counts[step.status]++;
        writesSettled += writesOf(step.operation);
      }
      if (mode !== 'bar') {
        stepStream.write(`${line(step)}\n`);
        return;
      }
      if (step.status !== 'done') {
        io.stderr.write(ERASE_LINE);
        io.stdout.write(`${line(step)}\n`);
      }
      draw(step.status !== 'done');
    },
    onRetry(notice, text) {
      const t = now();
      waits.count++;
      waits.ms += notice.delayMs;
      if (notice.status === 429) waits.rateLimited++;
      if (t + notice.delayMs > waitUntil) {
        waitUntil = t + notice.delayMs;
        waitWhy = notice.status === 429 ? "Secoda's rate limit" : `retrying ${notice.method} ${notice.path}`;
      }
      if (mode === 'bar') {
        io.stderr.write(`${ERASE_LINE}${text}\n`);
        draw(true);
      } else io.stderr.write(`${text}\n`);
    },
    finish() {
      if (ticker !== undefined) clearInterval(ticker);
      if (mode === 'bar') {
        draw(true);
        io.stderr.write('\n');
      } else if (mode === 'grouped-lines') {
        workflowCommandsOf(io)('::endgroup::');
      }
    },
    waitSummary() {
      if (waits.count === 0) return null;
      const limit = waits.rateLimited > 0 ? ` (${waits.rateLimited} for Secoda's rate limit)` : '';
      return `Waited ${durationWords(waits.ms)} in all for ${plural(waits.count, 'retry', 'retries')}${limit}.`;
    },
  };
}
