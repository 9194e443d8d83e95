/**
 * Where each change of a plan comes from, told by comparing the tracking plan with its version
 * at a baseline (a git ref, read at the edge): when the YAML for a resource or field changed
 * since then, the change is the tracking plan's; when it did not, Secoda changed — drift.
 *
 * This assumes the baseline was applied: in a scheduled check on main (baseline HEAD) every
 * change is drift; in a pull request (baseline: the base branch) changes the branch did not
 * make are drift. Pure.
 */
import { idKey } from '../ids.js';
import type { PlanCategory, PlanEvent, PlanProperty, TrackingPlan } from '../tracking-plan/types.js';
import type { Operation, Origin, Plan } from './types.js';

type PlanNode = PlanCategory | PlanEvent | PlanProperty;

/** With `baseline` null (it could not be read), every origin is null: unknown. */
export function attributeOrigins(plan: Plan, current: TrackingPlan, baseline: TrackingPlan | null): Plan {
  if (baseline === null) return { ...plan, operations: plan.operations.map((op) => ({ ...op, origin: null })) };
  const now = indexNodes(current);
  const before = indexNodes(baseline);
  const own = plan.operations.map((op) => originOf(op, now, before));
  const parents = eventOrigins(plan.operations, own);
  const operations = plan.operations.map((op, i) => ({ ...op, origin: inheritedOrigin(op, parents) ?? own[i] ?? null }));
  return { ...plan, operations };
}

function originOf(op: Operation, now: Map<string, PlanNode>, before: Map<string, PlanNode>): Origin {
  const key = nodeKey(op.kind, op.path);
  const was = before.get(key);
  switch (op.action) {
    // Missing in Secoda: new in the YAML, or removed from Secoda since.
    case 'create':
      return was === undefined ? 'tracking-plan' : 'secoda';
    // Not in the YAML: taken out of it, or added to Secoda (a remote duplicate always is).
    case 'delete':
      return op.duplicate_of === null && was !== undefined ? 'tracking-plan' : 'secoda';
    case 'update':
    case 'replace': {
      const is = now.get(key);
      if (was === undefined || is === undefined) return 'tracking-plan';
      // `parent` is no YAML field: the resource sat under the same parent in both versions.
      const fields = op.changes.map((c) => c.field).filter((field) => field !== 'parent');
      return fields.some((field) => !sameValue(field, fieldOf(was, field), fieldOf(is, field))) ? 'tracking-plan' : 'secoda';
    }
  }
}

interface EventOrigins {
  /** Events deleted or replaced, by remote ID: their properties are deleted with them. */
  readonly byRemoteId: Map<string, Origin>;
  /** Events replaced, by path: their properties are re-created with them. */
  readonly replacedByPath: Map<string, Origin>;
}

function eventOrigins(operations: readonly Operation[], own: readonly Origin[]): EventOrigins {
  const byRemoteId = new Map<string, Origin>();
  const replacedByPath = new Map<string, Origin>();
  operations.forEach((op, i) => {
    const origin = own[i];
    if (op.kind !== 'event' || origin === undefined) return;
    if (op.action === 'delete' || op.action === 'replace') byRemoteId.set(op.remote_id, origin);
    if (op.action === 'replace') replacedByPath.set(nodeKey('event', op.path), origin);
  });
  return { byRemoteId, replacedByPath };
}

/**
 * A property deleted with its event, or re-created with it after a replace, is there because
 * of its event: it takes the event's origin.
 */
function inheritedOrigin(op: Operation, parents: EventOrigins): Origin | undefined {
  if (op.kind !== 'property') return undefined;
  if (op.action === 'delete' && op.parent_id !== null) return parents.byRemoteId.get(op.parent_id);
  if (op.action === 'create' && op.parent_id === null) return parents.replacedByPath.get(nodeKey('event', op.path.slice(0, 2)));
  return undefined;
}

function nodeKey(kind: string, path: readonly string[]): string {
  return [kind, ...path].join('\u0000');
}

function indexNodes(plan: TrackingPlan): Map<string, PlanNode> {
  const nodes = new Map<string, PlanNode>();
  for (const category of plan.categories) {
    nodes.set(nodeKey('category', [category.title]), category);
    for (const event of category.events) {
      nodes.set(nodeKey('event', [category.title, event.title]), event);
      for (const property of event.properties) nodes.set(nodeKey('property', [category.title, event.title, property.title]), property);
    }
  }
  return nodes;
}

function fieldOf(node: PlanNode, field: string): unknown {
  return (node as unknown as Record<string, unknown>)[field];
}

/** As the planner compares: lists as sets (IDs by their hex digits), enum values exactly. */
function sameValue(field: string, a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    const key = (value: unknown) => (field === 'enum' ? String(value) : idKey(String(value)));
    const left = new Set(a.map(key));
    const right = new Set(b.map(key));
    return left.size === right.size && [...left].every((value) => right.has(value));
  }
  return a === b;
}
