/**
 * Marks the operations that a shared property definition causes, so that a plan says which
 * definition a change comes from ("8 properties from shared property "currency""). A property
 * operation is marked when the property uses a definition and at least one changed field comes
 * from the definition, not from a field the event overrides beside `use`. Pure.
 */
import type { PlanEvent, PlanProperty, TrackingPlan } from '../tracking-plan/types.js';
import type { Operation } from './types.js';

export function noteSharedDefinitions(operations: Operation[], plan: TrackingPlan): Operation[] {
  // Most plans (every no-op one) have nothing to mark: no index is built for them.
  if (!operations.some((op) => op.kind === 'property' && op.action !== 'delete')) return operations;
  const events = new Map<string, PlanEvent>();
  for (const category of plan.categories) for (const event of category.events) events.set(key(category.title, event.title), event);
  const propertyOf = (path: readonly string[]): PlanProperty | undefined =>
    events.get(key(path[0] ?? '', path[1] ?? ''))?.properties.find((property) => property.title === path[2]);

  return operations.map((op) => {
    if (op.kind !== 'property' || op.action === 'delete' || op.path.length !== 3) return op;
    const shared = propertyOf(op.path)?.shared;
    if (shared === undefined) return op;
    const overridden = new Set<string>(shared.overrides);
    const fromDefinition = op.changes.some((change) => !overridden.has(change.field));
    return fromDefinition ? { ...op, shared_definition: shared.definition } : op;
  });
}

function key(category: string, event: string): string {
  return `${category}\u0000${event}`;
}
