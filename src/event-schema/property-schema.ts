/**
 * The one mapping from a plan property's type and shape to JSON Schema. Every other use of
 * property types (the schema files, the payload check, the generated code) starts from its result.
 */
import type { PlanItems, PlanProperty, PropertyShape, PropertyType } from '../tracking-plan/types.js';
import type { JsonEnumValue, JsonFormat, JsonType, PropertyJsonSchema } from './types.js';

const TYPES: Readonly<Record<PropertyType, { readonly type: JsonType; readonly format?: JsonFormat }>> = {
  string: { type: 'string' },
  // Secoda stores enum values as text, and the loader keeps them as written: a string enum.
  enum: { type: 'string' },
  integer: { type: 'integer' },
  number: { type: 'number' },
  boolean: { type: 'boolean' },
  object: { type: 'object' },
  array: { type: 'array' },
  date: { type: 'string', format: 'date' },
  datetime: { type: 'string', format: 'date-time' },
};

/** What the mapping needs besides the plan. */
export interface ShapeDefaults {
  /** Whether an object with nested `properties` that does not say takes other keys (`--additional-properties`). Default false. */
  readonly additionalProperties?: boolean;
}

/**
 * A property's value schema: its shape (shapeSchema), then its description and `deprecated: true`
 * when the plan deprecates it. A property whose type the plan leaves out gets no `type`: any value passes.
 */
export function propertySchema(property: PlanProperty, defaults: ShapeDefaults = {}): PropertyJsonSchema {
  return {
    ...shapeSchema(property, defaults),
    ...(property.description === undefined || property.description === '' ? {} : { description: property.description }),
    ...(property.deprecated === undefined ? {} : { deprecated: true as const }),
  };
}

/**
 * The schema of a shape: `type` (with `"null"` when nullable), `format` (fixed for `date` and
 * `datetime`), typed enum values, string and number bounds, `items`, and nested `properties`
 * with their `required` and `additionalProperties` (the object's own, or `defaults`).
 */
export function shapeSchema(shape: PropertyShape, defaults: ShapeDefaults = {}): PropertyJsonSchema {
  const mapped = shape.type === undefined ? undefined : TYPES[shape.type];
  // Without a type any value passes, null included: nothing to add for `nullable`.
  const nullable = shape.nullable === true && mapped !== undefined;
  const values: JsonEnumValue[] | undefined = shape.enum_values ?? shape.enum;
  const format = mapped?.format ?? shape.format;
  const schema: Record<string, unknown> = {};
  if (mapped !== undefined) schema['type'] = nullable ? [mapped.type, 'null'] : mapped.type;
  if (format !== undefined) schema['format'] = format;
  if (values !== undefined) schema['enum'] = nullable ? [...values, null] : [...values];
  if (shape.pattern !== undefined) schema['pattern'] = shape.pattern;
  if (shape.min_length !== undefined) schema['minLength'] = shape.min_length;
  if (shape.max_length !== undefined) schema['maxLength'] = shape.max_length;
  if (shape.minimum !== undefined) schema['minimum'] = shape.minimum;
  if (shape.maximum !== undefined) schema['maximum'] = shape.maximum;
  if (shape.items !== undefined) schema['items'] = itemsSchema(shape.items, defaults);
  if (shape.properties !== undefined) {
    schema['properties'] = Object.fromEntries(
      shape.properties.map((p): [string, PropertyJsonSchema] => [p.title, propertySchema(p, defaults)]),
    );
    schema['required'] = shape.properties.filter((p) => p.required === true).map((p) => p.title);
    schema['additionalProperties'] = shape.additional_properties ?? defaults.additionalProperties ?? false;
  } else if (shape.additional_properties !== undefined) {
    schema['additionalProperties'] = shape.additional_properties;
  }
  return schema;
}

function itemsSchema(items: PlanItems, defaults: ShapeDefaults): PropertyJsonSchema {
  return {
    ...shapeSchema(items, defaults),
    ...(items.description === undefined || items.description === '' ? {} : { description: items.description }),
  };
}

/** The JSON type a value schema names, without `"null"`; undefined when it names none (any value). */
export function baseType(schema: PropertyJsonSchema): JsonType | undefined {
  return typeof schema.type === 'string' ? schema.type : schema.type?.[0];
}

/** Whether a value schema with a type takes `null` too (`type: [<type>, "null"]`). */
export function takesNull(schema: PropertyJsonSchema): boolean {
  return Array.isArray(schema.type);
}
