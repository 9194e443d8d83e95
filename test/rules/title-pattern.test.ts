import { describe, expect, it } from 'vitest';
import { events, file, issuesOf, planText, ruleTable } from './rule-table.js';

describe('title-pattern', () => {
  ruleTable([
    {
      name: 'titles that match pass',
      rule: `title-pattern: { event: '^[A-Z][A-Za-z ]+$', property: '^[a-z][a-z0-9_]*$' }`,
      body: events('      - title: Order Completed\n        properties:\n          - title: order_id\n'),
      expect: [],
    },
    {
      name: 'event and property titles that do not match, at the title',
      rule: `title-pattern: { event: '^[A-Z][A-Za-z ]+$', property: '^[a-z][a-z0-9_]*$' }`,
      body: events('      - title: Order Completed 2\n        properties:\n          - title: 2nd_item\n'),
      expect: [
        { line: 8, column: 16, rule: 'title-pattern', message: 'does not match the event title pattern /^[A-Z][A-Za-z ]+$/' },
        { line: 10, column: 20, rule: 'title-pattern', message: 'does not match the property title pattern' },
      ],
    },
    {
      name: 'RE2 syntax: flags inside the pattern, code points as \\x{…}',
      rule: String.raw`title-pattern: { event: '(?i)^order ', property: '^\x{E9}t\x{E9}_[a-z]+$' }`,
      body: events('      - title: ORDER Placed\n        properties:\n          - title: été_start\n'),
      expect: [],
    },
    {
      name: 'only the patterns given are checked; Unicode classes work',
      rule: String.raw`title-pattern: { event: '^\p{Lu}' }`,
      body: events('      - title: Événement Créé\n        properties:\n          - title: Anything Goes\n'),
      expect: [],
    },
  ]);

  it('an invalid regular expression is an error under rules:, and the rule does not run', () => {
    const issues = issuesOf([file('plan.yaml', planText(`title-pattern: { event: '^[A-Z' }`, events('      - title: x\n')))]);
    expect(issues).toMatchObject([
      { line: 4, column: 27, code: 'rule-config', message: expect.stringContaining('not a valid regular expression') },
    ]);
    expect(issues[0]?.rule).toBeUndefined();
  });

  it.each([
    [String.raw`'^(?=.*[A-Z])[A-Za-z ]+$'`, 'the event title pattern uses a lookahead (`(?=…)`)', 'without looking ahead or behind'],
    [String.raw`'^(\w)\1'`, 'the event title pattern uses a backreference (`\\1`)', 'without referring back to a group'],
    [String.raw`'^\u00C9'`, 'the event title pattern writes a character as `\\u…`', '`\\x{00E9}`'],
  ])(
    'a pattern the linear-time engine cannot run (%s) is refused at the pattern, with a hint, and the rule does not run',
    (pattern, message, hint) => {
      const issues = issuesOf([file('plan.yaml', planText(`title-pattern: { event: ${pattern} }`, events('      - title: x\n')))]);
      expect(issues).toEqual([
        expect.objectContaining({ line: 4, column: 27, code: 'rule-config', message: expect.stringContaining(message) }),
      ]);
      expect(issues[0]?.hint).toContain(hint);
      expect(issues[0]?.rule).toBeUndefined();
    },
  );
});
