/**
 * A quick yes for the common case: most payloads are valid, and deciding that needs no error
 * list. Each event's schema becomes a tree of closures — one per property, nested object and
 * array items, compiled once — and a payload passes when every key is a planned property with a
 * fitting value and every required property is there, at every depth. It never says yes where
 * ajv would say no (it is as strict or stricter; a property test holds it to that); anything it
 * does not pass goes to ajv, which decides and names the violations.
 */
import { FORMAT_CHECKS } from '../event-schema/formats.js';
import { baseType, takesNull } from '../event-schema/property-schema.js';
import type { EventJsonSchema, JsonType, PropertyJsonSchema } from '../event-schema/types.js';
import { patternMatcher } from './patterns.js';

type ValueCheck = (value: unknown) => boolean;

interface PropertyRule {
  readonly check: ValueCheck;
  readonly required: boolean;
}

/** `true` when the properties surely fit the schema; `false` when ajv must decide. */
export type QuickCheck = (properties: Record<string, unknown>) => boolean;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const anything: ValueCheck = () => true;

const TYPE_CHECKS: Readonly<Record<JsonType, ValueCheck>> = {
  string: (v) => typeof v === 'string',
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  boolean: (v) => typeof v === 'boolean',
  object: isObject,
  array: (v) => Array.isArray(v),
};

/** Characters as JSON Schema counts them: Unicode code points (a surrogate pair is one). */
export function codePointLength(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--;
        i++;
      }
    }
  }
  return length;
}

/** The checks a schema states, in the order they are cheapest; each applies only to values of its type, as in JSON Schema. */
function valueCheck(schema: PropertyJsonSchema): ValueCheck {
  const checks: ValueCheck[] = [];
  const base = baseType(schema);
  const nullable = takesNull(schema);
  if (base !== undefined) {
    const type = TYPE_CHECKS[base];
    checks.push(nullable ? (v) => v === null || type(v) : type);
  }
  if (schema.enum !== undefined) {
    const allowed: ReadonlySet<unknown> = new Set(schema.enum);
    checks.push((v) => allowed.has(v));
  }
  const strings = stringChecks(schema);
  if (strings !== undefined) checks.push((v) => typeof v !== 'string' || strings(v));
  const { minimum, maximum } = schema;
  if (minimum !== undefined) checks.push((v) => typeof v !== 'number' || v >= minimum);
  if (maximum !== undefined) checks.push((v) => typeof v !== 'number' || v <= maximum);
  if (schema.items !== undefined) {
    const item = valueCheck(schema.items);
    checks.push((v) => !Array.isArray(v) || v.every(item));
  }
  if (schema.properties !== undefined || schema.additionalProperties !== undefined) {
    const object = objectCheck(schema.properties ?? {}, schema.required ?? [], schema.additionalProperties ?? true);
    checks.push((v) => !isObject(v) || object(v));
  }
  // One closure for the common shapes (a type, a type and an enum): the check runs once per value of every payload.
  const [first, second] = checks;
  if (first === undefined) return anything;
  if (second === undefined) return first;
  if (checks.length === 2) return (v) => first(v) && second(v);
  return (v) => {
    for (const check of checks) if (!check(v)) return false;
    return true;
  };
}

/** The string constraints (format, lengths, pattern) as one check of a string, or undefined when there are none. */
function stringChecks(schema: PropertyJsonSchema): ((text: string) => boolean) | undefined {
  const checks: ((text: string) => boolean)[] = [];
  if (schema.format !== undefined) checks.push(FORMAT_CHECKS[schema.format]);
  const { minLength, maxLength } = schema;
  if (minLength !== undefined || maxLength !== undefined) {
    const low = minLength ?? 0;
    const high = maxLength ?? Number.POSITIVE_INFINITY;
    checks.push((text) => {
      // A string's length in UTF-16 units bounds its code points from above, and half of it from below.
      if (text.length <= high && text.length >= 2 * low) return true;
      const length = codePointLength(text);
      return length >= low && length <= high;
    });
  }
  if (schema.pattern !== undefined) {
    const matcher = patternMatcher(schema.pattern);
    checks.push((text) => matcher.test(text));
  }
  if (checks.length === 0) return undefined;
  return (text) => checks.every((check) => check(text));
}

/** An object's keys against its planned properties: each a planned key with a fitting value, the required ones all there. */
function objectCheck(
  properties: Readonly<Record<string, PropertyJsonSchema>>,
  required: readonly string[],
  additional: boolean,
): (value: Record<string, unknown>) => boolean {
  const rules = new Map<string, PropertyRule>();
  const requiredSet = new Set(required);
  for (const [title, property] of Object.entries(properties))
    rules.set(title, { check: valueCheck(property), required: requiredSet.has(title) });
  // A required title the properties do not list (never from our schemas) can only be counted by ajv.
  const requiredCount = [...requiredSet].every((title) => rules.has(title)) ? requiredSet.size : -1;
  return (value) => {
    let seen = 0;
    for (const key of Object.keys(value)) {
      const rule = rules.get(key);
      if (rule === undefined) {
        if (additional) continue;
        return false;
      }
      if (!rule.check(value[key])) return false;
      if (rule.required) seen++;
    }
    return seen === requiredCount;
  };
}

export function quickCheck(schema: EventJsonSchema): QuickCheck {
  return objectCheck(schema.properties, schema.required, schema.additionalProperties);
}
