/**
 * Before apply deletes a copy as a duplicate, a fresh read confirms that it still is one: the copy
 * the plan keeps is still in Secoda, with the same title, and the copy to delete is not the
 * oldest of its title under its parent. A plan made from a read that met a row deleted and
 * created again (the stale copy and the new one, both listed), or a saved plan that Secoda has
 * moved past, would otherwise delete the live copy. The properties a refused event delete would
 * have taken with it are refused too (they go first: a parent is deleted after its children).
 */
import { idKey, sameId } from '../ids.js';
import { titleIdentity } from '../plan/compare.js';
import type { DeleteOperation, Operation } from '../plan/types.js';
import type { SecodaPort } from '../secoda/port.js';
import { oldestTitled } from './find-existing.js';

interface Copy {
  readonly id: string;
  readonly title: string;
  readonly parent: string | null;
  readonly created_at: string | null;
}

/**
 * The operations (by index) whose delete of a duplicate is not confirmed by Secoda now, each with
 * why, in words. Reads the events list, and the properties list, only when the plan deletes a
 * duplicate of that kind. Throws what a read throws (the caller fails those deletes with it).
 */
export async function unconfirmedDuplicates(
  operations: readonly Operation[],
  port: SecodaPort,
  integration: string,
): Promise<Map<number, string>> {
  const refused = new Map<number, string>();
  const duplicates = operations.flatMap((op, index) =>
    op.action === 'delete' && op.duplicate_of !== null && op.kind !== 'category' ? [{ op, index }] : [],
  );
  if (duplicates.length === 0) return refused;
  const needs = new Set(duplicates.map(({ op }) => op.kind));
  const [events, properties] = await Promise.all([
    needs.has('event') ? port.listEvents(integration) : Promise.resolve([]),
    needs.has('property') ? port.listProperties(integration) : Promise.resolve([]),
  ]);
  const refusedEvents = new Map<string, string>();
  for (const { op, index } of duplicates) {
    const reason = whyNot(op, op.kind === 'event' ? events : properties);
    if (reason === undefined) continue;
    refused.set(index, reason);
    if (op.kind === 'event') refusedEvents.set(idKey(op.remote_id), reason);
  }
  operations.forEach((op, index) => {
    if (op.action !== 'delete' || op.kind !== 'property' || op.parent_id === null || refused.has(index)) return;
    const reason = refusedEvents.get(idKey(op.parent_id));
    if (reason !== undefined) refused.set(index, `its event is not deleted: ${reason}`);
  });
  return refused;
}

/** Why `op` must not delete its copy now, given what Secoda holds of its kind; undefined when it may. */
function whyNot(op: DeleteOperation, copies: readonly Copy[]): string | undefined {
  const keptId = op.duplicate_of ?? '';
  const kept = copies.find((c) => sameId(c.id, keptId));
  const doomed = copies.find((c) => sameId(c.id, op.remote_id));
  const stale = 'the plan is out of date; run plan again';
  if (kept === undefined) return `not deleted as a duplicate: Secoda no longer holds the copy it duplicates (id ${keptId}); ${stale}`;
  // Already gone: the delete is a no-op (Secoda's 404 on delete is the goal reached).
  if (doomed === undefined) return undefined;
  if (titleIdentity(kept.title) !== titleIdentity(doomed.title))
    return `not deleted as a duplicate: the copy it duplicates (id ${keptId}) is now titled differently; ${stale}`;
  if (sameParent(kept.parent, doomed.parent)) {
    const siblings = copies.filter((c) => sameParent(c.parent, doomed.parent));
    if (sameId(oldestTitled(siblings, doomed.title), doomed.id))
      return `not deleted as a duplicate: it is the oldest copy of its title in Secoda now; ${stale}`;
  }
  return undefined;
}

function sameParent(a: string | null, b: string | null): boolean {
  return (a === null && b === null) || sameId(a, b);
}
