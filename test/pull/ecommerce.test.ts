/**
 * The bootstrap story end to end, on a public e-commerce tracking spec (Segment's E-commerce
 * Events v2) held in the emulator next to another integration's catalog: pull, validate, plan
 * (no changes), then an edit in Secoda shows up as drift.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { readTrackingPlan } from '../support/read-plan.js';
import { FOREIGN, INTEGRATION } from '../support/remote-fixtures.js';
import { runCli } from '../support/run-cli.js';

const TOKEN = 'ecommerce-secret-token';
const GROWTH_TEAM = '8680f886-97d2-4f4e-92c8-c80b46a3017d';
const OWNER = '33733f42-8ff7-460b-9e20-50a2133d3bb0';

const product = [
  'product_id',
  'sku',
  'category',
  'name',
  'brand',
  'variant',
  'price',
  'quantity',
  'coupon',
  'position',
  'url',
  'image_url',
];
const order = ['order_id', 'affiliation', 'total', 'revenue', 'shipping', 'tax', 'discount', 'coupon', 'currency', 'products'];
const coupon = ['order_id', 'cart_id', 'coupon_id', 'coupon_name', 'discount'];

/** Category → event → its properties. */
const SPEC: Record<string, Record<string, string[]>> = {
  Browsing: {
    'Products Searched': ['query'],
    'Product List Viewed': ['list_id', 'category', 'products'],
    'Product List Filtered': ['list_id', 'filters', 'sorts', 'products'],
  },
  Promotions: {
    'Promotion Viewed': ['promotion_id', 'creative', 'name', 'position'],
    'Promotion Clicked': ['promotion_id', 'creative', 'name', 'position'],
  },
  Ordering: {
    'Product Clicked': product,
    'Product Viewed': [...product, 'currency', 'value'],
    'Product Added': ['cart_id', ...product],
    'Product Removed': ['cart_id', ...product],
    'Cart Viewed': ['cart_id', 'products'],
    'Checkout Started': [...order, 'value'],
    'Checkout Step Viewed': ['checkout_id', 'step', 'shipping_method', 'payment_method'],
    'Checkout Step Completed': ['checkout_id', 'step', 'shipping_method', 'payment_method'],
    'Payment Info Entered': ['checkout_id', 'order_id', 'step', 'shipping_method', 'payment_method'],
    'Order Updated': order,
    'Order Completed': ['checkout_id', ...order, 'subtotal'],
    'Order Refunded': order,
    'Order Cancelled': order,
  },
  Coupons: { 'Coupon Entered': coupon, 'Coupon Applied': coupon, 'Coupon Denied': [...coupon, 'reason'], 'Coupon Removed': coupon },
  Wishlisting: {
    'Product Added to Wishlist': ['wishlist_id', 'wishlist_name', ...product],
    'Product Removed from Wishlist': ['wishlist_id', 'wishlist_name', ...product],
    'Wishlist Product Added to Cart': ['wishlist_id', 'wishlist_name', 'cart_id', ...product],
  },
  Sharing: {
    'Product Shared': ['share_via', 'share_message', 'recipient', ...product],
    'Cart Shared': ['share_via', 'share_message', 'recipient', 'cart_id', 'products'],
  },
  Reviewing: { 'Product Reviewed': ['product_id', 'review_id', 'review_body', 'rating'] },
};

const TYPES: Record<string, string> = {
  price: 'number',
  quantity: 'integer',
  position: 'integer',
  total: 'number',
  revenue: 'number',
  shipping: 'number',
  tax: 'number',
  discount: 'number',
  value: 'number',
  subtotal: 'number',
  step: 'integer',
  rating: 'integer',
  products: 'array',
  filters: 'array',
  sorts: 'array',
};
const ENUMS: Record<string, string> = {
  currency: 'USD, EUR, GBP, CAD',
  payment_method: 'card, paypal, apple_pay, gift_card',
  share_via: 'email, sms, link',
};

let emulator: RunningEmulator;
let dir: string;
let env: Record<string, string>;

/** The spec in our integration, and a different catalog (with some of the same titles) in another. */
function seed(): void {
  for (const [categoryTitle, events] of Object.entries(SPEC)) {
    const category = emulator.store.insert('event_category', { title: categoryTitle, integration: INTEGRATION, teams: [GROWTH_TEAM] });
    for (const [eventTitle, properties] of Object.entries(events)) {
      const event = emulator.store.insert('event', {
        title: eventTitle,
        integration: INTEGRATION,
        parent: category.id,
        description: `A shopper: ${eventTitle.toLowerCase()}.`,
        definition: eventTitle.startsWith('Order')
          ? `Fires server-side when the order system records it.\nNever fires from the browser.\n`
          : '',
        pii: eventTitle === 'Payment Info Entered',
        verified: categoryTitle === 'Ordering',
        published: true,
        owners: [OWNER],
      });
      for (const title of properties) {
        const type = ENUMS[title] !== undefined ? 'enum' : (TYPES[title] ?? 'string');
        emulator.store.insert('event_property', {
          title,
          integration: INTEGRATION,
          parent: event.id,
          type,
          enum: ENUMS[title] ?? null,
          is_required: title.endsWith('_id'),
        });
      }
    }
  }
  const foreign = emulator.store.insert('event_category', { title: 'Mobile App', integration: FOREIGN });
  const foreignOrdering = emulator.store.insert('event_category', { title: 'Ordering', integration: FOREIGN });
  for (const [parent, title] of [
    [foreign.id, 'App Opened'],
    [foreignOrdering.id, 'Order Completed'],
    [foreignOrdering.id, 'Subscription Renewed'],
  ] as const) {
    const event = emulator.store.insert('event', { title, integration: FOREIGN, parent, description: 'Another integration.' });
    emulator.store.insert('event_property', { title: 'app_version', integration: FOREIGN, parent: event.id, type: 'string' });
  }
}

beforeEach(async () => {
  emulator = await startEmulator({ token: TOKEN });
  dir = await mkdtemp(join(tmpdir(), 'tpsync-ecommerce-'));
  env = { SECODA_API_URL: emulator.url, SECODA_API_TOKEN: TOKEN };
  seed();
});
afterEach(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

describe('bootstrapping from an e-commerce catalog', () => {
  it('pulls every event and nothing foreign, validates, plans as a no-op, then shows drift', async () => {
    const out = join(dir, 'tracking-plan');
    const pulled = await runCli(['pull', '--integration', INTEGRATION, '--out', out], env);
    expect(pulled).toMatchObject({ code: 0, stderr: '' });
    expect(await readdir(out)).toEqual([
      'browsing.yaml',
      'coupons.yaml',
      'ordering.yaml',
      'promotions.yaml',
      'reviewing.yaml',
      'sharing.yaml',
      'tracking-plan.yaml',
      'wishlisting.yaml',
    ]);
    expect(await runCli(['validate', out])).toMatchObject({ code: 0 });

    const loaded = await readTrackingPlan(out);
    if (!loaded.ok) throw new Error('the pulled plan does not load');
    const pulledEvents = loaded.plan.categories
      .flatMap((c) => c.events.map((e) => `${c.title} › ${e.title} (${e.properties.length})`))
      .sort();
    const specEvents = Object.entries(SPEC)
      .flatMap(([c, events]) => Object.entries(events).map(([e, properties]) => `${c} › ${e} (${new Set(properties).size})`))
      .sort();
    expect(pulledEvents).toEqual(specEvents);
    const all = JSON.stringify(loaded.plan);
    for (const foreign of ['Mobile App', 'App Opened', 'Subscription Renewed', 'app_version', 'Another integration'])
      expect(all).not.toContain(foreign);

    expect(await runCli(['plan', out, '--detailed-exitcode'], env)).toMatchObject({
      code: 0,
      stdout: 'No changes. Secoda matches the tracking plan.\n',
    });

    // Someone edits the catalog in Secoda's UI.
    const [completed] = emulator.store.list('event', (r) => r.title === 'Order Completed' && r.integration === INTEGRATION);
    emulator.store.patch(completed!.id, { verified: false });
    const drift = await runCli(['plan', out, '--detailed-exitcode'], env);
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain('  ~ event Ordering › Order Completed\n      verified: false → true\n');
    expect(drift.stdout).toContain('Plan: 0 to create, 1 to update, 0 to replace, 0 to delete.');
  });
});
