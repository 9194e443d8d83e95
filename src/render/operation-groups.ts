/**
 * Operations as a reviewer reads them: an event that is replaced (moved to another category,
 * or re-created because `owners_groups` changed) or deleted, together with the properties that
 * go and come with it. The planner lists a replace as "delete the old properties, re-create the
 * event, create the properties" (the order apply runs them in); the renderings show the event
 * first and its properties under it, so a move reads as one change.
 */
import { idKey } from '../ids.js';
import { EVENT_DELETED, EVENT_REPLACED } from '../plan/delete-reasons.js';
import type { Operation } from '../plan/types.js';

/** An operation and those that belong to it (empty for most). */
export interface OperationGroup {
  readonly head: Operation;
  /** The event's properties: deletes first, then creates, each in plan order. */
  readonly members: readonly Operation[];
}

/**
 * Groups in the order of their heads; every operation appears exactly once. A property belongs
 * to a replaced event when it is deleted from it (its `parent_id` is the event's remote ID) or
 * created under the event's new path because of the replace; to a deleted event when it is
 * deleted with it.
 */
export function groupOperations(operations: readonly Operation[]): OperationGroup[] {
  const heads = new Map<string, number>();
  const replacedPaths = new Map<string, number>();
  operations.forEach((op, index) => {
    if (op.kind !== 'event' || (op.action !== 'replace' && op.action !== 'delete')) return;
    heads.set(idKey(op.remote_id), index);
    if (op.action === 'replace') replacedPaths.set(JSON.stringify(op.path), index);
  });
  const memberOf = (op: Operation): number | undefined => {
    if (op.kind !== 'property') return undefined;
    if (op.action === 'delete' && op.parent_id !== null && op.duplicate_of === null) {
      const head = heads.get(idKey(op.parent_id));
      const headOp = head === undefined ? undefined : operations[head];
      if (headOp === undefined) return undefined;
      const expected = headOp.action === 'replace' ? EVENT_REPLACED : EVENT_DELETED;
      return op.reason === expected ? head : undefined;
    }
    if (op.action === 'create' && op.parent_id === null && op.reason === EVENT_REPLACED) {
      return replacedPaths.get(JSON.stringify(op.path.slice(0, 2)));
    }
    return undefined;
  };
  const members = new Map<number, Operation[]>();
  const grouped = new Set<number>();
  operations.forEach((op, index) => {
    const head = memberOf(op);
    if (head === undefined) return;
    grouped.add(index);
    const list = members.get(head) ?? [];
    list.push(op);
    members.set(head, list);
  });
  const groups: OperationGroup[] = [];
  operations.forEach((op, index) => {
    if (grouped.has(index)) return;
    const own = members.get(index) ?? [];
    groups.push({
      head: op,
      members: [...own.filter((m) => m.action === 'delete'), ...own.filter((m) => m.action !== 'delete')],
    });
  });
  return groups;
}
