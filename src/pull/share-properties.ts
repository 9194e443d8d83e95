/**
 * `pull --shared`: properties that several events carry alike become shared definitions, and
 * the events `- use:` them. Deterministic (a function of the pulled plan, which is sorted), and
 * exact: each event's property expands back to what it was, so `plan` stays a no-op.
 *
 * For each title, the events' copies are grouped by everything but `required` (type, enum,
 * description, flags, lists, all alike); the largest group of two or more (ties: the first by
 * its content) becomes the definition. `required` often differs between events (an optional
 * `coupon` here, a required one there): the definition takes the value most copies have when
 * every copy sets it, and the others override it beside `use`. Titles that collide with an
 * earlier definition by case stay written out, since definitions are unique ignoring case.
 */
import { canonicalJson } from '../plan/fingerprint.js';
import { compareText } from '../plan/compare.js';
import { titleKey } from '../tracking-plan/semantic-rules.js';
import { COMMON_FIELDS, type PlanProperty, type TrackingPlan } from '../tracking-plan/types.js';

export interface SharedPlan {
  /** The plan, each property that uses a definition marked with `shared`; its content is unchanged. */
  readonly plan: TrackingPlan;
  /** The definitions, by title. */
  readonly definitions: PlanProperty[];
}

interface Copy {
  readonly property: PlanProperty;
}

export function shareProperties(plan: TrackingPlan): SharedPlan {
  const byTitle = new Map<string, Copy[]>();
  for (const category of plan.categories) {
    for (const event of category.events) {
      for (const property of event.properties) {
        const copies = byTitle.get(property.title) ?? [];
        copies.push({ property });
        byTitle.set(property.title, copies);
      }
    }
  }

  const definitions: PlanProperty[] = [];
  const replaced = new Map<PlanProperty, PlanProperty>();
  const taken = new Set<string>();
  for (const title of [...byTitle.keys()].sort(compareText)) {
    if (taken.has(titleKey(title))) continue;
    const group = largestAlikeGroup(byTitle.get(title) ?? []);
    if (group === undefined) continue;
    taken.add(titleKey(title));
    const definition = definitionOf(group);
    definitions.push(definition);
    for (const { property } of group) {
      const overrides = property.required !== definition.required ? (['required'] as const) : ([] as const);
      replaced.set(property, { ...property, shared: { definition: title, overrides } });
    }
  }
  if (definitions.length === 0) return { plan, definitions };
  return {
    definitions,
    plan: {
      ...plan,
      categories: plan.categories.map((category) => ({
        ...category,
        events: category.events.map((event) => ({
          ...event,
          properties: event.properties.map((property) => replaced.get(property) ?? property),
        })),
      })),
    },
  };
}

/** Everything that makes two copies alike, but `required` (which an event may override). */
function shapeKey(property: PlanProperty): string {
  const shape: Record<string, unknown> = { type: property.type, enum: property.enum };
  for (const field of COMMON_FIELDS) shape[field] = property[field];
  return canonicalJson(shape);
}

function largestAlikeGroup(copies: readonly Copy[]): Copy[] | undefined {
  const groups = new Map<string, Copy[]>();
  for (const copy of copies) {
    const key = shapeKey(copy.property);
    groups.set(key, [...(groups.get(key) ?? []), copy]);
  }
  let best: { key: string; copies: Copy[] } | undefined;
  for (const [key, group] of groups) {
    if (group.length < 2) continue;
    if (best === undefined || group.length > best.copies.length || (group.length === best.copies.length && compareText(key, best.key) < 0))
      best = { key, copies: group };
  }
  return best?.copies;
}

function definitionOf(group: readonly Copy[]): PlanProperty {
  const [first] = group;
  if (first === undefined) throw new Error('a definition needs copies');
  const { title, type, enum: values } = first.property;
  const definition: PlanProperty = { title, ...(type === undefined ? {} : { type }), ...(values === undefined ? {} : { enum: values }) };
  const required = commonRequired(group.map((copy) => copy.property.required));
  if (required !== undefined) definition.required = required;
  for (const field of COMMON_FIELDS) {
    const value = first.property[field];
    if (value !== undefined) (definition as unknown as Record<string, unknown>)[field] = value;
  }
  return definition;
}

/** The value most copies have, when every copy sets one (a tie goes to `true`); undefined otherwise. */
function commonRequired(values: readonly (boolean | undefined)[]): boolean | undefined {
  if (values.some((value) => value === undefined)) return undefined;
  const yes = values.filter((value) => value === true).length;
  return yes * 2 >= values.length;
}
