import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORMAT_CHECKS } from '../../src/event-schema/formats.js';
import { eventSchema } from '../../src/event-schema/build-event-schemas.js';
import type { PlanProperty, PropertyType } from '../../src/tracking-plan/types.js';
import { quickCheck } from '../../src/check/fast-path.js';

const TYPES: (PropertyType | undefined)[] = [
  'string',
  'enum',
  'integer',
  'number',
  'boolean',
  'object',
  'array',
  'date',
  'datetime',
  undefined,
];
const NAMES = ['a', 'b', 'c', 'constructor', 'toString', 'd e'];

const property = (title: string) =>
  fc
    .record({
      type: fc.constantFrom(...TYPES),
      required: fc.boolean(),
      values: fc.uniqueArray(fc.constantFrom('red', 'green', '1', 'true', ''), { minLength: 1 }),
    })
    .map(({ type, required, values }): PlanProperty => ({
      title,
      ...(type === undefined ? {} : { type }),
      ...(type === 'enum' ? { enum: values } : {}),
      required,
    }));

const plannedProperties = fc.subarray(NAMES).chain((titles) => fc.tuple(...titles.map(property)));

/** Values that hit every type's edges: each type's own values, near misses, and dates good and bad. */
const value = fc.oneof(
  fc.constantFrom(
    'red',
    'green',
    '1',
    'true',
    '',
    '2024-02-29',
    '2024-02-30',
    '2024-05-01T12:00:00Z',
    '2024-05-01 12:00:00',
    1,
    1.5,
    0,
    -3,
    1e21,
    true,
    false,
    null,
  ),
  fc.jsonValue({ maxDepth: 2 }),
  fc.double(),
);

const payload = fc.dictionary(fc.constantFrom(...NAMES, 'extra', '__proto__'), value, { maxKeys: 7 });

describe('the fast path', () => {
  it('says yes exactly when ajv does, for every property type, required set and payload', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, ownProperties: true, addUsedSchema: false });
    for (const [name, validate] of Object.entries(FORMAT_CHECKS)) ajv.addFormat(name, { type: 'string', validate });
    fc.assert(
      fc.property(
        plannedProperties,
        fc.boolean(),
        fc.array(payload, { minLength: 1, maxLength: 10 }),
        (properties, additional, payloads) => {
          const schema = eventSchema({ title: 'E', properties }, 'e.schema.json', additional);
          const quick = quickCheck(schema);
          const validate = ajv.compile(schema);
          for (const raw of payloads) {
            // Through JSON, as payloads arrive: own keys only, no undefined, no NaN.
            const text = JSON.stringify(raw);
            const data = JSON.parse(text) as Record<string, unknown>;
            expect(quick(data), `${JSON.stringify(schema)} on ${text}`).toBe(validate(data));
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
