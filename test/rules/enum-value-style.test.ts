import { describe } from 'vitest';
import { events, ruleTable } from './rule-table.js';

const enumProperty = (values: string) =>
  events(`      - title: E\n        properties:\n          - title: method\n            type: enum\n            enum: ${values}\n`);

describe('enum-value-style', () => {
  ruleTable([
    {
      name: 'snake_case values pass',
      rule: 'enum-value-style: { style: snake_case }',
      body: enumProperty('[apple_pay, card]'),
      expect: [],
    },
    {
      name: 'each value not in the style, at the value, as a warning by default',
      rule: 'enum-value-style: {}',
      body: enumProperty('[ApplePay, card, gift-card]'),
      expect: [
        {
          line: 12,
          column: 20,
          rule: 'enum-value-style',
          level: 'warning',
          message: 'enum value "ApplePay" of property "method" of event "E"',
        },
        { line: 12, column: 36, rule: 'enum-value-style', level: 'warning', message: '"gift-card"' },
      ],
    },
    {
      name: 'values in a block list',
      rule: 'enum-value-style: { level: error, style: kebab-case }',
      body: enumProperty('\n              - gift-card\n              - Gift Card'),
      expect: [{ line: 14, column: 17, rule: 'enum-value-style' }],
    },
    {
      name: 'numbers and booleans have no style to follow',
      rule: 'enum-value-style: { level: error, style: snake_case }',
      body: enumProperty('[1, 2.50, true]'),
      expect: [],
    },
    {
      name: 'a shared definition’s values, once',
      rule: 'enum-value-style: { level: error, style: snake_case }',
      body: `properties:\n  - title: currency\n    type: enum\n    enum: [USD, eur]\n${events('      - title: E\n        properties:\n          - use: currency\n')}`,
      expect: [{ line: 8, column: 12, rule: 'enum-value-style', message: 'of shared property "currency"' }],
    },
    { name: 'level off', rule: 'enum-value-style: { level: off }', body: enumProperty('[ApplePay]'), expect: [] },
  ]);
});
