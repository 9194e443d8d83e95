/**
 * One table per check id: (before YAML, after YAML, remote) → the verdict on every operation.
 * The before YAML is what was applied (and the baseline); the remote is what it left in
 * Secoda, edited where a case says so.
 */
import { describe, expect, it } from 'vitest';
import { CHECK_IDS, type CheckId } from '../../src/compatibility/check-registry.js';
import { event, property } from '../support/remote-fixtures.js';
import { classified, verdicts, type Scenario } from './compat-fixtures.js';

/** The Checkout category with one event, `Order Completed`, and the given properties (flow YAML). */
const checkout = (properties: string, eventFields = '') =>
  `categories: [{ title: Checkout, events: [{ title: Order Completed${eventFields}, properties: [${properties}] }] }]`;
const orderId = '{ title: order_id, type: string, required: true }';
const payment = (values: string) => `{ title: payment_method, type: enum, enum: [${values}] }`;

interface Case extends Scenario {
  readonly name: string;
  readonly expected: readonly string[];
}

const TABLE: Record<CheckId, readonly Case[]> = {
  'event-added': [
    {
      name: 'a new event, with a required property',
      before: checkout(orderId),
      after: `categories: [{ title: Checkout, events: [{ title: Order Completed, properties: [${orderId}] }, { title: Checkout Started, properties: [{ title: step, type: integer, required: true }] }] }]`,
      expected: [
        'create event Checkout/Checkout Started: safe (event-added safe)',
        'create property Checkout/Checkout Started/step: safe (property-added-with-event safe)',
      ],
    },
  ],
  'event-removed': [
    {
      name: 'an event leaves the plan, its properties with it',
      before: `categories: [{ title: Checkout, events: [{ title: Order Completed, properties: [${orderId}] }, { title: Cart Viewed, properties: [{ title: cart_id }] }] }]`,
      after: checkout(orderId),
      expected: [
        'delete property Checkout/Cart Viewed/cart_id: safe (property-removed-with-event safe)',
        'delete event Checkout/Cart Viewed: breaking (event-removed breaking)',
      ],
    },
    {
      name: 'an event added in Secoda is removed again: classified, labelled drift',
      before: checkout(orderId),
      after: checkout(orderId),
      remote: (remote) => remote.events.push(event('e:ui', 'c:Checkout', 'Added In The UI')),
      expected: ['delete event Checkout/Added In The UI: breaking (event-removed breaking) drift'],
    },
  ],
  'event-moved': [
    {
      name: 'an event moves category: it and its properties are re-created, unchanged',
      before: `categories: [{ title: Legacy, events: [{ title: Promo Viewed, properties: [{ title: promo_id, type: string }] }] }, { title: Marketing }]`,
      after: `categories: [{ title: Legacy }, { title: Marketing, events: [{ title: Promo Viewed, properties: [{ title: promo_id, type: string }] }] }]`,
      expected: [
        'delete property Legacy/Promo Viewed/promo_id: safe (property-recreated safe)',
        'replace event Marketing/Promo Viewed: warning (event-moved warning)',
        'create property Marketing/Promo Viewed/promo_id: safe (property-recreated safe)',
      ],
    },
    {
      name: 'an event moves while its properties change: each change is classified as usual',
      before: `categories: [{ title: Legacy, events: [{ title: Promo Viewed, properties: [{ title: promo_id, type: string }, { title: old_prop }, { title: channel, type: enum, enum: [web, app] }] }] }, { title: Marketing }]`,
      after: `categories: [{ title: Legacy }, { title: Marketing, events: [{ title: Promo Viewed, description: Moved., properties: [{ title: promo_id, type: integer }, { title: channel, type: enum, enum: [web, app, tv] }, { title: new_prop }] }] }]`,
      expected: [
        'delete property Legacy/Promo Viewed/channel: safe (property-recreated safe)',
        'delete property Legacy/Promo Viewed/old_prop: breaking (property-removed breaking)',
        'delete property Legacy/Promo Viewed/promo_id: safe (property-recreated safe)',
        'replace event Marketing/Promo Viewed: warning (event-moved warning, metadata-changed safe)',
        'create property Marketing/Promo Viewed/promo_id: breaking (property-type-changed breaking)',
        'create property Marketing/Promo Viewed/channel: safe (enum-value-added safe)',
        'create property Marketing/Promo Viewed/new_prop: safe (property-added-optional safe)',
      ],
    },
  ],
  'property-added-optional': [
    {
      name: 'an optional property, and one that does not say',
      before: checkout(orderId),
      after: checkout(`${orderId}, { title: coupon, type: string, required: false }, { title: note }`),
      expected: [
        'create property Checkout/Order Completed/coupon: safe (property-added-optional safe)',
        'create property Checkout/Order Completed/note: safe (property-added-optional safe)',
      ],
    },
  ],
  'property-added-required': [
    {
      name: 'a required property on an event that apps already send',
      before: checkout(orderId),
      after: checkout(`${orderId}, { title: currency, type: string, required: true }`),
      expected: ['create property Checkout/Order Completed/currency: breaking (property-added-required breaking)'],
    },
  ],
  'property-removed': [
    {
      name: 'a property leaves its event',
      before: checkout(`${orderId}, { title: coupon, type: string }`),
      after: checkout(orderId),
      expected: ['delete property Checkout/Order Completed/coupon: breaking (property-removed breaking)'],
    },
  ],
  'property-became-required': [
    {
      name: 'optional to required',
      before: checkout('{ title: coupon, type: string, required: false }'),
      after: checkout('{ title: coupon, type: string, required: true }'),
      expected: ['replace property Checkout/Order Completed/coupon: breaking (property-became-required breaking)'],
    },
  ],
  'property-became-optional': [
    {
      name: 'required to optional',
      before: checkout(orderId),
      after: checkout('{ title: order_id, type: string, required: false }'),
      expected: ['replace property Checkout/Order Completed/order_id: warning (property-became-optional warning)'],
    },
  ],
  'property-type-changed': [
    {
      name: 'string to integer',
      before: checkout(orderId),
      after: checkout('{ title: order_id, type: integer, required: true }'),
      expected: ['replace property Checkout/Order Completed/order_id: breaking (property-type-changed breaking)'],
    },
    {
      name: 'string to enum: the values are part of the type change',
      before: checkout('{ title: tier, type: string }'),
      after: checkout('{ title: tier, type: enum, enum: [gold, silver] }'),
      expected: ['replace property Checkout/Order Completed/tier: breaking (property-type-changed breaking)'],
    },
    {
      name: 'a type set where Secoda had none',
      before: checkout('{ title: tier }'),
      after: checkout('{ title: tier, type: string }'),
      expected: ['replace property Checkout/Order Completed/tier: breaking (property-type-changed breaking)'],
    },
  ],
  'enum-value-removed': [
    {
      name: 'a value leaves the enum',
      before: checkout(payment('card, klarna')),
      after: checkout(payment('card')),
      expected: ['replace property Checkout/Order Completed/payment_method: breaking (enum-value-removed breaking)'],
    },
    {
      name: 'one value swapped for another',
      before: checkout(payment('card, klarna')),
      after: checkout(payment('card, apple_pay')),
      expected: ['replace property Checkout/Order Completed/payment_method: breaking (enum-value-removed breaking, enum-value-added safe)'],
    },
  ],
  'enum-value-added': [
    {
      name: 'a value joins the enum',
      before: checkout(payment('card')),
      after: checkout(payment('card, apple_pay')),
      expected: ['replace property Checkout/Order Completed/payment_method: safe (enum-value-added safe)'],
    },
  ],
  'pii-changed': [
    {
      name: 'a property and an event become personal data',
      before: checkout('{ title: email, type: string, pii: false }', ', pii: false'),
      after: checkout('{ title: email, type: string, pii: true }', ', pii: true'),
      expected: [
        'update event Checkout/Order Completed: warning (pii-changed warning)',
        'update property Checkout/Order Completed/email: warning (pii-changed warning)',
      ],
    },
    {
      name: 'no longer personal data',
      before: checkout('{ title: email, type: string, pii: true }'),
      after: checkout('{ title: email, type: string, pii: false }'),
      expected: ['update property Checkout/Order Completed/email: warning (pii-changed warning)'],
    },
  ],
  'metadata-changed': [
    {
      name: 'descriptions, definitions, flags and ID lists',
      before: checkout(`${orderId}`, ', description: Old.'),
      after: checkout(
        '{ title: order_id, type: string, required: true, description: The order., verified: true, tags: [t1] }',
        ', description: New., definition: Fired once., published: true, owners: [u1]',
      ),
      expected: [
        'update event Checkout/Order Completed: safe (metadata-changed safe)',
        'update property Checkout/Order Completed/order_id: safe (metadata-changed safe)',
      ],
    },
    {
      name: 'owners_groups re-creates the event: its properties come back unchanged',
      before: checkout(orderId, ', owners_groups: [g1]'),
      after: checkout(orderId, ', owners_groups: [g2]'),
      expected: [
        'delete property Checkout/Order Completed/order_id: safe (property-recreated safe)',
        'replace event Checkout/Order Completed: safe (metadata-changed safe)',
        'create property Checkout/Order Completed/order_id: safe (property-recreated safe)',
      ],
    },
    {
      name: '`required: false` and `pii: false` stated where Secoda had nothing',
      before: checkout('{ title: coupon, type: string }'),
      after: checkout('{ title: coupon, type: string, required: false, pii: false }'),
      expected: ['replace property Checkout/Order Completed/coupon: safe (metadata-changed safe)'],
    },
  ],
  'duplicate-removed': [
    {
      name: 'extra copies of an event and of a property',
      before: checkout(orderId),
      after: checkout(orderId),
      remote: (remote) => {
        remote.events.push(event('e:copy', 'c:Checkout', 'Order Completed'));
        remote.properties.push(property('p:copy-prop', 'e:copy', 'order_id'));
        remote.properties.push(property('p:copy', 'e:Checkout/Order Completed', 'order_id', { type: 'string', is_required: true }));
      },
      expected: [
        'delete property Checkout/Order Completed/order_id: safe (duplicate-removed safe) drift',
        'delete property Checkout/Order Completed/order_id: safe (property-removed-with-event safe) drift',
        'delete event Checkout/Order Completed: safe (duplicate-removed safe) drift',
      ],
    },
  ],
  'category-added': [
    {
      name: 'a new category with an event',
      before: checkout(orderId),
      after: `${checkout(orderId).slice(0, -1)}, { title: Onboarding, events: [{ title: Signed Up }] }]`,
      expected: ['create category Onboarding: safe (category-added safe)', 'create event Onboarding/Signed Up: safe (event-added safe)'],
    },
  ],
  'property-added-with-event': [
    {
      name: 'the properties of a new event, required or not',
      before: 'categories: [{ title: Checkout }]',
      after: checkout(`${orderId}, { title: coupon }`),
      expected: [
        'create event Checkout/Order Completed: safe (event-added safe)',
        'create property Checkout/Order Completed/order_id: safe (property-added-with-event safe)',
        'create property Checkout/Order Completed/coupon: safe (property-added-with-event safe)',
      ],
    },
  ],
  'property-removed-with-event': [
    {
      name: 'the properties of a removed event',
      before: checkout(`${orderId}, { title: coupon }`),
      after: 'categories: [{ title: Checkout }]',
      expected: [
        'delete property Checkout/Order Completed/coupon: safe (property-removed-with-event safe)',
        'delete property Checkout/Order Completed/order_id: safe (property-removed-with-event safe)',
        'delete event Checkout/Order Completed: breaking (event-removed breaking)',
      ],
    },
  ],
  'property-recreated': [
    {
      name: 'an event moved to a new category, its properties as they were',
      before: `categories: [{ title: Legacy, events: [{ title: Promo Viewed, properties: [{ title: promo_id, type: string, required: true, description: The promo. }] }] }]`,
      after: `categories: [{ title: Legacy }, { title: Marketing, events: [{ title: Promo Viewed, properties: [{ title: promo_id, type: string, required: true }] }] }]`,
      expected: [
        'create category Marketing: safe (category-added safe)',
        'delete property Legacy/Promo Viewed/promo_id: safe (property-recreated safe)',
        'replace event Marketing/Promo Viewed: warning (event-moved warning)',
        'create property Marketing/Promo Viewed/promo_id: safe (property-recreated safe)',
      ],
    },
  ],
};

describe.each(Object.entries(TABLE))('%s', (_check, cases) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, scenario) => {
    expect(verdicts(classified(scenario))).toEqual(scenario.expected);
  });
});

describe('the check table', () => {
  it('has a case for every check in the registry, where that check is found', () => {
    for (const id of CHECK_IDS) {
      const cases = TABLE[id];
      expect(cases.length, id).toBeGreaterThan(0);
      expect(
        cases.some((c) => c.expected.some((line) => line.includes(`${id} `))),
        `no case of ${id} expects it`,
      ).toBe(true);
    }
  });
});
