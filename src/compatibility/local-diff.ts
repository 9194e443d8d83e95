/**
 * What changed between the baseline plan and this one in what Secoda does not hold: the keys
 * local to the plan (docs/plan-language.md, "Richer properties" and "Event kinds"). Secoda's own
 * fields (a top-level property's type, enum text and required) are the planner's; here are
 * `nullable`, the string and number constraints and `additional_properties` at every depth, an
 * event's `kind` and `additional_properties`, and inside a property — its nested properties and
 * items, which Secoda never sees — type, enum values and `required` too. Events and properties
 * that only one side has are the planner's (created or deleted). Pure.
 */
import { titleIdentity } from '../plan/compare.js';
import type { FieldChange, FieldValue, LocalChange } from '../plan/types.js';
import type { PlanEvent, PlanProperty, PropertyShape, TrackingPlan } from '../tracking-plan/types.js';
import { appendAll } from '../arrays.js';

/** The local keys compared at every depth, in the order changes are listed. */
const LOCAL_FIELDS = ['nullable', 'minimum', 'maximum', 'min_length', 'max_length', 'pattern', 'format', 'additional_properties'] as const;

/** Every local change, events in the current plan's order, each event before its properties. */
export function localChanges(current: TrackingPlan, baseline: TrackingPlan): LocalChange[] {
  const before = new Map<string, PlanEvent>();
  for (const category of baseline.categories)
    for (const event of category.events) before.set(`${category.title}\0${titleIdentity(event.title)}`, event);
  const found: LocalChange[] = [];
  for (const category of current.categories) {
    for (const event of category.events) {
      const was = before.get(`${category.title}\0${titleIdentity(event.title)}`);
      if (was === undefined) continue;
      const path = [category.title, event.title];
      const changes = [
        ...fieldChange('kind', was.kind ?? 'track', event.kind ?? 'track'),
        ...fieldChange('additional_properties', was.additional_properties ?? null, event.additional_properties ?? null),
      ];
      if (changes.length > 0) found.push({ kind: 'event', action: 'local', path, changes });
      const wasProperties = byTitle(was.properties);
      for (const property of event.properties) {
        const old = wasProperties.get(titleIdentity(property.title));
        if (old !== undefined) compareShape(old, property, [...path, property.title], true, found);
      }
    }
  }
  return found;
}

/**
 * The changes at one place (a property, a nested property, items), then inside it. `top`: a
 * property Secoda holds, whose type, enum and required are the planner's to compare;
 * `required`: a nested property's change of `required`, listed first.
 */
function compareShape(
  was: PropertyShape,
  now: PropertyShape,
  path: string[],
  top: boolean,
  found: LocalChange[],
  required: readonly FieldChange[] = [],
): void {
  const changes: FieldChange[] = [...required];
  if (!top) {
    appendAll(changes, fieldChange('type', was.type ?? null, now.type ?? null));
    if (was.type === now.type) appendAll(changes, fieldChange('enum', enumTexts(was), enumTexts(now)));
  }
  for (const field of LOCAL_FIELDS) appendAll(changes, fieldChange(field, valueOf(was[field]), valueOf(now[field])));
  if (changes.length > 0) found.push({ kind: 'property', action: 'local', path, changes });

  const last = path.length - 1;
  const place = path[last] ?? '';
  if (was.items !== undefined && now.items !== undefined)
    compareShape(was.items, now.items, [...path.slice(0, last), `${place}[]`], false, found);
  if (now.properties === undefined || was.properties === undefined) return;
  const wasNested = byTitle(was.properties);
  for (const nested of now.properties) {
    const nestedPath = [...path.slice(0, last), `${place}.${nested.title}`];
    const old = wasNested.get(titleIdentity(nested.title));
    if (old === undefined) {
      // A new nested key: senders must now send it when it is required; an optional one changes nothing they send.
      if (nested.required === true)
        found.push({ kind: 'property', action: 'local', path: nestedPath, changes: [{ field: 'required', before: null, after: true }] });
      continue;
    }
    compareShape(old, nested, nestedPath, false, found, fieldChange('required', old.required ?? false, nested.required ?? false));
  }
}

function byTitle(properties: readonly PlanProperty[]): Map<string, PlanProperty> {
  return new Map(properties.map((p) => [titleIdentity(p.title), p]));
}

/** Enum values as text, so `1` and `1.0` of a number enum are one value; null without an enum. */
function enumTexts(shape: PropertyShape): string[] | null {
  if (shape.enum_values !== undefined) return shape.enum_values.map(String);
  return shape.enum === undefined ? null : [...shape.enum];
}

/** A local key's value as a change holds it: numbers as text, absent as null; items and nested properties are compared place by place. */
function valueOf(value: PropertyShape[(typeof LOCAL_FIELDS)[number]]): FieldValue {
  if (value === undefined) return null;
  return typeof value === 'number' ? String(value) : value;
}

function fieldChange(field: string, before: FieldValue, after: FieldValue): FieldChange[] {
  const same = Array.isArray(before) && Array.isArray(after) ? before.join('\0') === after.join('\0') : before === after;
  return same ? [] : [{ field, before, after }];
}
