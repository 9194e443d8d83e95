import { describe } from 'vitest';
import { events, ruleTable } from './rule-table.js';

const event = (title: string) => events(`      - title: ${title}\n`);

describe('event-title-style', () => {
  ruleTable([
    {
      name: 'Title Case passes',
      rule: 'event-title-style: { level: error, style: title-case }',
      body: event('Order Completed'),
      expect: [],
    },
    {
      name: 'lower case is not Title Case; the violation is at the title',
      rule: 'event-title-style: { level: error, style: title-case }',
      body: event('order completed'),
      expect: [
        {
          line: 8,
          column: 16,
          rule: 'event-title-style',
          message: 'event "order completed" of category "Checkout" is not written in Title Case',
        },
      ],
    },
    {
      name: 'Title Case keeps short words lower case after the first ("Product Added to Wishlist") and acronyms',
      rule: 'event-title-style: { style: title-case }',
      body: events('      - title: Product Added to Wishlist\n      - title: CTA Clicked\n      - title: Step 2 Completed\n'),
      expect: [],
    },
    {
      name: 'Title Case needs single spaces',
      rule: 'event-title-style: { style: title-case }',
      body: event('Order  Completed'),
      expect: [{ line: 8, column: 16, rule: 'event-title-style' }],
    },
    {
      name: 'sentence case',
      rule: 'event-title-style: { style: sentence-case }',
      body: events('      - title: Order completed\n      - title: Order Refunded\n      - title: Signed in with SSO\n'),
      expect: [{ line: 9, column: 16, rule: 'event-title-style', message: 'not written in Sentence case' }],
    },
    {
      name: 'snake_case',
      rule: 'event-title-style: { style: snake_case }',
      body: events('      - title: order_completed\n      - title: orderCompleted\n      - title: order__completed\n'),
      expect: [
        { line: 9, column: 16, rule: 'event-title-style' },
        { line: 10, column: 16, rule: 'event-title-style' },
      ],
    },
    {
      name: 'camelCase',
      rule: 'event-title-style: { style: camelCase }',
      body: events('      - title: orderCompleted\n      - title: OrderRefunded\n'),
      expect: [{ line: 9, column: 16, rule: 'event-title-style' }],
    },
    {
      name: 'kebab-case',
      rule: 'event-title-style: { style: kebab-case }',
      body: events('      - title: order-completed\n      - title: order_completed\n'),
      expect: [{ line: 9, column: 16, rule: 'event-title-style' }],
    },
    {
      name: 'a rule listed without a style checks the default (Title Case), at its default level (error)',
      rule: 'event-title-style: {}',
      body: event('order completed'),
      expect: [{ line: 8, column: 16, rule: 'event-title-style' }],
    },
    {
      name: 'level warning',
      rule: 'event-title-style: { level: warning }',
      body: event('order completed'),
      expect: [{ line: 8, column: 16, rule: 'event-title-style', level: 'warning' }],
    },
    { name: 'level off', rule: 'event-title-style: { level: off }', body: event('order completed'), expect: [] },
    {
      name: 'a quoted title is located at its quote',
      rule: 'event-title-style: {}',
      body: event('"order completed"'),
      expect: [{ line: 8, column: 16, rule: 'event-title-style' }],
    },
  ]);
});
