/**
 * A rudder-cli tracking plan rule as the JSON Schema RudderStack validates its events with, so
 * that the one mapping (json-schema-event.ts) reads it like any other source. As RudderStack
 * compiles a plan: a property's `type` (or `types`, or `"string,null"`) is the schema's `type`;
 * its config keys are JSON Schema's keywords (`min_length` → `minLength`, …); `item_type(s)`
 * are the `items`' type; a custom type is its own schema (its `type`, config and properties,
 * open to other properties); properties nested under a rule's property make that object's
 * `properties` (open unless it says `additional_properties: false`); a rule's event is closed
 * unless it allows unplanned properties.
 *
 * Every node and keyword built is placed at the YAML it comes from, so notes name the YAML.
 * Discriminator variants cannot be said: their cases' properties are written as optional, noted.
 */
import { childPointer, type ImportNote } from './import-note.js';
import { isRecord } from './json-schema-keywords.js';
import { note } from './map-context.js';
import { customTypeId, referencedId, snakeCase, type RudderCatalog, type RudderResource } from './rudderstack-catalog.js';
import type { SchemaPlaces, SourcePlace } from './schema-places.js';

type Schema = Record<string, unknown>;

/** Config keys (in snake case) and the JSON Schema keyword each one is. */
const CONFIG_KEYWORDS: Readonly<Record<string, string>> = {
  enum: 'enum',
  min_length: 'minLength',
  max_length: 'maxLength',
  pattern: 'pattern',
  format: 'format',
  minimum: 'minimum',
  maximum: 'maximum',
  exclusive_minimum: 'exclusiveMinimum',
  exclusive_maximum: 'exclusiveMaximum',
  multiple_of: 'multipleOf',
  min_items: 'minItems',
  max_items: 'maxItems',
  unique_items: 'uniqueItems',
};

export class RudderSchemaBuilder {
  constructor(
    private readonly catalog: RudderCatalog,
    private readonly places: SchemaPlaces,
    private readonly notes: ImportNote[],
  ) {}

  /**
   * The schema of an object whose properties are the rule's entries (`- property: "#property:x"`
   * or `- $ref: …`, with `required` and maybe nested `properties`), written at `place`.
   */
  objectSchema(entries: readonly unknown[], additional: boolean, place: SourcePlace, typeStack: readonly string[] = []): Schema {
    const schema: Schema = { type: 'object', properties: {}, required: [], additionalProperties: additional };
    this.places.set(schema, place);
    this.addEntries(schema, entries, place, false, typeStack);
    return schema;
  }

  /** Adds the properties of `entries` to an object schema; as optional ones when `optional` (a variant's). */
  addEntries(schema: Schema, entries: readonly unknown[], place: SourcePlace, optional: boolean, typeStack: readonly string[]): void {
    const properties = schema['properties'] as Record<string, unknown>;
    const required = schema['required'] as string[];
    entries.forEach((entry, index) => {
      const at = { file: place.file, pointer: childPointer(place.pointer, index) };
      if (!isRecord(entry)) return;
      const ref = entry['property'] ?? entry['$ref'];
      const id = referencedId(ref, 'properties');
      const property = id === undefined ? undefined : this.catalog.properties.get(id);
      if (property === undefined) {
        note({ notes: this.notes }, at, `refers to no property of the project (${JSON.stringify(ref)}): left out`);
        return;
      }
      const name = typeof property.data['name'] === 'string' ? property.data['name'] : property.id;
      if (Object.hasOwn(properties, name)) return;
      properties[name] = this.propertySchema(property, entry, at, typeStack);
      if (entry['required'] === true && !optional) required.push(name);
    });
  }

  /** A property's schema as a rule entry uses it (`entry` may nest properties under an object). */
  propertySchema(
    property: RudderResource,
    entry: Record<string, unknown> | undefined,
    entryPlace: SourcePlace | undefined,
    typeStack: readonly string[],
  ): Schema {
    const data = property.data;
    const at = (...steps: (string | number)[]): SourcePlace => ({
      file: property.place.file,
      pointer: childPointer(property.place.pointer, ...steps),
    });
    const typeKey = Object.hasOwn(data, 'types') ? 'types' : 'type';
    const custom = customTypeId(data['type']);
    let schema: Schema;
    if (custom !== undefined) {
      schema = this.customTypeSchema(custom, at('type'), typeStack) ?? {};
    } else {
      schema = {};
      const types = typeList(data[typeKey]);
      if (types !== undefined) schema['type'] = types.length === 1 ? types[0] : types;
    }
    this.places.set(schema, property.place);
    this.places.setKeyword(schema, 'type', at(typeKey));
    if (typeof data['description'] === 'string') {
      schema['description'] = data['description'];
      this.places.setKeyword(schema, 'description', at('description'));
    }
    this.applyConfig(schema, data, property.place, typeStack);
    const nested = entry?.['properties'];
    if (entry !== undefined && entryPlace !== undefined && Array.isArray(nested) && nested.length > 0) {
      const open = entry['additional_properties'] ?? entry['additionalProperties'];
      schema['properties'] = {};
      schema['required'] = [];
      schema['additionalProperties'] = open !== false;
      this.places.setKeyword(schema, 'properties', entryPlace);
      this.addEntries(schema, nested, { file: entryPlace.file, pointer: childPointer(entryPlace.pointer, 'properties') }, false, typeStack);
    }
    return schema;
  }

  /** A custom type's schema, or undefined (noted) when there is no such type or it contains itself. */
  customTypeSchema(id: string, refPlace: SourcePlace, typeStack: readonly string[]): Schema | undefined {
    const type = this.catalog.customTypes.get(id);
    if (type === undefined) {
      note(
        { notes: this.notes },
        refPlace,
        `refers to no custom type of the project (${JSON.stringify(id)}): left out, any value is accepted`,
      );
      return undefined;
    }
    if (typeStack.includes(id)) {
      note(
        { notes: this.notes },
        refPlace,
        `custom type ${JSON.stringify(id)} contains itself, a recursive shape the plan cannot write: left out here`,
      );
      return undefined;
    }
    const stack = [...typeStack, id];
    const data = type.data;
    const at = (...steps: (string | number)[]): SourcePlace => ({
      file: type.place.file,
      pointer: childPointer(type.place.pointer, ...steps),
    });
    const schema: Schema = {};
    const types = typeList(data['type']);
    if (types !== undefined) schema['type'] = types.length === 1 ? types[0] : types;
    this.places.set(schema, type.place);
    this.places.setKeyword(schema, 'type', at('type'));
    if (typeof data['description'] === 'string') {
      schema['description'] = data['description'];
      this.places.setKeyword(schema, 'description', at('description'));
    }
    this.applyConfig(schema, data, type.place, stack);
    if (Array.isArray(data['properties'])) {
      schema['properties'] = {};
      schema['required'] = [];
      this.addEntries(schema, data['properties'], at('properties'), false, stack);
    }
    this.addVariants(schema, data['variants'], at('variants'), stack);
    return schema;
  }

  /** Discriminator variants: each case's (and the default's) properties, as optional ones; noted. */
  addVariants(schema: Schema, variants: unknown, place: SourcePlace, typeStack: readonly string[]): void {
    if (!Array.isArray(variants) || variants.length === 0) return;
    note(
      { notes: this.notes },
      place,
      "variants (properties that a discriminator's value requires or allows) cannot be said: every case's properties are written as optional ones, whatever the discriminator",
    );
    schema['properties'] ??= {};
    schema['required'] ??= [];
    variants.forEach((variant, v) => {
      if (!isRecord(variant)) return;
      const cases = Array.isArray(variant['cases']) ? variant['cases'] : [];
      cases.forEach((item, c) => {
        if (isRecord(item) && Array.isArray(item['properties']))
          this.addEntries(
            schema,
            item['properties'],
            { file: place.file, pointer: childPointer(place.pointer, v, 'cases', c, 'properties') },
            true,
            typeStack,
          );
      });
      const fallback = variant['default'];
      const entries = Array.isArray(fallback)
        ? fallback
        : isRecord(fallback) && Array.isArray(fallback['properties'])
          ? fallback['properties']
          : [];
      const pointer = childPointer(place.pointer, v, 'default', ...(Array.isArray(fallback) ? [] : ['properties']));
      this.addEntries(schema, entries, { file: place.file, pointer }, true, typeStack);
    });
  }

  /** `config` (or `propConfig`) keys as JSON Schema keywords, and the array item types. */
  private applyConfig(schema: Schema, data: Record<string, unknown>, place: SourcePlace, typeStack: readonly string[]): void {
    const configKey = Object.hasOwn(data, 'config') ? 'config' : 'propConfig';
    const config = isRecord(data[configKey]) ? data[configKey] : {};
    let itemTypes: unknown = data['item_types'] ?? (data['item_type'] === undefined ? undefined : [data['item_type']]);
    let itemsPlace = childPointer(place.pointer, Object.hasOwn(data, 'item_types') ? 'item_types' : 'item_type');
    for (const [rawKey, value] of Object.entries(config)) {
      const key = snakeCase(rawKey);
      const keyPlace = { file: place.file, pointer: childPointer(place.pointer, configKey, rawKey) };
      if (key === 'item_types') {
        itemTypes = value;
        itemsPlace = keyPlace.pointer;
        continue;
      }
      const keyword = CONFIG_KEYWORDS[key];
      if (keyword === undefined) {
        note({ notes: this.notes }, keyPlace, `config key ${JSON.stringify(rawKey)} is not one RudderStack's schemas hold: left out`);
        continue;
      }
      schema[keyword] = value;
      this.places.setKeyword(schema, keyword, keyPlace);
    }
    const list: unknown[] = Array.isArray(itemTypes) ? itemTypes : itemTypes === undefined ? [] : [itemTypes];
    if (list.length === 0) return;
    const custom = list.length === 1 ? customTypeId(list[0]) : undefined;
    const items =
      custom === undefined
        ? { type: list.length === 1 ? list[0] : list }
        : (this.customTypeSchema(custom, { file: place.file, pointer: itemsPlace }, typeStack) ?? {});
    this.places.set(items, { file: place.file, pointer: itemsPlace });
    schema['items'] = items;
    this.places.setKeyword(schema, 'items', { file: place.file, pointer: itemsPlace });
  }
}

/** `string`, `"string,null"` or `[string, "null"]` as a list of type names; undefined for none. */
function typeList(value: unknown): string[] | undefined {
  const list = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : [];
  const names = list
    .filter((t): t is string => typeof t === 'string')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  return names.length === 0 ? undefined : names;
}
