/**
 * Each new property key, through the whole chain: YAML → loader → event schema → `check` →
 * generated TypeScript. One row per key: the property as written, what its schema says, values
 * `check` takes and refuses (with the violation), and the type codegen gives it.
 */
import { describe, expect, it } from 'vitest';
import { generateTypeScript } from '../../src/codegen/typescript.js';
import { buildEventSchemas } from '../../src/event-schema/build-event-schemas.js';
import type { EventSchemaSet } from '../../src/event-schema/types.js';
import { PayloadCheck } from '../../src/check/payload-check.js';
import { createCheckCompiler } from '../../src/check/validators.js';
import type { ViolationKind } from '../../src/check/report.js';
import { loadTrackingPlan } from '../../src/tracking-plan/load-plan.js';
import type { TrackingPlan } from '../../src/tracking-plan/types.js';

const HEADER = 'version: 1\nintegration: ca529385-fbc9-4934-afae-e372affe795b\n';

/** A plan of one event, `E`, whose properties are the YAML lines given (indented under `properties:`). */
export function planOf(propertiesYaml: string, extra = ''): TrackingPlan {
  const text = `${HEADER}${extra}categories:\n  - title: A\n    events:\n      - title: E\n        properties:\n${propertiesYaml
    .split('\n')
    .map((line) => `          ${line}`)
    .join('\n')}\n`;
  const loaded = loadTrackingPlan([{ path: 'plan.yaml', bytes: new TextEncoder().encode(text) }]);
  if (!loaded.ok) throw new Error(`the plan does not load:\n${loaded.issues.map((i) => `${i.line}:${i.column} ${i.message}`).join('\n')}`);
  return loaded.plan;
}

/** The violations `check` finds in one payload of `E`, as `kind property` strings ([] when it passes). */
export function violationsOf(set: EventSchemaSet, properties: unknown): string[] {
  const check = new PayloadCheck(set, createCheckCompiler(), { eventField: ['event'], propertiesField: ['properties'] });
  check.line(JSON.stringify({ event: 'E', properties }), 1);
  const report = check.report();
  return report.events.flatMap((event) => event.violations.map((v) => `${v.kind} ${v.property ?? ''}`.trim()));
}

interface Row {
  readonly key: string;
  readonly yaml: string;
  /** Part of the property `p`'s schema. */
  readonly schema: Record<string, unknown>;
  readonly accepts: readonly unknown[];
  readonly refuses: readonly [unknown, ViolationKind, string?][];
  /** The line codegen writes for `p`. */
  readonly ts: string;
}

const ROWS: Row[] = [
  {
    key: 'integer enum',
    yaml: '- { title: p, type: integer, enum: [200, 201] }',
    schema: { type: 'integer', enum: [200, 201] },
    accepts: [200, 201],
    refuses: [
      ['200', 'wrong-type'],
      [202, 'value-not-in-enum'],
    ],
    ts: 'p?: 200 | 201;',
  },
  {
    key: 'number enum',
    yaml: '- { title: p, type: number, enum: [0.5, 1.50] }',
    schema: { type: 'number', enum: [0.5, 1.5] },
    accepts: [0.5, 1.5],
    refuses: [[2, 'value-not-in-enum']],
    ts: 'p?: 0.5 | 1.5;',
  },
  {
    key: 'boolean enum',
    yaml: '- { title: p, type: boolean, enum: [true] }',
    schema: { type: 'boolean', enum: [true] },
    accepts: [true],
    refuses: [
      [false, 'value-not-in-enum'],
      ['true', 'wrong-type'],
    ],
    ts: 'p?: true;',
  },
  {
    key: 'string enum',
    yaml: "- { title: p, type: string, enum: ['200', b] }",
    schema: { type: 'string', enum: ['200', 'b'] },
    accepts: ['200', 'b'],
    refuses: [
      [200, 'wrong-type'],
      ['c', 'value-not-in-enum'],
    ],
    ts: "p?: '200' | 'b';",
  },
  {
    key: 'type: enum keeps string values',
    yaml: '- { title: p, type: enum, enum: [1, x] }',
    schema: { type: 'string', enum: ['1', 'x'] },
    accepts: ['1', 'x'],
    refuses: [[1, 'wrong-type']],
    ts: "p?: '1' | 'x';",
  },
  {
    key: 'nullable',
    yaml: '- { title: p, type: integer, nullable: true }',
    schema: { type: ['integer', 'null'] },
    accepts: [null, 3],
    refuses: [['3', 'wrong-type']],
    ts: 'p?: number | null;',
  },
  {
    key: 'nullable enum',
    yaml: '- { title: p, type: integer, enum: [1, 2], nullable: true }',
    schema: { type: ['integer', 'null'], enum: [1, 2, null] },
    accepts: [null, 1],
    refuses: [[3, 'value-not-in-enum']],
    ts: 'p?: 1 | 2 | null;',
  },
  {
    key: 'pattern',
    yaml: "- { title: p, type: string, pattern: '^[A-Z]{2}\\d$' }",
    schema: { type: 'string', pattern: '^[A-Z]{2}\\d$' },
    accepts: ['AB1'],
    refuses: [
      ['ab1', 'wrong-type'],
      ['AB12', 'wrong-type'],
    ],
    ts: 'p?: string;',
  },
  {
    key: 'min_length and max_length (code points)',
    yaml: '- { title: p, type: string, min_length: 2, max_length: 3 }',
    schema: { type: 'string', minLength: 2, maxLength: 3 },
    accepts: ['ab', 'abc', '😀😀😀'],
    refuses: [
      ['a', 'wrong-type'],
      ['abcd', 'wrong-type'],
      ['😀', 'wrong-type'],
    ],
    ts: 'p?: string;',
  },
  {
    key: 'format email',
    yaml: '- { title: p, type: string, format: email }',
    schema: { type: 'string', format: 'email' },
    accepts: ['a@example.com'],
    refuses: [['not an address', 'wrong-type']],
    ts: 'p?: string;',
  },
  {
    key: 'format uuid',
    yaml: '- { title: p, type: string, format: uuid }',
    schema: { type: 'string', format: 'uuid' },
    accepts: ['0b6a2c4e-1f3d-4c5b-9a8e-7d6c5b4a3f21'],
    refuses: [['0b6a2c4e', 'wrong-type']],
    ts: 'p?: string;',
  },
  {
    key: 'format date-time on a string',
    yaml: '- { title: p, type: string, format: date-time }',
    schema: { type: 'string', format: 'date-time' },
    accepts: ['2024-05-01T12:00:00Z'],
    refuses: [['2024-05-01 12:00:00', 'wrong-type']],
    ts: 'p?: string;',
  },
  {
    key: 'minimum and maximum (inclusive)',
    yaml: '- { title: p, type: integer, minimum: 1, maximum: 9 }',
    schema: { type: 'integer', minimum: 1, maximum: 9 },
    accepts: [1, 9],
    refuses: [
      [0, 'wrong-type'],
      [10, 'wrong-type'],
      [1.5, 'wrong-type'],
    ],
    ts: 'p?: number;',
  },
  {
    key: 'array items',
    yaml: '- { title: p, type: array, items: { type: integer, minimum: 0 } }',
    schema: { type: 'array', items: { type: 'integer', minimum: 0 } },
    accepts: [[], [0, 5]],
    refuses: [
      [[1, -1], 'wrong-type', 'p[]'],
      [['1'], 'wrong-type', 'p[]'],
    ],
    ts: 'p?: number[];',
  },
  {
    key: 'array items with a nullable enum',
    yaml: '- { title: p, type: array, items: { type: enum, enum: [a, b], nullable: true } }',
    schema: { type: 'array', items: { type: ['string', 'null'], enum: ['a', 'b', null] } },
    accepts: [['a', null]],
    refuses: [[['c'], 'value-not-in-enum', 'p[]']],
    ts: "p?: ('a' | 'b' | null)[];",
  },
  {
    key: 'nested object (closed by default)',
    yaml: '- title: p\n  type: object\n  properties:\n    - { title: city, type: string, required: true }\n    - { title: zip, type: string }',
    schema: {
      type: 'object',
      properties: { city: { type: 'string' }, zip: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    },
    accepts: [{ city: 'X' }, { city: 'X', zip: '1' }],
    refuses: [
      [{}, 'missing-required', 'p.city'],
      [{ city: 'X', town: 'Y' }, 'unplanned-property', 'p.town'],
      [{ city: 1 }, 'wrong-type', 'p.city'],
    ],
    ts: 'p?: {',
  },
  {
    key: 'nested object open with additional_properties: true',
    yaml: '- title: p\n  type: object\n  additional_properties: true\n  properties:\n    - { title: city, type: string }',
    schema: { type: 'object', properties: { city: { type: 'string' } }, required: [], additionalProperties: true },
    accepts: [{ town: 'Y' }],
    refuses: [[{ city: 2 }, 'wrong-type', 'p.city']],
    ts: 'p?: {',
  },
  {
    key: 'nullable nested object',
    yaml: '- title: p\n  type: object\n  nullable: true\n  properties:\n    - { title: n, type: integer }',
    schema: { type: ['object', 'null'] },
    accepts: [null, { n: 1 }],
    refuses: [[[], 'wrong-type']],
    ts: 'p?: {',
  },
];

describe.each(ROWS)('$key', (row) => {
  const plan = planOf(row.yaml);
  const set = buildEventSchemas(plan);

  it('the schema says it', () => {
    expect(set.entries[0]?.schema.properties['p']).toMatchObject(row.schema);
  });

  it('check takes the values that fit', () => {
    for (const value of row.accepts) expect(violationsOf(set, { p: value }), JSON.stringify(value)).toEqual([]);
  });

  it('check refuses the others, naming the place', () => {
    for (const [value, kind, place] of row.refuses)
      expect(violationsOf(set, { p: value }), JSON.stringify(value)).toEqual([`${kind} ${place ?? 'p'}`]);
  });

  it('codegen types it', () => {
    expect(generateTypeScript(set).text).toContain(`  ${row.ts}\n`);
  });
});

describe('whole-event keys', () => {
  it('an event with additional_properties: true takes unplanned properties; others stay closed', () => {
    const text = `${HEADER}categories:\n  - title: A\n    events:\n      - { title: E, additional_properties: true, properties: [{ title: a, type: string }] }\n      - { title: F, properties: [] }\n`;
    const loaded = loadTrackingPlan([{ path: 'plan.yaml', bytes: new TextEncoder().encode(text) }]);
    if (!loaded.ok) throw new Error('does not load');
    const set = buildEventSchemas(loaded.plan);
    expect(set.entries.map((e) => e.schema.additionalProperties)).toEqual([true, false]);
    expect(violationsOf(set, { a: 'x', other: 1 })).toEqual([]);
    expect(violationsOf(set, { a: 1 })).toEqual(['wrong-type a']);
    // `false` stays closed under --additional-properties.
    const closed = planOf('- { title: a, type: string }').categories[0]?.events[0];
    if (closed === undefined) throw new Error('no event');
    closed.additional_properties = false;
    const strict = buildEventSchemas({ ...loaded.plan, categories: [{ title: 'A', events: [closed] }] }, { additionalProperties: true });
    expect(strict.entries[0]?.schema.additionalProperties).toBe(false);
    expect(generateTypeScript(set).text).toContain('  a?: string;\n  [key: string]: unknown;\n');
  });

  it('a nested object without additional_properties follows --additional-properties; one that says false does not', () => {
    const plan = planOf(
      '- title: p\n  type: object\n  properties: [{ title: a, type: string }]\n- title: q\n  type: object\n  additional_properties: false\n  properties: [{ title: a, type: string }]',
    );
    const open = buildEventSchemas(plan, { additionalProperties: true });
    expect(violationsOf(open, { p: { b: 1 }, q: { a: 'x' } })).toEqual([]);
    expect(violationsOf(open, { q: { b: 1 } })).toEqual(['unplanned-property q.b']);
  });
});

describe('items: { use: … }', () => {
  it('takes the shared definition’s whole shape, nested properties included, at every use', () => {
    const plan = planOf(
      '- { title: products, type: array, items: { use: product } }\n- { use: product }',
      'properties:\n  - title: product\n    type: object\n    description: One product.\n    properties:\n      - { title: sku, type: string, required: true, pattern: "^[A-Z]+$" }\n      - { title: price, type: number, minimum: 0, nullable: true }\n',
    );
    const set = buildEventSchemas(plan);
    const items = set.entries[0]?.schema.properties['products']?.items;
    expect(items).toEqual({
      type: 'object',
      properties: { sku: { type: 'string', pattern: '^[A-Z]+$' }, price: { type: ['number', 'null'], minimum: 0 } },
      required: ['sku'],
      additionalProperties: false,
      description: 'One product.',
    });
    expect(set.entries[0]?.schema.properties['product']).toMatchObject({ type: 'object', required: ['sku'] });
    expect(violationsOf(set, { products: [{ sku: 'AB', price: null }] })).toEqual([]);
    expect(violationsOf(set, { products: [{ sku: 'ab' }, { price: -1 }] })).toEqual([
      'missing-required products[].sku',
      'wrong-type products[].price',
      'wrong-type products[].sku',
    ]);
    const code = generateTypeScript(set).text;
    expect(code).toContain('  products?: {\n');
    expect(code).toContain('    price?: number | null;\n  }[];\n');
  });
});
