/**
 * Runs a plan against Secoda: every operation as soon as what it depends on is done, so
 * independent branches run in parallel (the client's p-limit and write pacer bound how
 * fast). A failure skips what depends on it; the rest goes on. When the signal aborts, no
 * new operation starts, requests in flight finish, and the result says what was left.
 */
import { describeError } from '../errors.js';
import type { Operation } from '../plan/types.js';
import type { RetryNotice } from '../secoda/http-transport.js';
import type { SecodaPort } from '../secoda/port.js';
import { buildDependencyGraph, pathKey } from './dependency-graph.js';
import { sleepUnlessAborted } from '../secoda/abortable-sleep.js';
import { SecodaBadRequestError } from '../secoda/errors.js';
import { createWithReconciliation, type CreateOptions } from './reconcile-create.js';

/** See ExecuteOptions.categoryStaggerMs. */
export const DEFAULT_CATEGORY_STAGGER_MS = 500;

export type StepStatus = 'done' | 'failed' | 'skipped' | 'not-started';

export interface StepResult {
  readonly index: number;
  readonly operation: Operation;
  readonly status: StepStatus;
  /** For a failure: what went wrong; for a skip: which failure caused it. */
  readonly detail: string | null;
  /** The ID Secoda gave a created or re-created resource. */
  readonly createdId: string | null;
  /** Whether an unknown outcome was settled by looking at Secoda. */
  readonly reconciled: boolean;
  /** For a create done another way than planned (another run's copy was used), what happened. */
  readonly note?: string | null;
  /** For a failure: Secoda refused the request itself (400), so running apply again will not help. */
  readonly refused?: boolean;
}

export interface ExecuteOptions {
  readonly integration: string;
  readonly signal?: AbortSignal;
  /** Called once per operation when it settles (done, failed or skipped). */
  readonly onStep?: (step: StepResult) => void;
  /** Base of the backoff between attempts of a create whose outcome was unknown (default 250 ms). */
  readonly reconcileDelayMs?: number;
  /**
   * The most a run waits, at random, before it looks up and creates its categories (default
   * 500 ms; one wait for all of them): two runs started at the same instant then look at
   * different moments, and the later finds the earlier's category instead of making a second,
   * which the API could never delete. Pass more when writes are paced (the look-up waits for
   * the write's slot), 0 for none.
   */
  readonly categoryStaggerMs?: number;
  /** Told before a create whose outcome was unknown, and that is not in Secoda, is sent again. */
  readonly onRetry?: (notice: RetryNotice) => void;
}

export interface ExecuteResult {
  readonly steps: readonly StepResult[];
  readonly interrupted: boolean;
  readonly counts: Readonly<Record<StepStatus, number>>;
}

export async function executePlan(operations: readonly Operation[], port: SecodaPort, options: ExecuteOptions): Promise<ExecuteResult> {
  const graph = buildDependencyGraph(operations);
  const results: (StepResult | undefined)[] = operations.map(() => undefined);
  const waiting = graph.dependsOn.map((deps) => deps.length);
  const createdIds = new Map<string, string>();
  // Operations started and not yet settled. Waiting on this count (one promise, resolved when it
  // reaches zero) replaces a Promise.race over every pending task, which cost O(pending) per
  // settled task: seconds, and much garbage, in an apply of 2,000 creates.
  let inFlight = 0;
  let allSettled: () => void = () => {};
  const idle = new Promise<void>((resolve) => (allSettled = resolve));
  const interrupted = () => options.signal?.aborted === true;
  const staggerMs = options.categoryStaggerMs ?? DEFAULT_CATEGORY_STAGGER_MS;
  let staggered: Promise<void> | undefined;
  const create: CreateOptions = {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.reconcileDelayMs === undefined ? {} : { baseDelayMs: options.reconcileDelayMs }),
    ...(options.onRetry === undefined ? {} : { onRetry: options.onRetry }),
    stagger: () => (staggered ??= staggerMs > 0 ? sleepUnlessAborted(Math.random() * staggerMs, options.signal) : Promise.resolve()),
  };

  const settle = (result: StepResult) => {
    results[result.index] = result;
    options.onStep?.(result);
  };

  const skipDependents = (index: number, cause: string) => {
    for (const dependent of graph.dependents[index] ?? []) {
      if (results[dependent] !== undefined) continue;
      const operation = operations[dependent];
      if (!operation) continue;
      settle({ index: dependent, operation, status: 'skipped', detail: cause, createdId: null, reconciled: false });
      skipDependents(dependent, cause);
    }
  };

  const start = (index: number) => {
    const operation = operations[index];
    if (!operation || interrupted()) return;
    inFlight++;
    void (async () => {
      try {
        const outcome = await runOperation(operation, port, options.integration, createdIds, create);
        if (outcome.createdId !== null && operation.kind !== 'property') createdIds.set(pathKey(operation.path), outcome.createdId);
        settle({
          index,
          operation,
          status: 'done',
          detail: null,
          createdId: outcome.createdId,
          reconciled: outcome.reconciled,
          note: outcome.note,
        });
        for (const dependent of graph.dependents[index] ?? []) {
          waiting[dependent] = (waiting[dependent] ?? 1) - 1;
          if (waiting[dependent] === 0 && results[dependent] === undefined) start(dependent);
        }
      } catch (error) {
        if (interrupted() && isAbort(error)) return; // never started: reported as not started
        const message = describeError(error)?.message ?? (error instanceof Error ? error.message : String(error));
        const refused = error instanceof SecodaBadRequestError;
        settle({
          index,
          operation,
          status: 'failed',
          detail: message,
          createdId: null,
          reconciled: false,
          ...(refused ? { refused } : {}),
        });
        skipDependents(index, `${operation.kind} ${operation.path.join(' › ')} failed`);
      } finally {
        // Dependents were started above, before this one counts as settled: zero means all done.
        if (--inFlight === 0) allSettled();
      }
    })();
  };

  waiting.forEach((count, index) => {
    if (count === 0) start(index);
  });
  if (inFlight > 0) await idle;

  const steps = operations.map(
    (operation, index): StepResult =>
      results[index] ?? { index, operation, status: 'not-started', detail: null, createdId: null, reconciled: false },
  );
  const counts = { done: 0, failed: 0, skipped: 0, 'not-started': 0 };
  for (const step of steps) counts[step.status]++;
  return { steps, interrupted: interrupted() && counts['not-started'] > 0, counts };
}

interface Outcome {
  readonly createdId: string | null;
  readonly reconciled: boolean;
  readonly note: string | null;
}

async function runOperation(
  op: Operation,
  port: SecodaPort,
  integration: string,
  createdIds: Map<string, string>,
  create: CreateOptions,
): Promise<Outcome> {
  const signal = create.signal;
  const parentId = (explicit: string | null): string => {
    if (explicit !== null) return explicit;
    const created = createdIds.get(pathKey(op.path.slice(0, -1)));
    if (created === undefined) throw new Error(`the parent of ${op.kind} ${op.path.join(' › ')} was not created`);
    return created;
  };
  switch (op.action) {
    case 'update':
      if (op.kind === 'event') await port.patchEvent(op.remote_id, op.patch);
      else await port.patchProperty(op.remote_id, op.patch);
      return { createdId: null, reconciled: false, note: null };
    case 'delete':
      if (op.kind === 'event') await port.deleteEvent(op.remote_id);
      else await port.deleteProperty(op.remote_id);
      return { createdId: null, reconciled: false, note: null };
    case 'create':
      return createWithReconciliation(port, op.kind, op.body, op.kind === 'category' ? null : parentId(op.parent_id), integration, create);
    case 'replace': {
      if (op.kind === 'event') await port.deleteEvent(op.remote_id);
      else await port.deleteProperty(op.remote_id);
      if (signal?.aborted) throw new Error(`interrupted after deleting ${op.kind} ${op.path.join(' › ')}; re-run apply to re-create it`);
      return createWithReconciliation(port, op.kind, op.body, parentId(op.parent_id), integration, create);
    }
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'InterruptedError' || error.message === 'aborted');
}
