import { describe } from 'vitest';
import { events, ruleTable } from './rule-table.js';

const property = (title: string) =>
  events(`      - title: E\n        properties:\n          - title: ${title}\n            type: string\n`);

describe('property-title-style', () => {
  ruleTable([
    { name: 'snake_case passes', rule: 'property-title-style: { style: snake_case }', body: property('order_id'), expect: [] },
    {
      name: 'camelCase is not snake_case; the violation is at the title',
      rule: 'property-title-style: { level: error, style: snake_case }',
      body: property('orderId'),
      expect: [
        { line: 10, column: 20, rule: 'property-title-style', message: 'property "orderId" of event "E" is not written in snake_case' },
      ],
    },
    {
      name: 'the default style is snake_case',
      rule: 'property-title-style: {}',
      body: property('Order ID'),
      expect: [{ line: 10, column: 20, rule: 'property-title-style' }],
    },
    { name: 'camelCase', rule: 'property-title-style: { style: camelCase }', body: property('orderId'), expect: [] },
    { name: 'kebab-case', rule: 'property-title-style: { style: kebab-case }', body: property('order-id'), expect: [] },
    {
      name: 'a shared definition is checked once, where it is written, and not at its uses',
      rule: 'property-title-style: { style: snake_case }',
      body: `properties:\n  - title: orderId\n    type: string\n${events('      - title: E\n        properties:\n          - use: orderId\n      - title: F\n        properties:\n          - use: orderId\n')}`,
      expect: [{ line: 6, column: 12, rule: 'property-title-style', message: 'shared property "orderId"' }],
    },
    {
      name: 'level warning',
      rule: 'property-title-style: { level: warning, style: snake_case }',
      body: property('orderId'),
      expect: [{ line: 10, column: 20, rule: 'property-title-style', level: 'warning' }],
    },
  ]);
});
