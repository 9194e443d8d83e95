/**
 * One ajv validator per planned event (JSON Schema draft 2020-12, every error collected), and
 * the mapping of ajv's errors to tpsync's violation kinds. Validators are compiled the first time
 * a payload of the event arrives, so a plan of thousands of events costs only what the input uses.
 * A payload that fast-path.ts passes is valid without asking ajv (ajv's cost per payload is most
 * of a large run: bench/results.md); any other goes to ajv, whose verdict counts.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { FORMAT_CHECKS } from '../event-schema/formats.js';
import type { EventJsonSchema, EventSchemaEntry, PropertyJsonSchema } from '../event-schema/types.js';
import { expectedText } from './expected-text.js';
import { quickCheck } from './fast-path.js';
import { re2Engine } from './patterns.js';
import type { ViolationKind } from './report.js';

/**
 * One violation found in one payload. `property` is absent only for `unplanned-event`; it names a
 * nested property by its path (`address.city`, `products[].sku`, `tags[]`). `expected` says what
 * the plan expects there, for `wrong-type` and `value-not-in-enum`.
 */
export interface Violation {
  readonly kind: ViolationKind;
  readonly property?: string;
  readonly expected?: string;
}

/** Checks one payload's properties object against one event's schema: `null` when it passes. */
export type PropertiesCheck = (properties: Record<string, unknown>) => Violation[] | null;

/** Makes checks from event schemas; keep one per run, so formats are registered once. */
export function createCheckCompiler(): (entry: EventSchemaEntry) => PropertiesCheck {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    // `required` and `additionalProperties` look at own properties only: a payload without
    // `constructor` misses it, even though every object inherits one.
    ownProperties: true,
    // Schemas are compiled one by one and never referenced by `$id`.
    addUsedSchema: false,
    // Our own generated schemas: checking them against the meta-schema here costs startup time
    // on every run; the test suite checks them instead.
    validateSchema: false,
    // ajv's code optimiser makes compiling several times slower (bench/results.md) and only
    // speeds up payloads the fast path already failed: a few in a hundred. Patterns run with
    // RE2, in linear time (patterns.ts).
    code: { optimize: false, regExp: re2Engine },
  });
  for (const [name, validate] of Object.entries(FORMAT_CHECKS)) ajv.addFormat(name, { type: 'string', validate });
  return (entry) => {
    const quick = quickCheck(entry.schema);
    // Compiled when the first payload the quick check does not pass arrives: clean input never pays for ajv.
    let validate: ValidateFunction | undefined;
    return (properties) => {
      if (quick(properties)) return null;
      validate ??= ajv.compile(entry.schema);
      return validate(properties) ? null : classify(validate.errors ?? [], entry.schema);
    };
  };
}

/**
 * ajv errors → violations, one per property and kind. A value that is not what the plan says is
 * `wrong-type`: of another type, a string that is not a valid date or date-time (the plan's type
 * is `date`, and a string that is no date is not of that type), or a value outside the property's
 * format, pattern, length or range (its `expected` text says which). A value of the wrong type is
 * reported once (ajv also reports it missing the enum). A value of the right type that the enum
 * does not list is `value-not-in-enum`.
 * @param schema the event's schema, which tells array items from keys and what is expected where
 */
export function classify(errors: readonly ErrorObject[], schema?: EventJsonSchema): Violation[] {
  const violations: Violation[] = [];
  const seen = new Set<string>();
  const add = (kind: ViolationKind, place: Place): void => {
    const key = `${kind}\0${place.name}`;
    if (seen.has(key)) return;
    seen.add(key);
    const expected =
      place.schema !== undefined && (kind === 'wrong-type' || kind === 'value-not-in-enum') ? expectedText(place.schema) : undefined;
    violations.push({ kind, property: place.name, ...(expected === undefined ? {} : { expected }) });
  };
  const wrongType = new Set<string>();
  for (const error of errors) if (error.keyword === 'type') wrongType.add(error.instancePath);
  for (const error of errors) {
    const params = error.params as Record<string, unknown>;
    const at = placeOf(error.instancePath, schema);
    switch (error.keyword) {
      case 'additionalProperties':
        add('unplanned-property', childOf(at, String(params['additionalProperty'])));
        break;
      case 'required':
        add('missing-required', childOf(at, String(params['missingProperty'])));
        break;
      case 'enum':
        if (!wrongType.has(error.instancePath)) add('value-not-in-enum', at);
        break;
      default:
        // `type`, `format`, `pattern`, the lengths and the range; should another keyword appear, its property is still wrong.
        add('wrong-type', at);
    }
  }
  return violations;
}

/** A place in a payload: its name in reports, and its schema (undefined where the schema does not reach). */
interface Place {
  readonly name: string;
  readonly schema: PropertyJsonSchema | undefined;
}

/**
 * The place an ajv `instancePath` points at (`/address/city` → `address.city`, `/tags/3` →
 * `tags[]`), walking the schema alongside to tell an array's index from an object's key.
 */
function placeOf(instancePath: string, schema: EventJsonSchema | undefined): Place {
  let place: Place = { name: '', schema };
  if (instancePath === '') return place;
  for (const raw of instancePath.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const items = place.schema?.items;
    place = items !== undefined ? { name: `${place.name}[]`, schema: items } : childOf(place, segment);
  }
  return place;
}

/** The place of key `key` in the object at `place`. */
function childOf(place: Place, key: string): Place {
  const properties = place.schema?.properties;
  return {
    name: place.name === '' ? key : `${place.name}.${key}`,
    schema: properties !== undefined && Object.hasOwn(properties, key) ? properties[key] : undefined,
  };
}

/**
 * Property titles that JSON Schema validators skip for safety (ajv ignores a `__proto__` key in
 * `properties`), so a payload check could not judge them: listed so the command can refuse clearly.
 */
export function uncheckableProperties(entries: readonly EventSchemaEntry[]): { event: string; property: string }[] {
  return entries.flatMap((entry) =>
    Object.hasOwn(entry.schema.properties, '__proto__') ? [{ event: entry.event, property: '__proto__' }] : [],
  );
}
