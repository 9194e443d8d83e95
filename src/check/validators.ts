/**
 * One ajv validator per planned event (JSON Schema draft 2020-12, every error collected), and
 * the mapping of ajv's errors to tpsync's violation kinds. Validators are compiled the first time
 * a payload of the event arrives, so a plan of thousands of events costs only what the input uses.
 * A payload that fast-path.ts passes is valid without asking ajv (ajv's cost per payload is most
 * of a large run: bench/results.md); any other goes to ajv, whose verdict counts.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { FORMAT_CHECKS } from '../event-schema/formats.js';
import type { EventSchemaEntry } from '../event-schema/types.js';
import { quickCheck } from './fast-path.js';
import type { ViolationKind } from './report.js';

/** One violation found in one payload. `property` is absent only for `unplanned-event`. */
export interface Violation {
  readonly kind: ViolationKind;
  readonly property?: string;
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
    // speeds up payloads the fast path already failed: a few in a hundred.
    code: { optimize: false },
  });
  for (const [name, validate] of Object.entries(FORMAT_CHECKS)) ajv.addFormat(name, { type: 'string', validate });
  return (entry) => {
    const quick = quickCheck(entry.schema);
    // Compiled when the first payload the quick check does not pass arrives: clean input never pays for ajv.
    let validate: ValidateFunction | undefined;
    return (properties) => {
      if (quick(properties)) return null;
      validate ??= ajv.compile(entry.schema);
      return validate(properties) ? null : classify(validate.errors ?? []);
    };
  };
}

/**
 * ajv errors → violations, one per property and kind. A value of the wrong type is `wrong-type`
 * only (ajv also reports it missing the enum); a string that is not a valid date or date-time is
 * `wrong-type` too: the plan's type is `date`, and a string that is no date is not of that type.
 */
export function classify(errors: readonly ErrorObject[]): Violation[] {
  const violations: Violation[] = [];
  const seen = new Set<string>();
  const add = (kind: ViolationKind, property: string): void => {
    const key = `${kind}\0${property}`;
    if (seen.has(key)) return;
    seen.add(key);
    violations.push({ kind, property });
  };
  const wrongType = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'type' || error.keyword === 'format') wrongType.add(topProperty(error.instancePath));
  }
  for (const error of errors) {
    const params = error.params as Record<string, unknown>;
    switch (error.keyword) {
      case 'additionalProperties':
        add('unplanned-property', String(params['additionalProperty']));
        break;
      case 'required':
        add('missing-required', String(params['missingProperty']));
        break;
      case 'type':
      case 'format':
        add('wrong-type', topProperty(error.instancePath));
        break;
      case 'enum': {
        const property = topProperty(error.instancePath);
        if (!wrongType.has(property)) add('value-not-in-enum', property);
        break;
      }
      default:
        // The schemas use no other keyword; should one appear, its property is still wrong.
        add('wrong-type', topProperty(error.instancePath));
    }
  }
  return violations;
}

/** `/order~1id/x` → `order/id`: the first JSON Pointer segment, unescaped (RFC 6901). */
function topProperty(instancePath: string): string {
  const segment = instancePath.split('/')[1] ?? '';
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
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
