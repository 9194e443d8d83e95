// Broken plans: each gives one clear issue at its line and column, with a code and a hint.
import { describe, expect, it } from 'vitest';
import { HEADER, INTEGRATION, issuesOf } from './load-plan-input.js';

/** Each row: a broken plan, and the issue it must produce (position, code, a fragment naming the culprit). */
const broken: { name: string; text: string; line: number; column: number; code: string; message: string; hint?: string }[] = [
  {
    name: 'misspelt key with a did-you-mean',
    text: `${HEADER}categories:\n  - title: A\n    events:\n      - title: E\n        properties:\n          - title: p\n            requird: true\n`,
    line: 9,
    column: 13,
    code: 'unknown-key',
    message: 'unknown key "requird"',
    hint: 'did you mean "required"?',
  },
  {
    name: "the API's is_required on a property",
    text: `${HEADER}categories:\n  - title: A\n    events:\n      - title: E\n        properties:\n          - title: p\n            is_required: true\n`,
    line: 9,
    column: 13,
    code: 'unknown-key',
    message: '"is_required"',
    hint: 'required: true',
  },
  {
    name: 'unknown property type lists the allowed ones',
    text: `${HEADER}categories:\n  - title: A\n    events:\n      - title: E\n        properties:\n          - title: p\n            type: str\n`,
    line: 9,
    column: 19,
    code: 'unknown-value',
    message: '"str"',
    hint: 'did you mean "string"? allowed: string, enum, integer, number, boolean, object, array, date, datetime',
  },
  {
    name: 'a quoted boolean',
    text: `${HEADER}categories:\n  - title: A\n    events:\n      - title: E\n        pii: "false"\n`,
    line: 7,
    column: 14,
    code: 'wrong-type',
    message: '"pii" must be true or false, not "false"',
    hint: 'without quotes',
  },
  {
    name: 'enum type without values',
    text: `${HEADER}categories:\n  - title: A\n    events:\n      - title: E\n        properties:\n          - title: color\n            type: enum\n`,
    line: 9,
    column: 19,
    code: 'enum-missing',
    message: 'property "color" of event "E" has type "enum" but no "enum" list',
  },
  {
    name: 'enum values on an object property',
    text: `${HEADER}categories:\n  - title: A\n    events:\n      - title: E\n        properties:\n          - title: color\n            type: object\n            enum: [red]\n`,
    line: 10,
    column: 13,
    code: 'enum-not-allowed',
    message: 'type "object"',
  },
  {
    name: 'enum value with a comma',
    text: `${HEADER}categories:\n  - title: A\n    events:\n      - title: E\n        properties:\n          - title: size\n            type: enum\n            enum: [small, "large, extra"]\n`,
    line: 10,
    column: 27,
    code: 'enum-comma',
    message: '"large, extra"',
  },
  {
    name: 'repeated enum value',
    text: `${HEADER}categories:\n  - title: A\n    events:\n      - title: E\n        properties:\n          - title: size\n            type: enum\n            enum:\n              - small\n              - large\n              - small\n`,
    line: 13,
    column: 17,
    code: 'enum-duplicate',
    message: '"small" is listed twice',
  },
  {
    name: 'empty enum list',
    text: `${HEADER}categories:\n  - title: A\n    events:\n      - title: E\n        properties:\n          - title: size\n            type: enum\n            enum: []\n`,
    line: 10,
    column: 19,
    code: 'empty-list',
    message: '"enum" is an empty list',
  },
  {
    name: 'a quoted title with surrounding spaces',
    text: `${HEADER}categories:\n  - title: A\n    events:\n      - title: Order Completed\n      - title: " Order Viewed"\n`,
    line: 7,
    column: 16,
    code: 'bad-title',
    message: 'leading or trailing spaces',
  },
  {
    name: 'event titles that differ only by case (clean titles)',
    text: `${HEADER}categories:\n  - title: A\n    events:\n      - title: Order Completed\n      - title: order completed\n`,
    line: 7,
    column: 16,
    code: 'duplicate-title',
    message: 'event "order completed" differs only by case or spacing from event "Order Completed" (line 6)',
  },
  {
    name: 'the same property twice',
    text: `${HEADER}categories:\n  - title: A\n    events:\n      - title: E\n        properties:\n          - title: id\n          - title: id\n`,
    line: 9,
    column: 20,
    code: 'duplicate-title',
    message: 'property "id" is listed twice in event "E"',
  },
  {
    name: 'the same category twice in one file',
    text: `${HEADER}categories:\n  - title: Checkout\n  - title: Checkout\n`,
    line: 5,
    column: 12,
    code: 'duplicate-title',
    message: 'category "Checkout" is listed twice',
  },
  {
    name: 'missing title',
    text: `${HEADER}categories:\n  - title: A\n    events:\n      - description: no title here\n`,
    line: 6,
    column: 9,
    code: 'missing-key',
    message: 'event #1 of category "A" is missing "title"',
  },
  {
    name: 'an owner that is neither an email address nor an ID',
    text: `${HEADER}categories:\n  - title: A\n    events:\n      - title: E\n        owners: [jane@acme]\n`,
    line: 7,
    column: 18,
    code: 'bad-user',
    message: '"jane@acme" in "owners" is not an email address or a Secoda user ID',
    hint: 'checks it against Secoda',
  },
  {
    name: 'a repeated tag',
    text: `${HEADER}categories:\n  - title: A\n    events:\n      - title: E\n        tags: [t1, t2, t1]\n`,
    line: 7,
    column: 24,
    code: 'duplicate-value',
    message: '"tags" lists "t1" twice',
  },
  {
    name: 'events as a mapping instead of a list',
    text: `${HEADER}categories:\n  - title: A\n    events:\n      title: E\n`,
    line: 6,
    column: 7,
    code: 'wrong-type',
    message: '"events" must be a list, not a mapping',
  },
  {
    name: 'unsupported version',
    text: `version: 2\nintegration: ${INTEGRATION}\n`,
    line: 1,
    column: 10,
    code: 'unknown-value',
    message: '"version" must be 1, not 2',
  },
  {
    name: 'integration missing',
    text: 'version: 1\ncategories: []\n',
    line: 1,
    column: 1,
    code: 'missing-header',
    message: '"integration" is missing',
  },
  {
    name: 'a numeric integration',
    text: 'version: 1\nintegration: 12345\n',
    line: 2,
    column: 14,
    code: 'wrong-type',
    message: '"integration" must be text, not 12345',
    hint: 'quotes',
  },
  {
    name: "an integration's name instead of its ID",
    text: 'version: 1\nintegration: Segment (production)\n',
    line: 2,
    column: 14,
    code: 'bad-integration',
    message: '"integration" must be a Secoda integration ID, a UUID with or without dashes, not "Segment (production)"',
    hint: 'copy the ID from Secoda (Integrations → the integration: the UUID in the address',
  },
  {
    name: 'an integration ID cut short',
    text: 'version: 1\nintegration: ca529385-fbc9-4934-afae-e372affe795\n',
    line: 2,
    column: 14,
    code: 'bad-integration',
    message: 'not "ca529385-fbc9-4934-afae-e372affe795"',
  },
  {
    name: 'events listed at the top level',
    text: `${HEADER}events:\n  - title: E\n`,
    line: 3,
    column: 1,
    code: 'unknown-key',
    message: 'unknown key "events" at the top level of the file',
    hint: 'under a category',
  },
  {
    name: 'a tab used for indentation',
    text: `${HEADER}categories:\n\t- title: A\n`,
    line: 4,
    column: 1,
    code: 'yaml-syntax',
    message: 'YAML syntax error',
  },
  {
    name: 'a duplicated key',
    text: `${HEADER}categories:\n  - title: A\n    title: B\n`,
    line: 5,
    column: 5,
    code: 'yaml-syntax',
    message: 'unique',
  },
  {
    name: 'an empty title',
    text: `${HEADER}categories:\n  - title: ""\n`,
    line: 4,
    column: 12,
    code: 'empty-value',
    message: '"title" is empty',
  },
  {
    name: 'an enum property without type',
    text: `${HEADER}categories:\n  - title: A\n    events:\n      - title: E\n        properties:\n          - title: size\n            enum: [s, m]\n`,
    line: 9,
    column: 13,
    code: 'enum-needs-type',
    message: '"enum" needs `type: enum`',
  },
  {
    name: 'required on an event',
    text: `${HEADER}categories:\n  - title: A\n    events:\n      - title: E\n        required: true\n`,
    line: 7,
    column: 9,
    code: 'unknown-key',
    message: 'unknown key "required" in event "E"',
    hint: 'belongs on a property',
  },
  {
    name: 'a quoted version',
    text: `version: "1"\nintegration: ${INTEGRATION}\n`,
    line: 1,
    column: 10,
    code: 'unknown-value',
    message: '"version" must be 1, not "1"',
    hint: 'write 1 without quotes',
  },
  {
    name: 'an enum given as one string',
    text: `${HEADER}categories:\n  - title: A\n    events:\n      - title: E\n        properties:\n          - title: c\n            type: enum\n            enum: red, green\n`,
    line: 10,
    column: 19,
    code: 'wrong-type',
    message: '"enum" must be a list, not "red, green"',
    hint: 'enum: [red, green]',
  },
];

describe('loadTrackingPlan: broken plans', () => {
  it.each(broken)('$name', ({ text, line, column, code, message, hint }) => {
    const issues = issuesOf(text);
    const match = issues.find((i) => i.code === code);
    expect(match, JSON.stringify(issues, null, 2)).toBeDefined();
    expect({ line: match?.line, column: match?.column }).toEqual({ line, column });
    expect(match?.message).toContain(message);
    if (hint !== undefined) expect(match?.hint).toContain(hint);
    expect(match?.file).toBe('plan.yaml');
  });

  it('reports a file that is a list once, without cascading', () => {
    expect(issuesOf('- title: x\n').map((i) => i.message)).toEqual(['the file must be a mapping (key: value pairs), not a list']);
  });

  it('does not add "enum needs type enum" to an unknown type', () => {
    const issues = issuesOf(
      `${HEADER}categories:\n  - title: A\n    events:\n      - title: E\n        properties:\n          - title: c\n            type: Enum\n            enum: [a]\n`,
    );
    expect(issues.map((i) => i.code)).toEqual(['unknown-value']);
  });

  it('reports every problem in one run, sorted by position', () => {
    const issues = issuesOf(
      `${HEADER}categories:\n  - title: A\n    events:\n      - title: E\n        pii: maybe\n        properties:\n          - title: p\n            type: strin\n          - title: q\n            typo: 1\n`,
    );
    expect(issues.map((i) => [i.line, i.code])).toEqual([
      [7, 'wrong-type'],
      [10, 'unknown-value'],
      [12, 'unknown-key'],
    ]);
  });
});
