/**
 * Which operations must wait for which: a child's create waits for its parent's create (or
 * re-create), and a parent's delete waits for its children's deletes. Everything else runs
 * independently. Pure.
 */
import { idKey } from '../ids.js';
import { InternalError } from '../errors.js';
import type { Operation } from '../plan/types.js';

export interface DependencyGraph {
  /** For each operation, the indexes it waits for. */
  readonly dependsOn: readonly (readonly number[])[];
  /** For each operation, the indexes that wait for it. */
  readonly dependents: readonly (readonly number[])[];
}

export const pathKey = (path: readonly string[]): string => JSON.stringify(path);

export function buildDependencyGraph(operations: readonly Operation[]): DependencyGraph {
  const dependsOn: number[][] = operations.map(() => []);
  const dependents: number[][] = operations.map(() => []);
  const link = (from: number, on: number) => {
    dependsOn[from]?.push(on);
    dependents[on]?.push(from);
  };

  // Who brings a parent into existence in this plan, by path.
  const creators = new Map<string, number>();
  // Who removes a remote resource's children, by the parent's remote ID.
  const childDeletes = new Map<string, number[]>();
  operations.forEach((op, index) => {
    if ((op.action === 'create' || op.action === 'replace') && op.kind !== 'property') creators.set(pathKey(op.path), index);
    if (op.action === 'delete' && op.parent_id !== null) {
      const key = idKey(op.parent_id);
      childDeletes.set(key, [...(childDeletes.get(key) ?? []), index]);
    }
  });

  operations.forEach((op, index) => {
    if ((op.action === 'create' || op.action === 'replace') && op.kind !== 'category' && op.parent_id === null) {
      const parentPath = op.path.slice(0, -1);
      const creator = creators.get(pathKey(parentPath));
      if (creator === undefined) throw new InternalError(`${op.kind} ${op.path.join(' › ')} has no parent in the plan`);
      link(index, creator);
    }
    if (op.action === 'delete' || op.action === 'replace') {
      // A resource is deleted only after its children are.
      for (const child of childDeletes.get(idKey(op.remote_id)) ?? []) if (child !== index) link(index, child);
    }
  });
  return { dependsOn, dependents };
}
