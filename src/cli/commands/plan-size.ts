import type { TrackingPlan } from '../../tracking-plan/types.js';

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** "5 categories, 25 events, 80 properties" */
export function describePlanSize(plan: TrackingPlan): string {
  const events = plan.categories.reduce((n, c) => n + c.events.length, 0);
  const properties = plan.categories.reduce((n, c) => n + c.events.reduce((m, e) => m + e.properties.length, 0), 0);
  return `${count(plan.categories.length, 'category', 'categories')}, ${count(events, 'event', 'events')}, ${count(properties, 'property', 'properties')}`;
}
