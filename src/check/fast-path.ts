/**
 * A quick yes for the common case: most payloads are valid, and deciding that needs no error
 * list. Each event's schema becomes a table of property checks, and a payload passes when every
 * key is a planned property with a fitting value and every required property is there. It never
 * says yes where ajv would say no (it is as strict or stricter; a property test holds it to
 * that); anything it does not pass goes to ajv, which decides and names the violations.
 */
import { FORMAT_CHECKS } from '../event-schema/formats.js';
import type { EventJsonSchema, PropertyJsonSchema } from '../event-schema/types.js';

type ValueCheck = (value: unknown) => boolean;

interface PropertyRule {
  readonly check: ValueCheck;
  readonly required: boolean;
}

/** `true` when the properties surely fit the schema; `false` when ajv must decide. */
export type QuickCheck = (properties: Record<string, unknown>) => boolean;

const isObject: ValueCheck = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

const TYPE_CHECKS: Readonly<Record<NonNullable<PropertyJsonSchema['type']>, ValueCheck>> = {
  string: (v) => typeof v === 'string',
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  boolean: (v) => typeof v === 'boolean',
  object: isObject,
  array: (v) => Array.isArray(v),
};

function valueCheck(schema: PropertyJsonSchema): ValueCheck {
  const type = schema.type === undefined ? undefined : TYPE_CHECKS[schema.type];
  if (schema.enum !== undefined) {
    const allowed: ReadonlySet<unknown> = new Set(schema.enum);
    return type === undefined ? (v) => allowed.has(v) : (v) => type(v) && allowed.has(v);
  }
  if (schema.format !== undefined) {
    const format = FORMAT_CHECKS[schema.format];
    return (v) => typeof v === 'string' && format(v) && (type === undefined || type(v));
  }
  // A property without a type takes any value.
  return type ?? (() => true);
}

export function quickCheck(schema: EventJsonSchema): QuickCheck {
  const rules = new Map<string, PropertyRule>();
  const required = new Set(schema.required);
  for (const [title, property] of Object.entries(schema.properties))
    rules.set(title, { check: valueCheck(property), required: required.has(title) });
  // A required title the properties do not list (never from our schemas) can only be counted by ajv.
  const requiredCount = [...required].every((title) => rules.has(title)) ? required.size : -1;
  const additional = schema.additionalProperties;
  return (properties) => {
    let seen = 0;
    for (const key of Object.keys(properties)) {
      const rule = rules.get(key);
      if (rule === undefined) {
        if (additional) continue;
        return false;
      }
      if (!rule.check(properties[key])) return false;
      if (rule.required) seen++;
    }
    return seen === requiredCount;
  };
}
