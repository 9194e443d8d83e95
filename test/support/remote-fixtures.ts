/** Small builders for remote state and tracking plans in planner tests. */
import type { RemoteCategory, RemoteEvent, RemoteProperty, RemoteState } from '../../src/secoda/types.js';
import type { PlanCategory, PlanEvent, PlanProperty, TrackingPlan } from '../../src/tracking-plan/types.js';

export const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';
export const FOREIGN = 'f0f0f0f0-0000-4000-8000-000000000000';

let clock = 0;
// A second apart from 2024-01-01, valid however many a test run makes (the files of a worker share this module).
const nextTime = () => new Date(Date.UTC(2024, 0, 1) + clock++ * 1000).toISOString().replace('Z', '000Z');

export function resetClock(): void {
  clock = 0;
}

export function category(id: string, title: string, extra: Partial<RemoteCategory> = {}): RemoteCategory {
  return { id, title, integration: INTEGRATION, teams: [], created_at: nextTime(), ...extra };
}

export function event(id: string, parent: string, title: string, extra: Partial<RemoteEvent> = {}): RemoteEvent {
  return {
    id,
    title,
    parent,
    integration: INTEGRATION,
    created_at: nextTime(),
    description: null,
    definition: null,
    pii: null,
    verified: null,
    published: null,
    teams: [],
    owners: [],
    owners_groups: [],
    collections: [],
    tags: [],
    subscribers: [],
    ...extra,
  };
}

export function property(id: string, parent: string, title: string, extra: Partial<RemoteProperty> = {}): RemoteProperty {
  return { ...event(id, parent, title), type: null, enum: null, is_required: null, ...extra };
}

export function state(parts: Partial<RemoteState> = {}): RemoteState {
  return { categories: [], events: [], properties: [], ...parts };
}

export function plan(categories: PlanCategory[], integration = INTEGRATION): TrackingPlan {
  return { version: 1, integration, categories };
}

export function cat(title: string, events: PlanEvent[] = [], extra: Partial<PlanCategory> = {}): PlanCategory {
  return { title, events, ...extra };
}

export function ev(title: string, properties: PlanProperty[] = [], extra: Partial<PlanEvent> = {}): PlanEvent {
  return { title, properties, ...extra };
}

export function prop(title: string, extra: Partial<PlanProperty> = {}): PlanProperty {
  return { title, ...extra };
}

/**
 * A tracking plan of `categories` × `events` × `properties` (titled "Category 1", "Event 1.2",
 * "property_1_2_3"; the properties strings, required), for tests where only the number of
 * resources and their nesting matter.
 */
export function gridPlan(categories: number, events: number, properties: number, integration = INTEGRATION): TrackingPlan {
  const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  return plan(
    range(categories).map((c) =>
      cat(
        `Category ${c}`,
        range(events).map((e) =>
          ev(
            `Event ${c}.${e}`,
            range(properties).map((p) => prop(`property_${c}_${e}_${p}`, { type: 'string', required: true })),
          ),
        ),
      ),
    ),
    integration,
  );
}
