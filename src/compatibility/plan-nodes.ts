/**
 * Looking up the tracking plan's events and properties by the path an operation names
 * ([category, event] or [category, event, property]), in the current plan or at a baseline.
 */
import type { PlanEvent, PlanProperty, TrackingPlan } from '../tracking-plan/types.js';

export type PlanNode = PlanEvent | PlanProperty;

export interface NodeIndex {
  /** The event or property at exactly this path. */
  at(kind: 'event' | 'property', path: readonly string[]): PlanNode | undefined;
  /** The property at [category, event, property]. */
  property(path: readonly string[]): PlanProperty | undefined;
  /** The one event with this title in any category; undefined when none or several. */
  eventTitled(title: string): PlanEvent | undefined;
}

interface IndexedEvent {
  readonly event: PlanEvent;
  readonly properties: Map<string, PlanProperty>;
}

/** Nested maps by title (no joined string keys): a plan of 100,000 properties is looked up once per operation. */
export function indexNodes(plan: TrackingPlan | null | undefined): NodeIndex {
  const categories = new Map<string, Map<string, IndexedEvent>>();
  const byTitle = new Map<string, PlanEvent | null>();
  for (const category of plan?.categories ?? []) {
    const events = categories.get(category.title) ?? new Map<string, IndexedEvent>();
    categories.set(category.title, events);
    for (const event of category.events) {
      events.set(event.title, { event, properties: new Map(event.properties.map((p) => [p.title, p])) });
      // null: the title is taken by more than one event.
      byTitle.set(event.title, byTitle.has(event.title) ? null : event);
    }
  }
  const eventAt = (path: readonly string[]) => categories.get(path[0] ?? '')?.get(path[1] ?? '');
  const property = (path: readonly string[]) => eventAt(path)?.properties.get(path[2] ?? '');
  return {
    at: (kind, path) => (kind === 'event' ? eventAt(path)?.event : property(path)),
    property,
    eventTitled: (title) => byTitle.get(title) ?? undefined,
  };
}

export function pathKey(path: readonly string[]): string {
  return path.join('\u0000');
}
