/**
 * Generated code for a plan that uses every richer key and every event kind
 * (test/fixtures/richer-plan): it compiles under `tsc --strict` (and stricter), its types take
 * what the plan allows and refuse the rest, and at run time each kind goes through its call.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import ts from 'typescript';
import { buildEventSchemas } from '../../src/event-schema/build-event-schemas.js';
import { generateTypeScript } from '../../src/codegen/typescript.js';
import { readTrackingPlan } from '../support/read-plan.js';
import { compile, STRICTEST } from './compile-typescript.js';

let module = '';
beforeAll(async () => {
  const loaded = await readTrackingPlan('test/fixtures/richer-plan');
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  module = generateTypeScript(buildEventSchemas(loaded.plan)).text;
});

const HEAD = `import { createTracker, type Calls } from './tracking.js';
declare const send: (event: string, properties: Record<string, unknown>) => void;
declare const calls: Calls;
const tracker = createTracker(send, calls);
`;

describe('the module of a plan with nested, typed and nullable properties and every kind', () => {
  it('compiles under the strictest options and under plain --strict', () => {
    expect(compile({ 'tracking.ts': module }).errors).toEqual({});
    expect(
      compile({ 'tracking.ts': module }, { ...STRICTEST, exactOptionalPropertyTypes: false, noUncheckedIndexedAccess: false }).errors,
    ).toEqual({});
  });

  it('types typed enums, null, nested objects, arrays of items and each kind’s parameters', () => {
    expect(module).toContain('  status: 200 | 201;\n');
    expect(module).toContain('  coupon?: string | null;\n');
    expect(module).toContain("  tags?: ('new' | 'sale' | null)[];\n");
    expect(module).toContain('  constructor?: string;\n');
    expect(module).toContain('  userTraits(traits: UserTraitsProperties): void;\n');
    expect(module).toContain('  pageViewed(name: string, properties?: PageViewedProperties): void;\n');
    expect(module).toContain('  company(groupId: string, traits?: CompanyProperties): void;\n');
  });

  it('takes a consumer that sends what the plan allows', () => {
    const consumer = `${HEAD}
tracker.orderCompleted({
  status: 200,
  ratio: 1.5,
  gift: true,
  coupon: null,
  tags: ['new', null],
  products: [{ sku: 'ABC-1', price: null }, { sku: 'ABC-2' }],
  address: { city: 'Oslo', geo: { lat: 59.9, alt: 12 } },
  constructor: 'c',
  toString: 3,
});
tracker.productViewed();
tracker.productViewed({ valueOf: 'v', hasOwnProperty: true });
tracker.webhookReceived({ anything: 1 });
tracker.shopConstructor();
tracker.userTraits({ plan: 'pro' });
tracker.pricing({ tier: 'gold' });
tracker.pageViewed('Blog', { path: '/blog' });
tracker.home();
tracker.company('g1', { employees: 4 });
`;
    expect(compile({ 'tracking.ts': module, 'consumer.ts': consumer }).errors).toEqual({});
  });

  const failing: [string, string, RegExp][] = [
    [
      'a status given as text',
      `tracker.orderCompleted({ status: '200', products: [] });`,
      /TS2322.*'string' is not assignable to type '200 \| 201'/,
    ],
    ['a status outside the enum', `tracker.orderCompleted({ status: 202, products: [] });`, /TS2322.*'202' is not assignable/],
    [
      'null where the plan does not allow it',
      `tracker.orderCompleted({ status: 200, products: [], email: null });`,
      /TS2322.*'null' is not assignable/,
    ],
    ['a nested required key left out', `tracker.orderCompleted({ status: 200, products: [{ price: 1 }] });`, /Property 'sku' is missing/],
    [
      'an unplanned nested key',
      `tracker.orderCompleted({ status: 200, products: [], address: { city: 'x', town: 'y' } });`,
      /'town' does not exist/,
    ],
    [
      'a prototype-named property of the wrong type',
      `tracker.productViewed({ valueOf: 1 });`,
      /TS2322.*'number' is not assignable to type 'string'/,
    ],
    ['identify without its required trait', `tracker.userTraits({});`, /Property 'plan' is missing/],
    ['group without its id', `tracker.company({ employees: 1 });`, /TS2345|TS2554/],
  ];
  let failingErrors: Readonly<Record<string, readonly string[]>> = {};
  beforeAll(() => {
    const consumers = Object.fromEntries(failing.map(([, call], i) => [`consumer-${i}.ts`, `${HEAD}${call}\n`]));
    failingErrors = compile({ 'tracking.ts': module, ...consumers }).errors;
  });
  it.each(failing.map((row, i) => [...row, i] as const))('refuses %s', (_name, _call, error, i) => {
    expect(failingErrors['tracking.ts']).toBeUndefined();
    expect(failingErrors[`consumer-${i}.ts`]?.join('\n')).toMatch(error);
  });

  it('sends each kind through its call at run time', async () => {
    const js = ts.transpileModule(module, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    const generated = (await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`)) as {
      createTracker: (
        send: (...args: unknown[]) => void,
        calls: Record<string, (...args: unknown[]) => void>,
      ) => Record<string, (...args: unknown[]) => void>;
    };
    const made: unknown[][] = [];
    const record =
      (kind: string) =>
      (...args: unknown[]) =>
        made.push([kind, ...args]);
    const tracker = generated.createTracker(record('track'), {
      identify: record('identify'),
      page: record('page'),
      screen: record('screen'),
      group: record('group'),
    });
    tracker['productViewed']?.();
    tracker['userTraits']?.({ plan: 'pro' });
    tracker['pricing']?.();
    tracker['pageViewed']?.('Blog', { path: '/b' });
    tracker['home']?.();
    tracker['company']?.('g1');
    expect(made).toEqual([
      ['track', 'Product Viewed', {}],
      ['identify', { plan: 'pro' }],
      ['page', 'Pricing', {}],
      ['page', 'Blog', { path: '/b' }],
      ['screen', 'Home', {}],
      ['group', 'g1', {}],
    ]);
  });
});
