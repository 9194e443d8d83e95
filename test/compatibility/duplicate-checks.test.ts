/**
 * Surplus copies in Secoda, deleted.
 * One table per check: (before YAML, after YAML, remote) → the verdict on every operation.
 */
import { describe } from 'vitest';
import { DUPLICATE_CHECKS } from '../../src/compatibility/duplicate-checks.js';
import { event, property } from '../support/remote-fixtures.js';
import { checkTable, checkout, orderId } from './compat-fixtures.js';

describe('duplicate-checks', () => {
  checkTable(DUPLICATE_CHECKS, {
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
  });
});
