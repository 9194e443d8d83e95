/**
 * Drift, named (issue 23): which operations of a plan undo something Secoda holds that the YAML
 * does not — Secoda differs on a managed field (update, replace) or holds an event or property the
 * YAML lacks (delete) — and, given the audit log's newest entry per resource, who made that
 * change and on which day. With a baseline (`plan --baseline`), a change that the YAML made is not
 * drift and is never attributed. Pure: the audit log is read at the edge (src/secoda/audit-log.ts).
 */
import { idKey } from '../ids.js';
import type { LatestChange } from '../secoda/audit-log.js';
import type { Operation, Plan, SecodaChange } from './types.js';

/** Whether an operation undoes a state of Secoda's (see the top of this file). */
export function isDrift(op: Operation): boolean {
  return op.action !== 'create' && op.origin !== 'tracking-plan';
}

/** The remote IDs of the plan's drift, each once, in plan order: what to ask the audit log about. Empty for a no-op plan. */
export function driftResourceIds(plan: Plan): string[] {
  const seen = new Set<string>();
  const ids: string[] = [];
  for (const op of plan.operations) {
    if (!isDrift(op) || op.remote_id === null) continue;
    const key = idKey(op.remote_id);
    if (seen.has(key)) continue;
    seen.add(key);
    ids.push(op.remote_id);
  }
  return ids;
}

/**
 * The plan with `changed_in_secoda` set on each drift operation whose resource has an entry in
 * `latest` (keyed by idKey of the resource ID). Operations without one are left as they are.
 */
export function attributeDrift(plan: Plan, latest: ReadonlyMap<string, LatestChange>): Plan {
  if (latest.size === 0) return plan;
  const operations = plan.operations.map((op) => {
    if (!isDrift(op) || op.remote_id === null) return op;
    const change = latest.get(idKey(op.remote_id));
    return change === undefined ? op : { ...op, changed_in_secoda: secodaChange(change) };
  });
  return { ...plan, operations };
}

function secodaChange(change: LatestChange): SecodaChange {
  return {
    by: change.by,
    on: new Date(Date.parse(change.loggedAt)).toISOString().slice(0, 10),
    logged_at: change.loggedAt,
    activity: change.activity,
  };
}
