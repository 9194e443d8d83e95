/**
 * Additions: a new category, event or property, and what it means to the apps that send events.
 * One table per check: (before YAML, after YAML, remote) → the verdict on every operation.
 */
import { describe } from 'vitest';
import { ADDITION_CHECKS } from '../../src/compatibility/addition-checks.js';
import { checkTable, checkout, orderId } from './compat-fixtures.js';

describe('addition-checks', () => {
  checkTable(ADDITION_CHECKS, {
    'category-added': [
      {
        name: 'a new category with an event',
        before: checkout(orderId),
        after: `${checkout(orderId).slice(0, -1)}, { title: Onboarding, events: [{ title: Signed Up }] }]`,
        expected: ['create category Onboarding: safe (category-added safe)', 'create event Onboarding/Signed Up: safe (event-added safe)'],
      },
    ],
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
  });
});
