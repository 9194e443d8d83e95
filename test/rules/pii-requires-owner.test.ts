import { describe } from 'vitest';
import { events, ruleTable } from './rule-table.js';

const RULE = 'pii-requires-owner: { level: error }';
const OWNER = '33733f42-8ff7-460b-9e20-50a2133d3bb0';

describe('pii-requires-owner', () => {
  ruleTable([
    {
      name: 'personal data with owners, or with owner groups, passes; pii: false needs none',
      rule: RULE,
      body: events(
        `      - title: E\n        pii: true\n        owners: [${OWNER}]\n        properties:\n          - title: email\n            pii: true\n            owners_groups: [${OWNER}]\n          - title: x\n            pii: false\n`,
      ),
      expect: [],
    },
    {
      name: 'pii: true without owners, where the event or property starts, on events and properties alike',
      rule: RULE,
      body: events(
        '      - title: E\n        pii: true\n        properties:\n          - title: email\n            pii: true\n            owners: []\n',
      ),
      expect: [
        {
          line: 8,
          column: 9,
          rule: 'pii-requires-owner',
          message: 'event "E" of category "Checkout" holds personal data (pii: true) but has no owners',
        },
        { line: 11, column: 13, rule: 'pii-requires-owner', message: 'property "email" of event "E"' },
      ],
    },
    {
      name: 'a shared definition without owners is reported once, where it is written',
      rule: RULE,
      body: `properties:\n  - title: email\n    pii: true\n${events('      - title: E\n        properties:\n          - use: email\n      - title: F\n        properties:\n          - use: email\n')}`,
      expect: [{ line: 6, column: 5, rule: 'pii-requires-owner', message: 'shared property "email"' }],
    },
    {
      name: 'a use that marks the definition pii, or takes its owners away, at the use',
      rule: RULE,
      body: `properties:\n  - title: email\n    owners: [${OWNER}]\n    pii: true\n  - title: phone\n${events(
        '      - title: E\n        properties:\n          - use: email\n            owners: []\n          - use: phone\n            pii: true\n',
      )}`,
      expect: [
        { line: 15, column: 13, rule: 'pii-requires-owner', message: 'property "email" of event "E"' },
        { line: 17, column: 13, rule: 'pii-requires-owner', message: 'property "phone" of event "E"' },
      ],
    },
    {
      name: 'a use that gives the definition owners passes',
      rule: RULE,
      body: `properties:\n  - title: email\n    pii: true\n    owners: [${OWNER}]\n${events(`      - title: E\n        properties:\n          - use: email\n            owners: [${OWNER}]\n`)}`,
      expect: [],
    },
  ]);
});
