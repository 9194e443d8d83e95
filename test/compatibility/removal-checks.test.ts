/**
 * Removals of events and properties (their deprecation lifecycle is in deprecation.test.ts).
 * One table per check: (before YAML, after YAML, remote) → the verdict on every operation.
 */
import { describe } from 'vitest';
import { REMOVAL_CHECKS } from '../../src/compatibility/removal-checks.js';
import { event } from '../support/remote-fixtures.js';
import { checkTable, checkout, orderId } from './compat-fixtures.js';

describe('removal-checks', () => {
  checkTable(REMOVAL_CHECKS, {
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
    'property-removed': [
      {
        name: 'a property leaves its event',
        before: checkout(`${orderId}, { title: coupon, type: string }`),
        after: checkout(orderId),
        expected: ['delete property Checkout/Order Completed/coupon: breaking (property-removed breaking)'],
      },
    ],
  });
});
