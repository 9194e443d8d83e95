/**
 * Shared property definitions: a top-level `properties:` list in any file of the plan, and
 * `- use: <title>` entries in events' properties. Expansion happens at load time, before
 * planning: each `use` becomes the event's own copy of the definition, with the fields written
 * beside `use` in place of the definition's. So Secoda, the planner, apply and the emulator see
 * plain per-event properties, and a change to a definition plans the change on every event
 * that uses it. Pure.
 */
import type { PropertyUse } from './schema-types.generated.js';
import {
  LOCAL_SHAPE_FIELDS,
  OVERRIDABLE_FIELDS,
  type OverridableField,
  type PlanCategory,
  type PlanItems,
  type PlanProperty,
  type PropertyShape,
  type SharedUse,
} from './types.js';

/** `items: { use: <title> }` as read, before the definition's shape is put in its place. */
const PENDING = new WeakSet<PlanItems>();

/** The items of `items: { use: title }`, to be expanded into the definition's shape once every file is read. */
export function itemsUse(title: string): PlanItems {
  const items: PlanItems = { shared: { definition: title } };
  PENDING.add(items);
  return items;
}

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
  const items = new ItemsResolver(definitions);
  for (const definition of definitions.values()) items.resolve(definition, new Set([definition.title]));
  for (const category of categories) {
    for (const event of category.events) {
      const properties = event.properties;
      for (let i = 0; i < properties.length; i++) {
        const entry = properties[i];
        if (entry === undefined) continue;
        const definition = entry.shared === undefined ? undefined : definitions.get(entry.shared.definition);
        if (entry.shared !== undefined && definition !== undefined) properties[i] = expand(entry, definition, entry.shared);
        else items.resolve(entry, new Set());
      }
    }
  }
}

/**
 * Puts each definition's shape in place of `items: { use: <title> }`, at any depth. A definition's
 * items are made once and shared. The loader refuses a definition that reaches itself through
 * items; should one come here, its innermost use is left pending rather than followed for ever.
 */
class ItemsResolver {
  private readonly made = new Map<string, PlanItems>();

  constructor(private readonly definitions: ReadonlyMap<string, PlanProperty>) {}

  /** Resolves the uses in `shape`'s tree, in place; `active`: the definitions being resolved around it. */
  resolve(shape: PropertyShape, active: Set<string>): void {
    const items = shape.items;
    if (items !== undefined) {
      const title = items.shared?.definition;
      if (title !== undefined && PENDING.has(items)) shape.items = this.itemsOf(title, active) ?? items;
      else this.resolve(items, active);
    }
    for (const nested of shape.properties ?? []) this.resolve(nested, active);
  }

  private itemsOf(title: string, active: Set<string>): PlanItems | undefined {
    const known = this.made.get(title);
    if (known !== undefined) return known;
    const definition = this.definitions.get(title);
    if (definition === undefined || active.has(title)) return undefined;
    active.add(title);
    this.resolve(definition, active);
    active.delete(title);
    const items: PlanItems = { ...shapeOf(definition) };
    if (definition.description !== undefined) items.description = definition.description;
    items.shared = { definition: title };
    this.made.set(title, items);
    return items;
  }
}

/** The shape keys of a property (type, enum and the local ones), shared, not copied. */
function shapeOf(property: PlanProperty): PropertyShape {
  const shape: PropertyShape = {};
  if (property.type !== undefined) shape.type = property.type;
  if (property.enum !== undefined) shape.enum = property.enum;
  if (property.enum_values !== undefined) shape.enum_values = property.enum_values;
  const target = shape as Record<string, unknown>;
  for (const field of LOCAL_SHAPE_FIELDS) if (property[field] !== undefined) target[field] = property[field];
  return shape;
}

function expand(entry: PlanProperty, definition: PlanProperty, shared: SharedUse): PlanProperty {
  const property: PlanProperty = { title: definition.title, ...shapeOf(definition) };
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
