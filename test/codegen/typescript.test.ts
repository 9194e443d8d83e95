import { beforeAll, describe, expect, it } from 'vitest';
import ts from 'typescript';
import { buildEventSchemas } from '../../src/event-schema/build-event-schemas.js';
import { generateTypeScript } from '../../src/codegen/typescript.js';
import { readTrackingPlan } from '../support/read-plan.js';
import type { TrackingPlan } from '../../src/tracking-plan/types.js';
import { compile, STRICTEST } from './compile-typescript.js';

async function exampleModule(): Promise<string> {
  const loaded = await readTrackingPlan('tracking-plan.example');
  if (!loaded.ok) throw new Error('the example plan does not load');
  return generateTypeScript(buildEventSchemas(loaded.plan)).text;
}

/** A plan with the awkward cases: collisions, odd titles and keys, deprecation, comment breakers, no properties. */
export const TRICKY: TrackingPlan = {
  version: 1,
  integration: 'ca529385-fbc9-4934-afae-e372affe795b',
  categories: [
    {
      title: 'Checkout',
      events: [
        {
          title: 'Order Completed',
          description: 'An order was placed. */ alert("no") /*\n@internal is not a tag here',
          deprecated: { since: '2025-01-01', sunset: '2025-06-30', replacement: 'Order Placed' },
          properties: [
            { title: 'order_id', type: 'string', required: true, description: 'ID */ of the order.' },
            { title: 'order-total', type: 'number', required: true },
            { title: 'currency', type: 'enum', enum: ['USD', "it's", 'back\\slash', 'new\nline'], required: true },
            { title: 'legacy_code', type: 'string', deprecated: { since: '2024-10-01' } },
            { title: '3d_secure', type: 'boolean' },
            { title: 'placed_at', type: 'datetime' },
            { title: 'anything' },
          ],
        },
        { title: 'Order-Completed', properties: [{ title: 'id', type: 'integer', required: true }] },
        { title: 'App Opened', properties: [] },
        { title: 'Delete', properties: [{ title: 'reason', type: 'string' }] },
        { title: 'To String', properties: [] },
        { title: '3D Viewer Opened', properties: [{ title: 'model', type: 'object' }] },
        { title: '注文完了', properties: [{ title: 'items', type: 'array', required: true }] },
      ],
    },
    { title: 'Legacy', events: [{ title: 'Order Completed', properties: [{ title: 'legacy_id', type: 'string', required: true }] }] },
  ],
};

const tracking = async () => ({ 'tracking.ts': await exampleModule() });

describe('the generated module for the example plan', () => {
  it('matches its snapshot (which `npm run lint` and `npm run typecheck` also check)', async () => {
    await expect(await exampleModule()).toMatchFileSnapshot('__snapshots__/tracking.ts');
  });

  it('compiles alone under the strictest options, and under plain --strict', async () => {
    expect(compile(await tracking()).errors).toEqual({});
    expect(compile(await tracking(), { ...STRICTEST, exactOptionalPropertyTypes: false, noUncheckedIndexedAccess: false }).errors).toEqual(
      {},
    );
  });

  it('compiles a consumer that uses it correctly', async () => {
    const consumer = `
import { createTracker, type CtaClickedProperties, type Send, type Tracker } from './tracking.js';

declare const analytics: { track(event: string, properties?: Record<string, unknown>): Promise<void> };
declare const posthog: { capture(event: string, properties?: Record<string, unknown>): void };

const tracker: Tracker = createTracker((event, properties) => void analytics.track(event, properties));
tracker.signedOut({ user_id: 'u1', sign_out_reason: 'session_expired' });
tracker.ctaClicked({ cta_id: 'hero', cta_text: 'Shop now', cta_location: 'hero', destination_url: '/shop' });
const props: CtaClickedProperties = { cta_id: 'hero', cta_text: 'Shop', cta_location: 'footer', button_style: 'link', destination_url: '/' };
tracker.ctaClicked(props);
const send: Send = (event, properties) => posthog.capture(event, properties);
createTracker(send).passwordResetRequested({ email: 'a@example.com', delivery_channel: 'sms' });
`;
    expect(compile({ ...(await tracking()), 'consumer.ts': consumer }).errors).toEqual({});
  });

  const failing: [string, string, RegExp][] = [
    [
      'a wrong enum value',
      `tracker.signedOut({ user_id: 'u1', sign_out_reason: 'timeout' });`,
      /TS2322 \(line 4\): Type '"timeout"' is not assignable to type '"user_initiated" \| "session_expired"/,
    ],
    ['a missing required property', `tracker.signedOut({ user_id: 'u1' });`, /TS2345 \(line 4\).*Property 'sign_out_reason' is missing/],
    [
      'a misspelt event',
      `tracker.signedOutt({ user_id: 'u1', sign_out_reason: 'session_expired' });`,
      /TS2551 \(line 4\): Property 'signedOutt' does not exist on type 'Tracker'. Did you mean 'signedOut'\?/,
    ],
    [
      'a property of the wrong type',
      `tracker.signedOut({ user_id: 42, sign_out_reason: 'session_expired' });`,
      /TS2322 \(line 4\): Type 'number' is not assignable to type 'string'/,
    ],
    [
      'an unplanned property',
      `tracker.signedOut({ user_id: 'u1', sign_out_reason: 'session_expired', reason: 'x' });`,
      /TS2353 \(line 4\).*'reason' does not exist/,
    ],
    ['no properties for an event that requires some', `tracker.signedOut();`, /TS2554 \(line 4\): Expected 1 arguments, but got 0/],
  ];
  // One program for all of them (each consumer its own file): compiling is the slow part.
  let failingErrors: Readonly<Record<string, readonly string[]>> = {};
  beforeAll(async () => {
    const consumers = Object.fromEntries(
      failing.map(([, call], i) => [
        `consumer-${i}.ts`,
        `import { createTracker } from './tracking.js';\ndeclare const send: (event: string, properties: Record<string, unknown>) => void;\nconst tracker = createTracker(send);\n${call}\n`,
      ]),
    );
    failingErrors = compile({ ...(await tracking()), ...consumers }).errors;
  });
  it.each(failing.map((row, i) => [...row, i] as const))('rejects a consumer with %s', (_name, _call, error, i) => {
    expect(failingErrors['tracking.ts']).toBeUndefined();
    expect(failingErrors[`consumer-${i}.ts`]?.join('\n')).toMatch(error);
  });

  it('sends the event title and the properties as given, at run time', async () => {
    const js = ts.transpileModule(await exampleModule(), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const module = (await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`)) as {
      createTracker: (send: (event: string, properties: Record<string, unknown>) => void) => Record<string, (p?: object) => void>;
    };
    const sent: [string, Record<string, unknown>][] = [];
    const tracker = module.createTracker((event, properties) => sent.push([event, properties]));
    tracker['ctaClicked']?.({ cta_id: 'hero' });
    tracker['productAddedToWishlist']?.({ product_id: 'p' });
    expect(sent).toEqual([
      ['CTA Clicked', { cta_id: 'hero' }],
      ['Product Added to Wishlist', { product_id: 'p' }],
    ]);
    expect(Object.keys(tracker)).toHaveLength(33);
  });
});

describe('awkward plans', () => {
  const generated = () => generateTypeScript(buildEventSchemas(TRICKY));

  it('match their snapshot (linted and type-checked with the project)', async () => {
    await expect(generated().text).toMatchFileSnapshot('__snapshots__/tricky.ts');
  });

  it('still compile under the strictest options', () => {
    expect(compile({ 'tracking.ts': generated().text }).errors).toEqual({});
  });

  it('name colliding and odd titles deterministically, and report the renames', () => {
    const { renames } = generated();
    expect(renames).toEqual([
      {
        category: 'Checkout',
        event: 'Order Completed',
        wanted: 'orderCompleted',
        method: 'checkoutOrderCompleted',
        sharedWith: ['"Order-Completed" (Checkout)', '"Order Completed" (Legacy)'],
      },
      {
        category: 'Checkout',
        event: 'Order-Completed',
        wanted: 'orderCompleted',
        method: 'checkoutOrderCompleted2',
        sharedWith: ['"Order Completed" (Checkout)', '"Order Completed" (Legacy)'],
      },
      { category: 'Checkout', event: 'To String', wanted: 'toString', method: 'checkoutToString', sharedWith: [] },
      {
        category: 'Legacy',
        event: 'Order Completed',
        wanted: 'orderCompleted',
        method: 'legacyOrderCompleted',
        sharedWith: ['"Order Completed" (Checkout)', '"Order-Completed" (Checkout)'],
      },
    ]);
    const reversed: TrackingPlan = {
      ...TRICKY,
      categories: [...TRICKY.categories].reverse().map((c) => ({ ...c, events: [...c.events].reverse() })),
    };
    const again = generateTypeScript(buildEventSchemas(reversed));
    expect(new Set(again.renames.map((r) => `${r.category}/${r.event}→${r.method}`))).toEqual(
      new Set(renames.map((r) => `${r.category}/${r.event}→${r.method}`)),
    );
  });

  it('compiles consumers of reserved-word, digit-first and non-Latin methods, and quoted keys', () => {
    const consumer = `
import { createTracker } from './tracking.js';
declare const send: (event: string, properties: Record<string, unknown>) => void;
const t = createTracker(send);
t.delete({ reason: 'x' });
t.delete();
t.appOpened();
t.checkoutToString();
t.event3dViewerOpened({ model: { a: 1 } });
t.注文完了({ items: [] });
t.checkoutOrderCompleted({ order_id: 'o', 'order-total': 1, currency: "it's", '3d_secure': true, anything: null });
t.checkoutOrderCompleted2({ id: 1 });
t.legacyOrderCompleted({ legacy_id: 'l' });
`;
    expect(compile({ 'tracking.ts': generated().text, 'consumer.ts': consumer }).errors).toEqual({});
    const bad = `import { createTracker } from './tracking.js';\ndeclare const send: (event: string, properties: Record<string, unknown>) => void;\ncreateTracker(send).appOpened({ extra: 1 });\n`;
    expect(compile({ 'tracking.ts': generated().text, 'consumer.ts': bad }).errors['consumer.ts']?.join('\n')).toMatch(/TS2322 \(line 3\)/);
  });

  it('escapes comment breakers, carries deprecation into @deprecated, and documents formats', () => {
    const text = generated().text;
    expect(text).not.toMatch(/\*\/ alert/);
    expect(text).toContain('An order was placed. *\\/ alert("no") /*');
    expect(text).toContain(' * \\@internal is not a tag here');
    expect(text).toContain('@deprecated Since 2025-01-01; sunset 2025-06-30. Use "Order Placed" instead.');
    expect(text).toContain('/** @deprecated Since 2024-10-01. */');
    expect(text).toContain('Format: a date-time (RFC 3339');
    expect(text).toContain(`currency: 'USD' | 'it\\'s' | 'back\\\\slash' | 'new\\nline';`);
  });

  it('gives a module with no events that still compiles and lints', () => {
    const text = generateTypeScript(buildEventSchemas({ version: 1, integration: 'x', categories: [] })).text;
    expect(text).toContain('export type Tracker = Record<string, never>;');
    expect(compile({ 'tracking.ts': text }).errors).toEqual({});
  });
});
