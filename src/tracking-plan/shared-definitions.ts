/**
 * Shared property definitions: a top-level `properties:` list in any file of the plan, and
 * `- use: <title>` entries in events' properties. Expansion happens at load time, before
 * planning: each `use` becomes the event's own copy of the definition, with the fields written
 * beside `use` in place of the definition's. So Secoda, the planner, apply and the emulator see
 * plain per-event properties, and a change to a definition plans the change on every event
 * that uses it. Pure.
 */
import type { PropertyUse } from './schema-types.generated.js';
import { OVERRIDABLE_FIELDS, type OverridableField, type PlanCategory, type PlanProperty, type SharedUse } from './types.js';

/** How an entry `- use: <title>` takes its definition: the title, and the fields written beside `use`. */
export function sharedUseOf(entry: PropertyUse, title: string): SharedUse {
  return { definition: title, overrides: OVERRIDABLE_FIELDS.filter((field) => entry[field] !== undefined) };
}

/**
 * Replaces every entry that uses a definition with the expanded property, in place. An entry
 * whose definition is missing is left as it is (the loader reports it and returns no plan).
 * Lists and enum values are shared with the definition, not copied: nothing downstream mutates
 * them. Linear in the number of properties.
 */
export function expandSharedProperties(categories: readonly PlanCategory[], definitions: ReadonlyMap<string, PlanProperty>): void {
  if (definitions.size === 0) return;
  for (const category of categories) {
    for (const event of category.events) {
      const properties = event.properties;
      for (let i = 0; i < properties.length; i++) {
        const entry = properties[i];
        if (entry?.shared === undefined) continue;
        const definition = definitions.get(entry.shared.definition);
        if (definition !== undefined) properties[i] = expand(entry, definition, entry.shared);
      }
    }
  }
}

function expand(entry: PlanProperty, definition: PlanProperty, shared: SharedUse): PlanProperty {
  const property: PlanProperty = { title: definition.title };
  if (definition.type !== undefined) property.type = definition.type;
  if (definition.enum !== undefined) property.enum = definition.enum;
  const target = property as Record<OverridableField, unknown>;
  for (const field of OVERRIDABLE_FIELDS) {
    const value = entry[field] !== undefined ? entry[field] : definition[field];
    if (value !== undefined) target[field] = value;
  }
  // Deprecation is local metadata: an event's own `deprecated:` beside `use` wins over the definition's.
  const deprecated = entry.deprecated ?? definition.deprecated;
  if (deprecated !== undefined) property.deprecated = deprecated;
  property.shared = shared;
  return property;
}
