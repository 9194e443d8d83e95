/**
 * Runs a plan against Secoda: every operation as soon as what it depends on is done, so
 * independent branches run in parallel (the client's p-limit and write pacer bound how
 * fast). A failure skips what depends on it; the rest goes on. When the signal aborts, no
 * new operation starts, requests in flight finish, and the result says what was left.
 */
import { describeError } from '../errors.js';
import { idKey } from '../ids.js';
import type { CreateBody, Operation } from '../plan/types.js';
import type { RetryNotice } from '../secoda/retry-loop.js';
import type { SecodaPort } from '../secoda/port.js';
import { buildDependencyGraph, pathKey } from './dependency-graph.js';
import { SecodaBadRequestError } from '../secoda/errors.js';
import { RaceGuard, type ParentBeforeRun } from './race-guard.js';
import { createWithReconciliation, type CreateOptions } from './reconcile-create.js';
import { unconfirmedDuplicates } from './confirm-duplicates.js';

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
   * The most a run waits, at random, before its first look at Secoda for a create that another
   * run may be making too (a category, or anything under a parent this run did not create;
   * default 500 ms, one wait for the whole run): two runs started at the same instant then look
   * at different moments, and the later finds the earlier's copy instead of making a second (a
   * category's the API could never delete). Pass more when writes are paced (the look waits for
   * the write's slot), 0 for none. See RaceGuard.
   */
  readonly categoryStaggerMs?: number;
  /**
   * How long a run that adopted another run's copy waits without seeing another before it
   * creates what is still missing (ms; default 2 s, or three write intervals when paced). See RaceGuard.
   */
  readonly quietMs?: number;
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
  const race = new RaceGuard(port, options.integration, {
    staggerMs: options.categoryStaggerMs ?? DEFAULT_CATEGORY_STAGGER_MS,
    parents: parentsBeforeRun(operations),
    ...(options.quietMs === undefined ? {} : { quietMs: options.quietMs }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  // Resources this run created itself and uses (not another run's copy, nor one found after a lost answer).
  const own = new Set<string>();
  const create: CreateOptions = {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.reconcileDelayMs === undefined ? {} : { baseDelayMs: options.reconcileDelayMs }),
    ...(options.onRetry === undefined ? {} : { onRetry: options.onRetry }),
    race,
  };

  // Categories go first: an event or property create waits until every category create has
  // settled, so that a category's look and write are not held up behind other writes (the
  // longer between them, the likelier another run slips its own copy in between).
  let categoriesLeft = operations.filter((op) => op.kind === 'category').length;
  let categoriesDone: () => void = () => {};
  const categoriesSettled = categoriesLeft === 0 ? Promise.resolve() : new Promise<void>((resolve) => (categoriesDone = resolve));

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
        if (operation.kind !== 'category' && (operation.action === 'create' || operation.action === 'replace')) await categoriesSettled;
        const outcome = await runOperation(operation, port, options.integration, createdIds, { ...create, own });
        if (outcome.createdId !== null && operation.kind !== 'property') createdIds.set(pathKey(operation.path), outcome.createdId);
        if (outcome.createdId !== null && outcome.own) own.add(idKey(outcome.createdId));
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
        if (operation.kind === 'category' && --categoriesLeft === 0) categoriesDone();
        // Dependents were started above, before this one counts as settled: zero means all done.
        if (--inFlight === 0) allSettled();
      }
    })();
  };

  // A duplicate is deleted only once a fresh read confirms it still is one (see confirm-duplicates.ts).
  const refused = await unconfirmedDuplicates(operations, port, options.integration).catch((error: unknown) => {
    const message = describeError(error)?.message ?? (error instanceof Error ? error.message : String(error));
    return new Map(
      duplicateDeletes(operations).map((index) => [index, `not deleted: could not confirm it is still a duplicate: ${message}`]),
    );
  });
  for (const [index, detail] of refused) {
    const operation = operations[index];
    if (operation) settle({ index, operation, status: 'failed', detail, createdId: null, reconciled: false });
  }
  for (const [index, detail] of refused) skipDependents(index, detail);

  waiting.forEach((count, index) => {
    if (count === 0 && results[index] === undefined) start(index);
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
  /** Whether this run made `createdId` itself (and so no other run can be ahead of it under it). */
  readonly own?: boolean;
}

async function runOperation(
  op: Operation,
  port: SecodaPort,
  integration: string,
  createdIds: Map<string, string>,
  options: CreateOptions & { readonly own: ReadonlySet<string> },
): Promise<Outcome> {
  const { own, ...create } = options;
  const signal = create.signal;
  // Another run may be making the same resource: a category; anything when writes are paced (the
  // looks fit in the wait for a slot); anything under a parent this run did not create itself.
  const racy = (parent: string | null) => op.kind === 'category' || port.writeIntervalMs > 0 || parent === null || !own.has(idKey(parent));
  const created = async (body: CreateBody, parent: string | null): Promise<Outcome> => {
    const outcome = await createWithReconciliation(port, op.kind, body, parent, integration, { ...create, racy: racy(parent) });
    return { ...outcome, own: !outcome.adopted && !outcome.reconciled };
  };
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
      return created(op.body, op.kind === 'category' ? null : parentId(op.parent_id));
    case 'replace': {
      if (op.kind === 'event') await port.deleteEvent(op.remote_id);
      else await port.deleteProperty(op.remote_id);
      if (signal?.aborted) throw new Error(`interrupted after deleting ${op.kind} ${op.path.join(' › ')}; re-run apply to re-create it`);
      return created(op.body, parentId(op.parent_id));
    }
  }
}

/** The parents, existing before the run, that its creates go under (see RaceGuard). */
function parentsBeforeRun(operations: readonly Operation[]): ParentBeforeRun[] {
  const parents: ParentBeforeRun[] = [];
  for (const op of operations) {
    if ((op.action !== 'create' && op.action !== 'replace') || op.kind === 'category' || op.parent_id === null) continue;
    const title = op.path[op.path.length - 2];
    if (title !== undefined) parents.push({ kind: op.kind === 'event' ? 'category' : 'event', id: op.parent_id, title });
  }
  return parents;
}

/** The indexes of the deletes of duplicates, and of the properties deleted with a duplicate event. */
function duplicateDeletes(operations: readonly Operation[]): number[] {
  const events = new Set<string>();
  for (const op of operations)
    if (op.action === 'delete' && op.duplicate_of !== null && op.kind === 'event') events.add(idKey(op.remote_id));
  return operations.flatMap((op, index) =>
    op.action === 'delete' && (op.duplicate_of !== null || (op.parent_id !== null && events.has(idKey(op.parent_id)))) ? [index] : [],
  );
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'InterruptedError' || error.message === 'aborted');
}
