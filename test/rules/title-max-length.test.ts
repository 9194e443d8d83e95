import { describe } from 'vitest';
import { events, ruleTable } from './rule-table.js';

describe('title-max-length', () => {
  ruleTable([
    {
      name: 'titles over the limit, at the title, counting characters (not bytes)',
      rule: 'title-max-length: { level: error, max: 10 }',
      body: events('      - title: Order Completed\n        properties:\n          - title: ééééééééééé\n          - title: éééééééééé\n'),
      expect: [
        { line: 8, column: 16, rule: 'title-max-length', message: 'has a 15-character title; the limit is 10' },
        { line: 10, column: 20, rule: 'title-max-length', message: 'has a 11-character title' },
      ],
    },
    { name: 'at the limit passes', rule: 'title-max-length: { max: 15 }', body: events('      - title: Order Completed\n'), expect: [] },
  ]);
});
