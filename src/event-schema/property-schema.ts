/**
 * The one mapping from a plan property's type to JSON Schema. Every other use of property
 * types (the schema files, the payload check, the generated code) starts from its result.
 */
import type { PlanProperty, PropertyType } from '../tracking-plan/types.js';
import type { JsonFormat, JsonType, PropertyJsonSchema } from './types.js';

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

/**
 * A property's value schema: `type` (and `format` for `date` / `datetime`), `enum` values for an
 * enum, its description, and `deprecated: true` when the plan deprecates it. A property whose
 * type the plan leaves out gets no `type`: any value passes.
 */
export function propertySchema(property: PlanProperty): PropertyJsonSchema {
  const mapped = property.type === undefined ? undefined : TYPES[property.type];
  return {
    ...(mapped === undefined ? {} : { type: mapped.type }),
    ...(mapped?.format === undefined ? {} : { format: mapped.format }),
    ...(property.type === 'enum' && property.enum !== undefined ? { enum: [...property.enum] } : {}),
    ...(property.description === undefined || property.description === '' ? {} : { description: property.description }),
    ...(property.deprecated === undefined ? {} : { deprecated: true as const }),
  };
}
