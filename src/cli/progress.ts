/**
 * Apply's progress: on a terminal a bar with counts and an ETA, redrawn in place on stderr;
 * elsewhere (CI logs) one plain line per finished step on stdout, written once per turn of the event loop.
 */
import type { StepResult } from '../apply/execute-plan.js';
import type { Action } from '../plan/types.js';
import { durationText, pathText } from '../render/describe-operation.js';
import type { Style } from '../render/style.js';
import type { Io } from './io.js';

const PAST: Record<Action, string> = { create: 'created', update: 'updated', replace: 'replaced', delete: 'deleted' };

export interface ApplyProgress {
  onStep(step: StepResult): void;
  finish(): void;
}

export function createApplyProgress(io: Io, total: number, style: Style, now: () => number = Date.now): ApplyProgress {
  const started = now();
  const counts = { done: 0, failed: 0, skipped: 0 };
  const tty = io.stderr.isTTY === true && io.env['CI'] === undefined;
  let lastDraw = 0;
  // In CI logs, the lines of the steps settled in one turn of the event loop go out in one write
  // (one synchronous write per line was a measurable share of a large apply's CPU).
  let pending: string[] = [];
  let flushScheduled = false;
  const flush = () => {
    flushScheduled = false;
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    io.stdout.write(text);
  };

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

  const draw = (force = false) => {
    const t = now();
    if (!force && t - lastDraw < 100) return;
    lastDraw = t;
    const finished = counts.done + counts.failed + counts.skipped;
    const width = 24;
    const filled = total === 0 ? width : Math.round((finished / total) * width);
    const elapsed = (t - started) / 1000;
    const eta = finished > 0 && finished < total ? ` ETA ${durationText(Math.ceil((elapsed / finished) * (total - finished)))}` : '';
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
    io.stderr.write(
      `\r\u001b[2KApplying ${bar} ${finished}/${total}  ${style.green(`✓ ${counts.done}`)}  ${style.red(`✗ ${counts.failed}`)}  ${style.yellow(`↷ ${counts.skipped}`)}${eta}`,
    );
  };

  return {
    onStep(step) {
      if (step.status === 'done' || step.status === 'failed' || step.status === 'skipped') counts[step.status]++;
      if (!tty) {
        pending.push(`${line(step)}\n`);
        if (!flushScheduled) {
          flushScheduled = true;
          setImmediate(flush);
        }
        return;
      }
      if (step.status !== 'done') {
        io.stderr.write('\r\u001b[2K');
        io.stdout.write(`${line(step)}\n`);
      }
      draw(step.status !== 'done');
    },
    finish() {
      flush();
      if (tty) {
        draw(true);
        io.stderr.write('\n');
      }
    },
  };
}
