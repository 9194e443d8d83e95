/** What a value's schema expects, in words, for reports: never the value that came. */
import { FORMAT_TEXT } from '../event-schema/formats.js';
import { baseType, takesNull } from '../event-schema/property-schema.js';
import type { JsonEnumValue, PropertyJsonSchema } from '../event-schema/types.js';

const TYPE_TEXT = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
} as const;

/** How many enum values a message lists before it says how many more there are. */
const ENUM_SHOWN = 12;

const valueText = (value: JsonEnumValue): string => (value === null ? 'null' : String(value));

/**
 * "an integer", "a date (YYYY-MM-DD)", "one of: red, green, yellow", "a string of 2 to 10
 * characters matching ^[A-Z]+$", "an integer from 1 to 99, or null"; undefined for a schema that
 * takes any value.
 */
export function expectedText(schema: PropertyJsonSchema): string | undefined {
  if (schema.enum !== undefined) {
    const shown = schema.enum.slice(0, ENUM_SHOWN).map(valueText).join(', ');
    const more = schema.enum.length - ENUM_SHOWN;
    return `one of: ${shown}${more > 0 ? `, … (${more} more)` : ''}`;
  }
  const type = baseType(schema);
  const base = schema.format !== undefined ? FORMAT_TEXT[schema.format] : type === undefined ? undefined : TYPE_TEXT[type];
  if (base === undefined) return undefined;
  const parts = [base, lengthText(schema), rangeText(schema), schema.pattern === undefined ? '' : `matching ${schema.pattern}`];
  return `${parts.filter((part) => part !== '').join(' ')}${takesNull(schema) ? ', or null' : ''}`;
}

function lengthText({ minLength: min, maxLength: max }: PropertyJsonSchema): string {
  if (min !== undefined && max !== undefined) return min === max ? `of ${min} characters` : `of ${min} to ${max} characters`;
  if (min !== undefined) return `of at least ${min} characters`;
  if (max !== undefined) return `of at most ${max} characters`;
  return '';
}

function rangeText({ minimum: min, maximum: max }: PropertyJsonSchema): string {
  if (min !== undefined && max !== undefined) return `from ${min} to ${max}`;
  if (min !== undefined) return `of at least ${min}`;
  if (max !== undefined) return `of at most ${max}`;
  return '';
}
