/** What a property's schema expects, in words, for reports: never the value that came. */
import { FORMAT_TEXT } from '../event-schema/formats.js';
import type { PropertyJsonSchema } from '../event-schema/types.js';

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

/** "an integer", "a date (YYYY-MM-DD)", "one of: red, green, yellow", or undefined for a schema that takes any value. */
export function expectedText(schema: PropertyJsonSchema): string | undefined {
  if (schema.enum !== undefined) {
    const shown = schema.enum.slice(0, ENUM_SHOWN).join(', ');
    const more = schema.enum.length - ENUM_SHOWN;
    return `one of: ${shown}${more > 0 ? `, … (${more} more)` : ''}`;
  }
  if (schema.format !== undefined) return FORMAT_TEXT[schema.format];
  return schema.type === undefined ? undefined : TYPE_TEXT[schema.type];
}
