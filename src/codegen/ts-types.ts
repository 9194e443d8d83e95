/**
 * JSON Schemas of src/event-schema/ → TypeScript types: enum → a union of its typed values
 * (`'red' | 'green'`, `200 | 201`, `true`), integer/number → number, date/date-time and the
 * other formats → string, an object with properties → an object type (nested, each with its
 * JSDoc), an object without → Record<string, unknown>, an array → `T[]` of its items, a nullable
 * value → `T | null`, no type → unknown. What TypeScript cannot say (formats, patterns, lengths,
 * ranges) goes into the JSDoc. Pure.
 */
import { FORMAT_TEXT } from '../event-schema/formats.js';
import { baseType, takesNull } from '../event-schema/property-schema.js';
import type { JsonEnumValue, PropertyJsonSchema } from '../event-schema/types.js';
import type { Deprecation } from '../tracking-plan/types.js';
import { deprecationText, jsdoc, propertyKey, stringLiteral } from './ts-text.js';
import { appendAll } from '../arrays.js';

/** A literal type of an enum value. */
function literal(value: JsonEnumValue): string {
  if (typeof value === 'string') return stringLiteral(value);
  return value === null ? 'null' : String(value);
}

/**
 * The TypeScript type of a value. An object type spans lines: its first line continues where the
 * type is written, the others are indented by `indent` (the indentation of the line that holds it).
 */
export function typeOf(schema: PropertyJsonSchema, indent = ''): string {
  if (schema.enum !== undefined && schema.enum.length > 0) return schema.enum.map(literal).join(' | ');
  const type = baseType(schema);
  const base = ((): string => {
    switch (type) {
      case 'string':
        return 'string';
      case 'integer':
      case 'number':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'object':
        return schema.properties === undefined
          ? schema.additionalProperties === false
            ? 'Record<string, never>'
            : 'Record<string, unknown>'
          : objectType(schema.properties, schema.required ?? [], schema.additionalProperties === true, new Map(), indent);
      case 'array': {
        if (schema.items === undefined) return 'unknown[]';
        const item = typeOf(schema.items, indent);
        return isUnion(schema.items) ? `(${item})[]` : `${item}[]`;
      }
      case undefined:
        return 'unknown';
    }
  })();
  return takesNull(schema) ? `${base} | null` : base;
}

/** Whether typeOf gives a union at its top level (a `|` inside a nested object type does not count). */
function isUnion(schema: PropertyJsonSchema): boolean {
  if (schema.enum !== undefined && schema.enum.length > 0) return schema.enum.length > 1;
  return takesNull(schema);
}

/**
 * An object type, `{` to `}`, one key a line with its JSDoc; `open`: other keys are allowed too
 * (an index signature). No keys and closed: `Record<string, never>`.
 * @param deprecations the deprecation metadata of keys that have it (top-level properties carry its dates)
 */
export function objectType(
  properties: Readonly<Record<string, PropertyJsonSchema>>,
  required: readonly string[],
  open: boolean,
  deprecations: ReadonlyMap<string, Deprecation>,
  indent: string,
): string {
  const entries = Object.entries(properties);
  if (entries.length === 0) return open ? 'Record<string, unknown>' : 'Record<string, never>';
  const needed = new Set(required);
  const inner = `${indent}  `;
  const lines = ['{'];
  for (const [title, schema] of entries) {
    const deprecation = deprecations.get(title);
    const tags =
      deprecation !== undefined ? [`@deprecated ${deprecationText(deprecation)}`] : schema.deprecated === true ? ['@deprecated'] : [];
    appendAll(lines, jsdoc(documentation(schema), tags, inner));
    lines.push(`${inner}${propertyKey(title)}${needed.has(title) ? '' : '?'}: ${typeOf(schema, inner)};`);
  }
  if (open) lines.push(`${inner}[key: string]: unknown;`);
  lines.push(`${indent}}`);
  return lines.join('\n');
}

/** A value's description, then what its type cannot say: its format, length, range and pattern. */
export function documentation(schema: PropertyJsonSchema): string[] {
  const notes: string[] = [];
  if (schema.format !== undefined) notes.push(`Format: ${FORMAT_TEXT[schema.format]}.`);
  const { minLength, maxLength, minimum, maximum } = schema;
  if (minLength !== undefined || maxLength !== undefined) notes.push(`Length: ${bounds(minLength, maxLength)} characters.`);
  if (minimum !== undefined || maximum !== undefined) notes.push(`Range: ${bounds(minimum, maximum)}.`);
  if (schema.pattern !== undefined) notes.push(`Pattern: ${schema.pattern}`);
  return schema.description === undefined ? notes : [schema.description, ...notes];
}

function bounds(low: number | undefined, high: number | undefined): string {
  if (low !== undefined && high !== undefined) return low === high ? `exactly ${low}` : `${low} to ${high}`;
  return low !== undefined ? `at least ${low}` : `at most ${String(high)}`;
}
