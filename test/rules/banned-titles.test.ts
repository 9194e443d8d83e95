import { describe } from 'vitest';
import { events, ruleTable } from './rule-table.js';

describe('banned-titles', () => {
  ruleTable([
    {
      name: 'banned titles, ignoring case, on events and properties',
      rule: 'banned-titles: { level: error, titles: [test, tmp] }',
      body: events('      - title: Test\n        properties:\n          - title: TMP\n          - title: testing\n'),
      expect: [
        { line: 8, column: 16, rule: 'banned-titles', message: 'event "Test" of category "Checkout" has a banned title' },
        { line: 10, column: 20, rule: 'banned-titles', message: 'property "TMP" of event "Test"' },
      ],
    },
    {
      name: 'other titles pass',
      rule: 'banned-titles: { titles: [test] }',
      body: events('      - title: Test Drive Booked\n'),
      expect: [],
    },
  ]);
});
