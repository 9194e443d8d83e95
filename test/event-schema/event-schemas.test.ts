import { createHash } from 'node:crypto';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { buildEventSchemas } from '../../src/event-schema/build-event-schemas.js';
import { slugOf, uniqueSlugs } from '../../src/event-schema/file-names.js';
import { propertySchema } from '../../src/event-schema/property-schema.js';
import { schemaFiles } from '../../src/event-schema/schema-files.js';
import { readTrackingPlan } from '../../src/tracking-plan/read-plan-files.js';
import type { PlanProperty, PropertyType, TrackingPlan } from '../../src/tracking-plan/types.js';

const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';

async function examplePlan(): Promise<TrackingPlan> {
  const loaded = await readTrackingPlan('tracking-plan.example');
  if (!loaded.ok) throw new Error('the example plan does not load');
  return loaded.plan;
}

const planOf = (categories: TrackingPlan['categories']): TrackingPlan => ({ version: 1, integration: INTEGRATION, categories });

describe('the example plan', () => {
  it('matches the schema snapshots, one file per event plus index.json', async () => {
    const files = schemaFiles(buildEventSchemas(await examplePlan()));
    expect(files).toHaveLength(34);
    for (const file of files) await expect(file.text).toMatchFileSnapshot(`__snapshots__/example/${file.path}`);
  });

  it('gives schemas that are valid JSON Schema draft 2020-12 and compile with formats', async () => {
    const ajv = new Ajv2020({ strict: true, addUsedSchema: false });
    ajv.addFormat('date', true).addFormat('date-time', true);
    for (const entry of buildEventSchemas(await examplePlan()).entries) {
      expect(ajv.validateSchema(entry.schema), `${entry.file}: ${ajv.errorsText()}`).toBe(true);
      expect(() => ajv.compile(entry.schema)).not.toThrow();
    }
  });

  it('is byte-identical on every run', async () => {
    const plan = await examplePlan();
    expect(schemaFiles(buildEventSchemas(plan))).toEqual(schemaFiles(buildEventSchemas(await examplePlan())));
  });
});

describe('property types', () => {
  const rows: [PropertyType | undefined, object][] = [
    ['string', { type: 'string' }],
    ['enum', { type: 'string', enum: ['red', '1', 'true'] }],
    ['integer', { type: 'integer' }],
    ['number', { type: 'number' }],
    ['boolean', { type: 'boolean' }],
    ['object', { type: 'object' }],
    ['array', { type: 'array' }],
    ['date', { type: 'string', format: 'date' }],
    ['datetime', { type: 'string', format: 'date-time' }],
    [undefined, {}],
  ];
  it.each(rows)('%s → %j', (type, expected) => {
    const property: PlanProperty = {
      title: 'p',
      ...(type === undefined ? {} : { type }),
      ...(type === 'enum' ? { enum: ['red', '1', 'true'] } : {}),
    };
    expect(propertySchema(property)).toEqual(expected);
  });

  it('carries the description and deprecation, and leaves an empty description out', () => {
    expect(propertySchema({ title: 'p', type: 'string', description: 'Why.', deprecated: { since: '2025-01-01' } })).toEqual({
      type: 'string',
      description: 'Why.',
      deprecated: true,
    });
    expect(propertySchema({ title: 'p', type: 'string', description: '' })).toEqual({ type: 'string' });
  });
});

describe('event schemas', () => {
  const plan = planOf([
    {
      title: 'Checkout',
      events: [
        {
          title: 'Order Completed',
          description: 'An order was placed.',
          deprecated: { since: '2025-01-01', replacement: 'Order Placed' },
          properties: [
            { title: 'order_id', type: 'string', required: true },
            { title: 'coupon', type: 'string', required: false },
            { title: '__proto__', type: 'string' },
            { title: 'total', type: 'number', required: true },
          ],
        },
      ],
    },
  ]);

  it('lists required properties in plan order, closes the object, and keeps odd titles as own keys', () => {
    const [entry] = buildEventSchemas(plan).entries;
    expect(entry?.schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'checkout/order-completed.schema.json',
      title: 'Order Completed',
      description: 'An order was placed.',
      deprecated: true,
      type: 'object',
      required: ['order_id', 'total'],
      additionalProperties: false,
    });
    expect(Object.keys(entry?.schema.properties ?? {})).toEqual(['order_id', 'coupon', '__proto__', 'total']);
    expect(JSON.parse(schemaFiles(buildEventSchemas(plan))[0]?.text ?? '{}').properties).toHaveProperty(['__proto__']);
  });

  it('allows additional properties when asked and resolves $id against a base', () => {
    const [entry] = buildEventSchemas(plan, { additionalProperties: true, idBase: 'https://schemas.example.com/tracking' }).entries;
    expect(entry?.schema.additionalProperties).toBe(true);
    expect(entry?.schema.$id).toBe('https://schemas.example.com/tracking/checkout/order-completed.schema.json');
  });

  it('indexes every event with its category, file and $id', () => {
    const index = JSON.parse(schemaFiles(buildEventSchemas(plan)).at(-1)?.text ?? '{}');
    expect(index).toEqual({
      format_version: 1,
      generator: 'tpsync',
      integration: INTEGRATION,
      additional_properties: false,
      events: [
        {
          category: 'Checkout',
          event: 'Order Completed',
          file: 'checkout/order-completed.schema.json',
          id: 'checkout/order-completed.schema.json',
          deprecated: true,
        },
      ],
    });
  });
});

describe('file names', () => {
  it.each([
    ['Order Completed', 'order-completed'],
    ['CTA Clicked', 'cta-clicked'],
    ['Café Ordered', 'cafe-ordered'],
    ['  --Weird__Title!! ', 'weird-title'],
    ['注文完了', undefined],
    ['!!!', undefined],
    ['CON', 'con-file'],
    ['Lpt1', 'lpt1-file'],
  ])('%j → %s', (title, slug) => expect(slugOf(title)).toBe(slug));

  const hash = (title: string) => createHash('sha256').update(title).digest('hex').slice(0, 8);

  it('gives every title that shares a slug a hash of its exact title, and leaves the others plain', () => {
    const names = uniqueSlugs(['Order-Completed', 'Order Completed 2', 'Order Completed', 'order_completed'], 'event');
    expect(Object.fromEntries(names)).toEqual({
      'Order Completed': `order-completed-${hash('Order Completed')}`,
      'Order-Completed': `order-completed-${hash('Order-Completed')}`,
      order_completed: `order-completed-${hash('order_completed')}`,
      'Order Completed 2': 'order-completed-2',
    });
  });

  it('never hands a name from one title to another as titles come and go, and ignores the YAML order', () => {
    const before = uniqueSlugs(['Order Completed', 'Cart Viewed'], 'event');
    const after = uniqueSlugs(['Order-Completed', 'Cart Viewed', 'Order Completed'], 'event');
    expect(before.get('Order Completed')).toBe('order-completed');
    expect([...after.values()]).not.toContain('order-completed');
    const titles = ['B!', 'b?', 'A', 'a.', 'Ä', '注文'];
    expect(uniqueSlugs(titles, 'event')).toEqual(uniqueSlugs([...titles].reverse(), 'event'));
  });

  it('keeps categories apart when their titles meet, and the same event title in two categories apart', () => {
    const set = buildEventSchemas(
      planOf([
        { title: 'Check out', events: [{ title: 'Signed In', properties: [] }] },
        { title: 'Check-Out', events: [{ title: 'Signed In', properties: [] }] },
        { title: '注文', events: [{ title: '注文完了', properties: [] }] },
      ]),
    );
    expect(set.entries.map((e) => e.file)).toEqual([
      `check-out-${hash('Check out')}/signed-in.schema.json`,
      `check-out-${hash('Check-Out')}/signed-in.schema.json`,
      `category-${hash('注文')}/event-${hash('注文完了')}.schema.json`,
    ]);
  });
});
