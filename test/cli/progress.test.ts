import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { StepResult } from '../../src/apply/execute-plan.js';
import { createApplyProgress } from '../../src/cli/progress.js';
import type { Io } from '../../src/cli/io.js';
import type { Operation } from '../../src/plan/types.js';
import { plain } from '../../src/style.js';
import { retryLine } from '../../src/cli/retry-line.js';
import type { RetryNotice } from '../../src/secoda/retry-loop.js';

function recordingIo(env: Record<string, string> = { CI: 'true' }): { io: Io; writes: string[] } {
  const writes: string[] = [];
  const stream = { write: (text: string) => writes.push(text), isTTY: false };
  return { io: { stdout: stream, stderr: { write: () => true, isTTY: false }, env }, writes };
}

const step = (index: number, status: StepResult['status'] = 'done'): StepResult => ({
  index,
  operation: {
    action: 'create',
    kind: 'property',
    path: ['Checkout', 'Order Completed', `p${index}`],
    remote_id: null,
    parent_id: null,
    body: { title: `p${index}` },
    changes: [],
    reason: null,
  } satisfies Operation,
  status,
  detail: status === 'failed' ? 'Secoda answered 500' : null,
  createdId: status === 'done' ? `id-${index}` : null,
  reconciled: false,
});

describe('apply progress in CI logs', () => {
  it('writes each step as a line on stdout as soon as it settles, in order', () => {
    const { io, writes } = recordingIo();
    const progress = createApplyProgress(io, 3, plain);
    progress.onStep(step(0));
    // Already there: a run killed right after a step settles still leaves its line in the log.
    expect(writes.join('')).toBe('✓ created property Checkout › Order Completed › p0 (id id-0)\n');
    progress.onStep(step(1, 'failed'));
    progress.onStep(step(2, 'skipped'));
    expect(writes.join('').split('\n')).toEqual([
      '✓ created property Checkout › Order Completed › p0 (id id-0)',
      '✗ create property Checkout › Order Completed › p1 failed: Secoda answered 500',
      '↷ skipped create property Checkout › Order Completed › p2: ',
      '',
    ]);
    progress.finish();
    expect(writes.join('').split('\n')).toHaveLength(4);
  });
});

/** A terminal on both streams (not CI), recording stdout and stderr apart. */
function terminalIo(extra: Partial<Io> = {}, stdoutTty = true) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    stdout: { write: (text: string) => out.push(text), isTTY: stdoutTty },
    stderr: { write: (text: string) => err.push(text), isTTY: true },
    env: {},
    ...extra,
  };
  return { io, out, err };
}

const rateLimited = (delayMs: number): RetryNotice => ({
  method: 'POST',
  path: '/event/events/',
  attempt: 1,
  attempts: 8,
  reason: 'Secoda answered 429 Too Many Requests',
  delayMs,
  elapsedMs: 0,
  limitMs: 60_000,
  status: 429,
  askedBySecoda: true,
});

describe('the retry line', () => {
  it('a wait Secoda asked for on a 503 says so, and that it does not count against the bound (not "in 1 min 30 s … gives up after 1 min")', () => {
    const notice: RetryNotice = { ...rateLimited(90_000), method: 'GET', status: 503, reason: 'Secoda answered 503 Service Unavailable' };
    expect(retryLine(notice)).toBe(
      'retrying GET /event/events/ in 1 min 30 s as Secoda asked (Retry-After) (attempt 2 of 8): Secoda answered 503 Service Unavailable; gives up after 1 min, not counting the waits Secoda asks for',
    );
  });
});

describe('apply progress on a terminal', () => {
  it('prints a rate-limit wait above the bar, shows it on the bar, and counts it in the time left', () => {
    let t = 0;
    const { io, err } = terminalIo();
    const operations = Array.from({ length: 10 }, (_, i) => step(i).operation);
    const progress = createApplyProgress(io, 10, plain, { now: () => t, operations, paceMs: 2_000 });
    // Paced at one write every 2 s: 10 writes, 20 s.
    expect(err.at(-1)).toMatch(/Applying \[-+\] 0\/10 .* ETA 20 s$/);
    t = 2_000;
    progress.onStep(step(0));
    const line = retryLine(rateLimited(40_000));
    progress.onRetry(rateLimited(40_000), line);
    const text = err.join('');
    expect(line).toBe(
      'rate limit: waiting 40 s, as Secoda asked (Retry-After), before retrying POST /event/events/ (attempt 2 of 8): Secoda answered 429 Too Many Requests; every other write waits too',
    );
    // The line stays above the bar; the bar is redrawn under it, with the wait and 40 s + 9 writes × 2 s left.
    expect(text).toContain(`\r\u001b[2K${line}\n\r\u001b[2KApplying [`);
    expect(err.at(-1)).toMatch(/1\/10 .* ETA 58 s {2}waiting 40 s: Secoda's rate limit$/);
    t = 32_000;
    progress.onStep(step(1));
    progress.finish();
    expect(err.at(-2)).toMatch(/2\/10 .* ETA 26 s {2}waiting 10 s: Secoda's rate limit$/);
    expect(progress.waitSummary()).toBe("Waited 40 s in all for 1 retry (1 for Secoda's rate limit).");
  });

  it('with stdout piped (apply | tee apply.log), every step is a line on stdout and there is no bar', async () => {
    const { io, out, err } = terminalIo({}, false);
    const progress = createApplyProgress(io, 2, plain);
    progress.onStep(step(0));
    progress.onStep(step(1, 'failed'));
    await nextTurn();
    progress.onRetry(rateLimited(1_500), retryLine(rateLimited(1_500)));
    progress.finish();
    expect(out.join('')).toBe(
      '✓ created property Checkout › Order Completed › p0 (id id-0)\n✗ create property Checkout › Order Completed › p1 failed: Secoda answered 500\n',
    );
    expect(err.join('')).toBe(`${retryLine(rateLimited(1_500))}\n`);
    expect(progress.waitSummary()).toBe("Waited 1.5 s in all for 1 retry (1 for Secoda's rate limit).");
  });
});

describe('apply progress on GitHub Actions', () => {
  it('folds the step lines into a ::group:: on stderr, where the markers go; stdout gets none of it', async () => {
    const stream: string[] = [];
    const stdout: string[] = [];
    const io: Io = {
      stdout: { write: (text: string) => stdout.push(text), isTTY: false },
      stderr: { write: (text: string) => stream.push(text), isTTY: false },
      env: { GITHUB_ACTIONS: 'true', CI: 'true' },
      workflowCommands: (line) => stream.push(`${line}\n`),
      foldsInLog: true,
    };
    const progress = createApplyProgress(io, 2, plain);
    progress.onStep(step(0));
    progress.onRetry(rateLimited(1_000), 'rate limit: …');
    progress.onStep(step(1));
    await nextTurn();
    progress.finish();
    expect(stream.join('').split('\n')).toEqual([
      '::group::Apply: 2 changes, one line each',
      '✓ created property Checkout › Order Completed › p0 (id id-0)',
      'rate limit: …',
      '✓ created property Checkout › Order Completed › p1 (id id-1)',
      '::endgroup::',
      '',
    ]);
    expect(stdout).toEqual([]);
  });
});
