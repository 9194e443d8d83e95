/**
 * The Secoda side of a generated plan: what Secoda holds once the plan has been applied, so
 * that planning against it is a no-op. Two forms: the client's RemoteState (for planning in
 * process, no network) and emulator store records (for the benchmark over HTTP).
 */
import { joinEnum } from '../src/plan/field-diff.js';
import type { ResourceInput, ResourceKind } from '../src/emulator/stored-resource.js';
import type { RemoteCommon, RemoteState } from '../src/secoda/types.js';
import type { CommonFields, TrackingPlan } from '../src/tracking-plan/types.js';
import { Random } from './random.js';

export interface SeedResource {
  readonly kind: ResourceKind;
  readonly input: ResourceInput;
}

/** Records in creation order (parents first), with ids and increasing `created_at`. */
export function matchingResources(plan: TrackingPlan, seed = 11): SeedResource[] {
  const random = new Random(seed);
  const start = Date.UTC(2024, 0, 1);
  let tick = 0;
  const createdAt = () => new Date(start + tick++ * 1000).toISOString().replace('Z', '000Z');
  const resources: SeedResource[] = [];
  for (const category of plan.categories) {
    const categoryId = random.uuid();
    resources.push({
      kind: 'event_category',
      input: {
        id: categoryId,
        title: category.title,
        integration: plan.integration,
        teams: [...(category.teams ?? [])],
        created_at: createdAt(),
      },
    });
    for (const event of category.events) {
      const eventId = random.uuid();
      resources.push({
        kind: 'event',
        input: {
          id: eventId,
          title: event.title,
          integration: plan.integration,
          parent: categoryId,
          created_at: createdAt(),
          ...stated(event),
        },
      });
      for (const property of event.properties) {
        resources.push({
          kind: 'event_property',
          input: {
            id: random.uuid(),
            title: property.title,
            integration: plan.integration,
            parent: eventId,
            created_at: createdAt(),
            ...stated(property),
            type: property.type ?? null,
            enum: property.enum === undefined ? null : joinEnum(property.enum),
            is_required: property.required ?? false,
          },
        });
      }
    }
  }
  return resources;
}

/** The common fields the YAML states, as Secoda stores them. */
function stated(fields: CommonFields): Partial<ResourceInput> {
  const out: Partial<ResourceInput> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'properties' || key === 'title' || key === 'source') continue;
    (out as Record<string, unknown>)[key] = Array.isArray(value) ? [...(value as string[])] : value;
  }
  return out;
}

/** The same records as the client reads them back (what `readState` returns). */
export function toRemoteState(resources: readonly SeedResource[]): RemoteState {
  const state: {
    categories: RemoteState['categories'][number][];
    events: RemoteCommon[];
    properties: RemoteState['properties'][number][];
  } = {
    categories: [],
    events: [],
    properties: [],
  };
  for (const { kind, input } of resources) {
    if (kind === 'event_category') {
      state.categories.push({
        id: input.id ?? '',
        title: input.title,
        integration: input.integration ?? null,
        teams: [...(input.teams ?? [])],
        created_at: input.created_at ?? null,
      });
      continue;
    }
    const common: RemoteCommon = {
      id: input.id ?? '',
      title: input.title,
      parent: input.parent ?? null,
      integration: input.integration ?? null,
      created_at: input.created_at ?? null,
      description: input.description ?? '',
      definition: input.definition ?? '',
      pii: input.pii ?? false,
      verified: input.verified ?? false,
      published: input.published ?? false,
      teams: [...(input.teams ?? [])],
      owners: [...(input.owners ?? [])],
      owners_groups: [...(input.owners_groups ?? [])],
      collections: [...(input.collections ?? [])],
      tags: [...(input.tags ?? [])],
      subscribers: [...(input.subscribers ?? [])],
    };
    if (kind === 'event') state.events.push(common);
    else state.properties.push({ ...common, type: input.type ?? null, enum: input.enum ?? null, is_required: input.is_required ?? false });
  }
  return state;
}
