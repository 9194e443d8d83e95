import { describe, expect, it } from 'vitest';
import { seededDirectories } from '../../src/emulator/directory-data.js';
import { resolvePlanReferences } from '../../src/references/resolve-plan.js';
import { DIRECTORY_KINDS, toEntry } from '../../src/secoda/directories.js';
import { readTrackingPlan } from '../support/read-plan.js';

describe('the example plan', () => {
  it('uses shared definitions and rules, with no warning', async () => {
    const result = await readTrackingPlan('tracking-plan.example');
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.warnings).toEqual([]);
    const uses = result.plan.categories.flatMap((c) => c.events.flatMap((e) => e.properties.filter((p) => p.shared !== undefined)));
    expect(uses.filter((p) => p.title === 'currency')).toHaveLength(8);
  });

  it('expands each shared definition where an event uses it, with that event’s overrides: the plan as it was written out in full', async () => {
    const result = await readTrackingPlan('tracking-plan.example');
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const uses = result.plan.categories.flatMap((c) =>
      c.events.flatMap((e) => e.properties.filter((p) => p.shared !== undefined).map((p) => ({ event: `${c.title} › ${e.title}`, ...p }))),
    );
    // Before the example used shared definitions (commit c67cdbd) each of these was written out
    // in its event: the same title, type, enum, pii, required flag and description.
    expect(uses.map((p) => [p.event, p.title, p.required, p.description])).toEqual([
      ['Account › Signed In', 'user_id', true, 'ID of the account.'],
      ['Account › Signed Out', 'user_id', true, 'ID of the account.'],
      ['Account › Password Reset Requested', 'email', true, 'Address the reset was requested for.'],
      ['Account › Membership Started', 'membership_id', true, 'ID of the subscription at the billing provider.'],
      ['Account › Membership Started', 'currency', true, 'ISO 4217 currency of `price`.'],
      ['Account › Membership Cancelled', 'membership_id', true, 'ID of the subscription at the billing provider.'],
      ['Account › Account Deleted', 'user_id', true, 'ID of the deleted account; the only identifier kept after deletion.'],
      ['Checkout › Cart Viewed', 'cart_id', true, 'ID of the cart.'],
      ['Checkout › Cart Viewed', 'currency', true, 'ISO 4217 currency of the cart.'],
      ['Checkout › Checkout Started', 'checkout_id', true, 'ID of the checkout session, repeated on every later checkout event.'],
      ['Checkout › Checkout Started', 'cart_id', true, 'ID of the cart being checked out.'],
      ['Checkout › Checkout Started', 'currency', true, 'ISO 4217 currency of `value`.'],
      ['Checkout › Checkout Step Completed', 'checkout_id', true, 'ID of the checkout session.'],
      ['Checkout › Payment Info Entered', 'checkout_id', true, 'ID of the checkout session.'],
      ['Checkout › Payment Info Entered', 'payment_method', true, 'Payment method chosen.'],
      ['Checkout › Coupon Applied', 'cart_id', true, 'ID of the cart the coupon was applied to.'],
      ['Checkout › Coupon Applied', 'currency', true, 'ISO 4217 currency of `discount`.'],
      ['Checkout › Order Completed', 'checkout_id', true, 'ID of the checkout session that placed the order.'],
      ['Checkout › Order Completed', 'user_id', false, 'ID of the account; absent for guest orders.'],
      ['Checkout › Order Completed', 'email', true, 'Address the order confirmation was sent to.'],
      ['Checkout › Order Completed', 'currency', true, 'ISO 4217 currency of every money field of the order.'],
      ['Checkout › Order Completed', 'payment_method', true, 'Payment method the order was paid with.'],
      ['Checkout › Order Refunded', 'currency', true, 'ISO 4217 currency of `amount`.'],
      ['Landing Page › Newsletter Subscribed', 'email', true, 'E-mail address that was subscribed.'],
      ['Onboarding › Signed Up', 'user_id', true, 'ID of the new account.'],
      ['Onboarding › Signed Up', 'email', true, 'E-mail address the account was created with.'],
      ['Onboarding › Email Verified', 'user_id', true, 'ID of the account that was verified.'],
      ['Product Catalog › Product Clicked', 'product_id', true, 'Catalog ID of the product.'],
      ['Product Catalog › Product Viewed', 'product_id', true, 'Catalog ID of the product.'],
      ['Product Catalog › Product Viewed', 'currency', true, 'ISO 4217 currency of `price`.'],
      ['Product Catalog › Product Added', 'cart_id', true, 'ID of the cart.'],
      ['Product Catalog › Product Added', 'product_id', true, 'Catalog ID of the product.'],
      ['Product Catalog › Product Added', 'currency', true, 'ISO 4217 currency of `price`.'],
      ['Product Catalog › Product Removed', 'cart_id', true, 'ID of the cart.'],
      ['Product Catalog › Product Removed', 'product_id', true, 'Catalog ID of the product.'],
      ['Product Catalog › Product Added to Wishlist', 'product_id', true, 'Catalog ID of the product.'],
      ['Search › Search Result Clicked', 'product_id', true, 'Catalog ID of the clicked product.'],
    ]);
    const definitions: Record<string, { type: string; enum?: string[]; pii?: boolean }> = {
      currency: { type: 'enum', enum: ['USD', 'EUR', 'GBP', 'CAD', 'AUD'] },
      user_id: { type: 'string' },
      email: { type: 'string', pii: true },
      membership_id: { type: 'string' },
      product_id: { type: 'string' },
      cart_id: { type: 'string' },
      checkout_id: { type: 'string' },
      payment_method: { type: 'enum', enum: ['card', 'paypal', 'apple_pay', 'google_pay', 'klarna', 'gift_card'] },
    };
    for (const p of uses)
      expect({ type: p.type, enum: p.enum, pii: p.pii }, `${p.event} › ${p.title}`).toEqual({
        enum: undefined,
        pii: undefined,
        ...definitions[p.title],
      });
    // The rest is written out in the files: 6 categories, 33 events, 162 properties in all.
    const events = result.plan.categories.flatMap((c) => c.events);
    expect([result.plan.categories.length, events.length, events.flatMap((e) => e.properties).length]).toEqual([6, 33, 162]);
  });

  it('names people, teams and tags that the emulator’s seeded directories resolve, each to one ID', async () => {
    const result = await readTrackingPlan('tracking-plan.example');
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const seeded = seededDirectories();
    const directories = Object.fromEntries(
      DIRECTORY_KINDS.map((kind) => [kind, seeded[kind].map((entry) => toEntry(kind, entry, 'seed'))]),
    );
    const resolved = resolvePlanReferences(result.plan, directories);
    expect(resolved.findings).toEqual([]);
    const written = JSON.stringify(result.plan);
    const sent = JSON.stringify(resolved.plan);
    expect(written).toContain('@acme.com');
    expect(sent).not.toContain('@acme.com');
  });
});
