/**
 * Properties that only follow their event: created, deleted or re-created with it.
 * One table per check: (before YAML, after YAML, remote) → the verdict on every operation.
 */
import { describe } from 'vitest';
import { WITH_EVENT_CHECKS } from '../../src/compatibility/with-event-checks.js';
import { checkTable, checkout, orderId } from './compat-fixtures.js';

describe('with-event-checks', () => {
  checkTable(WITH_EVENT_CHECKS, {
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
  });
});
