import { describe } from 'vitest';
import { events, ruleTable } from './rule-table.js';

describe('required-properties', () => {
  ruleTable([
    {
      name: 'every event carries them, written out or through use',
      rule: 'required-properties: { level: error, properties: [platform] }',
      body: `properties:\n  - title: platform\n    type: string\n${events(
        '      - title: E\n        properties:\n          - use: platform\n      - title: F\n        properties:\n          - title: platform\n',
      )}`,
      expect: [],
    },
    {
      name: 'an event without them, at the event, naming what is missing',
      rule: 'required-properties: { level: error, properties: [platform, user_id] }',
      body: events('      - title: E\n        properties:\n          - title: user_id\n      - title: F\n'),
      expect: [
        {
          line: 8,
          column: 9,
          rule: 'required-properties',
          message: 'event "E" of category "Checkout" does not carry the required property "platform"',
        },
        { line: 11, column: 9, rule: 'required-properties', message: 'the required properties "platform" and "user_id"' },
      ],
    },
    {
      name: 'titles compare exactly (Platform is not platform)',
      rule: 'required-properties: { properties: [platform] }',
      body: events('      - title: E\n        properties:\n          - title: Platform\n'),
      expect: [{ line: 8, column: 9, rule: 'required-properties' }],
    },
    {
      name: 'warning level',
      rule: 'required-properties: { level: warning, properties: [platform] }',
      body: events('      - title: E\n'),
      expect: [{ line: 8, column: 9, rule: 'required-properties', level: 'warning' }],
    },
  ]);
});
