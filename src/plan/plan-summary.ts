/** The plan's counts: operations per action, the write calls they make and how long those take at the pace. */
import type { Operation, PlanSummary } from './types.js';

/**
 * The summary of `operations`: `managed` is the remote events and properties under the integration
 * before the change; `writesPerMinute` 0 means unpaced (no estimate).
 */
export function summarise(operations: readonly Operation[], warnings: number, managed: number, writesPerMinute: number): PlanSummary {
  const count = (action: Operation['action']) => operations.filter((o) => o.action === action).length;
  const create = count('create');
  const update = count('update');
  const replace = count('replace');
  const remove = count('delete');
  // A replace is two calls: a delete and a create.
  const writes = create + update + remove + 2 * replace;
  return {
    create,
    update,
    replace,
    delete: remove,
    warnings,
    write_calls: writes,
    writes_per_minute: writesPerMinute > 0 ? writesPerMinute : null,
    estimated_seconds: writesPerMinute > 0 ? Math.ceil((writes * 60) / writesPerMinute) : null,
    managed_resources: managed,
  };
}
