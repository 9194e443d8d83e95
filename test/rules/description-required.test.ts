import { describe } from 'vitest';
import { events, ruleTable } from './rule-table.js';

const RULE = 'description-required: { level: error }';

describe('description-required', () => {
  ruleTable([
    {
      name: 'events and properties with descriptions pass',
      rule: RULE,
      body: events(
        '      - title: E\n        description: Something happened.\n        properties:\n          - title: p\n            description: A value.\n',
      ),
      expect: [],
    },
    {
      name: 'an event without one, at the event; a property without one, at the property',
      rule: RULE,
      body: events('      - title: E\n        properties:\n          - title: p\n            type: string\n'),
      expect: [
        { line: 8, column: 9, rule: 'description-required', message: 'event "E" of category "Checkout" has no description' },
        { line: 10, column: 13, rule: 'description-required', message: 'property "p" of event "E" has no description' },
      ],
    },
    {
      name: 'an empty or blank description, at the description',
      rule: RULE,
      body: events('      - title: E\n        description: ""\n        properties:\n          - title: p\n            description: "  "\n'),
      expect: [
        { line: 9, column: 22, rule: 'description-required', message: 'has an empty description' },
        { line: 12, column: 26, rule: 'description-required', message: 'has an empty description' },
      ],
    },
    {
      name: 'a use takes the definition’s description; a definition without one is reported once, where it is written',
      rule: RULE,
      body: `properties:\n  - title: currency\n    type: string\n${events(
        '      - title: E\n        description: x\n        properties:\n          - use: currency\n      - title: F\n        description: y\n        properties:\n          - use: currency\n            description: Currency of F.\n',
      )}`,
      expect: [{ line: 6, column: 5, rule: 'description-required', message: 'shared property "currency" has no description' }],
    },
    {
      name: 'a use that blanks the definition’s description, at the override',
      rule: RULE,
      body: `properties:\n  - title: currency\n    description: ISO 4217.\n${events('      - title: E\n        description: x\n        properties:\n          - use: currency\n            description: ""\n')}`,
      expect: [
        { line: 15, column: 26, rule: 'description-required', message: 'property "currency" of event "E" has an empty description' },
      ],
    },
    {
      name: 'warning by default',
      rule: 'description-required: {}',
      body: events('      - title: E\n'),
      expect: [{ line: 8, column: 9, rule: 'description-required', level: 'warning' }],
    },
  ]);
});
