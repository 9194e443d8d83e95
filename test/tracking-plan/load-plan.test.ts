import { describe, expect, it } from 'vitest';
import { loadTrackingPlan } from '../../src/tracking-plan/load-plan.js';
import type { PlanFileInput } from '../../src/tracking-plan/plan-file-input.js';
import type { Issue } from '../../src/errors.js';

const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';
const HEADER = `version: 1\nintegration: ${INTEGRATION}\n`;

const file = (path: string, text: string): PlanFileInput => ({ path, bytes: new TextEncoder().encode(text) });
const load = (text: string) => loadTrackingPlan([file('plan.yaml', text)]);
const issuesOf = (text: string): Issue[] => {
  const result = load(text);
  if (result.ok) throw new Error('expected issues, got a valid plan');
  return result.issues;
};

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

describe('loadTrackingPlan: files that are not plans', () => {
  it('an empty file', () => {
    expect(issuesOf('')).toEqual([expect.objectContaining({ line: 1, column: 1, code: 'empty-file', message: 'the file is empty' })]);
  });

  it('a file with only comments', () => {
    expect(issuesOf('# nothing yet\n')).toEqual([expect.objectContaining({ code: 'empty-file' })]);
  });

  it('a file that is not UTF-8 names the line of the bad byte', () => {
    const bytes = Uint8Array.from([...new TextEncoder().encode(`${HEADER}categories:\n  - title: Caf`), 0xe9, 0x0a]);
    const result = loadTrackingPlan([{ path: 'latin1.yaml', bytes }]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toEqual([expect.objectContaining({ line: 4, column: 15, code: 'encoding' })]);
  });

  it('a UTF-16 file', () => {
    const result = loadTrackingPlan([{ path: 'utf16.yaml', bytes: Uint8Array.from([0xff, 0xfe, 0x76, 0x00]) }]);
    expect(!result.ok && result.issues[0]?.message).toContain('UTF-16');
  });

  it('a YAML bomb is refused without expanding it', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      lines.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    // Expanded, this document would hold 9^9 (387 million) nodes: getting an answer at all shows it was not.
    // It is refused at the alias where what the aliases produced passes the bound: the sixth `*d`.
    const issues = issuesOf(lines.join('\n') + '\n');
    expect(issues).toEqual([expect.objectContaining({ code: 'alias-bomb', line: 5, column: 23 })]);
  });

  it('an alias inside the node its anchor names is refused where it stands, not followed for ever', () => {
    // yaml makes such data hold itself: every later check would recurse until the stack ran out.
    expect(issuesOf('x: &a [ *a ]\n')).toEqual([expect.objectContaining({ code: 'alias-cycle', line: 1, column: 9 })]);
    const nested = `${HEADER}categories:\n  - &c\n    title: A\n    events:\n      - title: E\n        properties: [*c]\n`;
    expect(issuesOf(nested)).toEqual([expect.objectContaining({ code: 'alias-cycle' })]);
    // An alias used beside its anchor, not inside it, is only a repeat.
    const shared = `${HEADER}categories:\n  - title: A\n    teams: &t [${INTEGRATION}]\n  - title: B\n    teams: *t\n`;
    expect(load(shared).ok).toBe(true);
  });

  it('what aliases produce is bounded, not how many there are: 25 aliases of a 2,000-item list pass 50,000 nodes', () => {
    const teams = Array.from({ length: 2000 }, (_, i) => `t${i}`).join(', ');
    const uses = Array.from({ length: 30 }, (_, i) => `  - title: C${i}\n    teams: *t\n`).join('');
    // Each `*t` stands for 2,001 nodes: the 25th passes 50,000, at its own line (C24's teams: 7 + 2 × 24).
    expect(issuesOf(`${HEADER}categories:\n  - title: A\n    teams: &t [${teams}]\n${uses}`)).toEqual([
      expect.objectContaining({ code: 'alias-bomb', line: 55, column: 12, message: expect.stringContaining('more than 50,000 nodes') }),
    ]);
    // Thousands of aliases that stand for little are fine.
    const events = Array.from({ length: 3000 }, (_, i) => `      - title: E${i}\n        description: *d\n`).join('');
    const many = load(
      `${HEADER}categories:\n  - title: A\n    events:\n      - title: Base\n        description: &d Shared text\n${events}`,
    );
    expect(many.ok).toBe(true);
  });

  it('more than 5,000 anchors and aliases are refused at the first one past the bound', () => {
    const events = Array.from({ length: 5001 }, (_, i) => `      - &e${i} { title: E${i} }\n`).join('');
    const issues = issuesOf(`${HEADER}categories:\n  - title: A\n    events:\n${events}      - *e1\n`);
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'alias-bomb',
        line: 6 + 5000,
        column: 16,
        message: expect.stringContaining('more than 5,000 YAML anchors and aliases'),
      }),
    ]);
  });

  it('a merge key into its own mapping is refused where it stands, not with a stack overflow', () => {
    const issues = issuesOf(`${HEADER}categories:\n  - &c\n    title: A\n    <<: *c\n`);
    expect(issues).toEqual([expect.objectContaining({ code: 'alias-cycle', line: 6, column: 9 })]);
    expect(issues[0]?.message).toBe('this merge key (`<<`) merges the mapping that holds it, so the data would never end');
    expect(issues[0]?.hint).toContain('merge a mapping anchored outside this one');
    // Through a list of merge sources, and from a nested mapping, too.
    expect(issuesOf(`${HEADER}categories:\n  - &c\n    title: A\n    events:\n      - title: E\n        <<: [*c]\n`)).toEqual([
      expect.objectContaining({ code: 'alias-cycle', line: 8, column: 14 }),
    ]);
  });

  it('a merge key whose value is not a mapping is refused at the value', () => {
    const issues = issuesOf(`${HEADER}categories:\n  - title: A\n    <<: 5\n`);
    expect(issues).toEqual([expect.objectContaining({ code: 'yaml-merge', line: 5, column: 9 })]);
  });

  it('aliases and merge keys that expand into each other are bounded too ("billion laughs" of merges)', () => {
    const lines = ['x0: &m0 {a: 1, b: 2}'];
    for (let i = 1; i <= 25; i++) lines.push(`x${i}: &m${i} {<<: [*m${i - 1}, *m${i - 1}], k${i}: 1}`);
    // Each level merges the one before twice: 2^25 copies, were they made.
    expect(issuesOf(`${lines.join('\n')}\n`)).toEqual([expect.objectContaining({ code: 'alias-bomb' })]);
  });

  it('a UTF-8 byte-order mark is accepted', () => {
    const result = load(`\uFEFF${HEADER}`);
    expect(result.ok).toBe(true);
  });
});

describe('loadTrackingPlan: valid plans', () => {
  it('normalises the DESIGN.md example', () => {
    const result = load(`# yaml-language-server: $schema=../schemas/tracking-plan.schema.json
version: 1
integration: ca529385-fbc9-4934-afae-e372affe795b
categories:
  - title: Landing Page
    teams: [8680f886-97d2-4f4e-92c8-c80b46a3017d]
    events:
      - title: CTA Clicked
        description: A visitor clicked a call-to-action.
        definition: |
          Fired once per click on any primary CTA.
        pii: false
        verified: true
        published: true
        owners: [33733f42-8ff7-460b-9e20-50a2133d3bb0]
        tags: [f7466f09-33bf-4ac2-9ff2-165fb4b8bdc2]
        properties:
          - title: button_color
            type: enum
            enum: [red, green, yellow]
            required: true
            description: Colour of the clicked button.
`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const event = result.plan.categories[0]?.events[0];
    expect(event).toMatchObject({
      title: 'CTA Clicked',
      definition: 'Fired once per click on any primary CTA.\n',
      pii: false,
      owners: ['33733f42-8ff7-460b-9e20-50a2133d3bb0'],
    });
    expect(event).not.toHaveProperty('teams');
    expect(event?.properties[0]).toMatchObject({ title: 'button_color', type: 'enum', enum: ['red', 'green', 'yellow'], required: true });
    expect(event?.source).toEqual({ file: 'plan.yaml', line: 8, column: 9 });
  });

  it('keeps numeric enum values as written', () => {
    const result = load(
      `${HEADER}categories:\n  - title: A\n    events:\n      - title: E\n        properties:\n          - title: rating\n            type: enum\n            enum: [1, 2.50, 3, true]\n`,
    );
    expect(result.ok && result.plan.categories[0]?.events[0]?.properties[0]?.enum).toEqual(['1', '2.50', '3', 'true']);
  });

  it('accepts anchors reused a reasonable number of times, and merge keys', () => {
    const events = Array.from({ length: 40 }, (_, i) => `      - title: E${i}\n        <<: *flags\n        properties: *shared`).join('\n');
    const plan = `${HEADER}categories:\n  - title: A\n    events:\n      - title: Base\n        <<: &flags { pii: false, verified: true }\n        properties: &shared\n          - title: user_id\n            type: string\n${events}\n`;
    const result = load(plan);
    expect(result.ok, JSON.stringify(!result.ok && result.issues)).toBe(true);
    if (!result.ok) return;
    expect(result.plan.categories[0]?.events).toHaveLength(41);
    expect(result.plan.categories[0]?.events[40]).toMatchObject({
      title: 'E39',
      pii: false,
      verified: true,
      properties: [{ title: 'user_id' }],
    });
  });

  it('locates an error inside a merged mapping at the merge source', () => {
    const issues = issuesOf(`${HEADER}categories:\n  - title: A\n    events:\n      - title: Base\n        <<: &flags { pii: nope }\n`);
    expect(issues).toEqual([expect.objectContaining({ line: 7, column: 27, code: 'wrong-type' })]);
  });
});

describe('loadTrackingPlan: directories of files', () => {
  it('merges files; exactly one holds version and integration', () => {
    const result = loadTrackingPlan([
      file('plan/tracking-plan.yaml', HEADER),
      file('plan/checkout.yaml', 'categories:\n  - title: Checkout\n    events:\n      - title: Order Completed\n'),
      file('plan/landing.yaml', 'categories:\n  - title: Landing\n'),
    ]);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.plan.integration).toBe(INTEGRATION);
      expect(result.plan.categories.map((c) => c.title)).toEqual(['Checkout', 'Landing']);
      expect(result.plan.categories[0]?.source?.file).toBe('plan/checkout.yaml');
    }
  });

  it('refuses a category defined in two files, pointing at both', () => {
    const result = loadTrackingPlan([
      file('plan/a.yaml', `${HEADER}categories:\n  - title: Checkout\n`),
      file('plan/b.yaml', 'categories:\n  - title: checkout\n'),
    ]);
    expect(!result.ok && result.issues).toEqual([
      expect.objectContaining({
        file: 'plan/b.yaml',
        line: 2,
        column: 12,
        code: 'duplicate-category',
        message: expect.stringContaining('plan/a.yaml:4:12'),
      }),
    ]);
  });

  it('refuses integration set in two files', () => {
    const result = loadTrackingPlan([file('plan/a.yaml', HEADER), file('plan/b.yaml', HEADER)]);
    expect(!result.ok && result.issues.map((i) => [i.file, i.line, i.code])).toEqual([
      ['plan/b.yaml', 1, 'duplicate-header'],
      ['plan/b.yaml', 2, 'duplicate-header'],
    ]);
  });

  it('refuses a plan where no file holds the header', () => {
    const result = loadTrackingPlan([file('plan/a.yaml', 'categories: []\n'), file('plan/b.yaml', 'categories: []\n')]);
    expect(!result.ok && result.issues).toEqual([
      expect.objectContaining({ file: 'plan/a.yaml', code: 'missing-header', message: '"version" and "integration" are missing' }),
    ]);
  });

  it('reports problems of every file in one run', () => {
    const result = loadTrackingPlan([
      file('plan/a.yaml', `${HEADER}categories:\n  - titel: X\n`),
      file('plan/b.yaml', 'categories:\n  - title: Y\n    evnts: []\n'),
    ]);
    expect(!result.ok && result.issues.map((i) => `${i.file}:${i.line}:${i.column} ${i.code}`)).toEqual([
      'plan/a.yaml:4:5 missing-key',
      'plan/a.yaml:4:5 unknown-key',
      'plan/b.yaml:3:5 unknown-key',
    ]);
  });
});

describe('loadTrackingPlan: the integration ID', () => {
  it.each(['ca529385-fbc9-4934-afae-e372affe795b', 'ca529385fbc94934afaee372affe795b', 'CA529385-FBC9-4934-AFAE-E372AFFE795B'])(
    'takes a UUID with or without dashes: %s',
    (id) => {
      const result = load(`version: 1\nintegration: ${id}\ncategories: []\n`);
      expect(result.ok).toBe(true);
    },
  );
});

describe('loadTrackingPlan: messages point exactly', () => {
  const at = (issues: Issue[]) => issues.map((i) => `${i.line}:${i.column} ${i.message}${i.hint === undefined ? '' : ` | ${i.hint}`}`);

  it.each([
    ['a category', `${HEADER}categories:\n  - title: ""\n`],
    ['an event', `${HEADER}categories:\n  - title: A\n    events:\n      - title: ""\n`],
    ['a property', `${HEADER}categories:\n  - title: A\n    events:\n      - title: E\n        properties:\n          - title: ""\n`],
  ])('an empty title of %s is one issue, not two', (_kind, text) => {
    const issues = issuesOf(text);
    expect(issues, JSON.stringify(issues)).toHaveLength(1);
    expect(issues[0]?.message).toMatch(/^"title" is empty in /);
  });

  it('an empty `use` is one issue, about `use`', () => {
    const issues = issuesOf(
      `${HEADER}categories:\n  - title: A\n    events:\n      - title: E\n        properties:\n          - use: ""\n`,
    );
    expect(at(issues)).toEqual([
      '8:18 "use" is empty in property #1 of event "E" | name the shared property definition to take, e.g. `use: currency`',
    ]);
  });

  it('a repeated alias is reported at the alias, not at its anchor', () => {
    const text = `${HEADER}categories:\n  - title: A\n    events:\n      - title: E\n        properties:\n          - &p { title: shared }\n      - title: F\n        properties:\n          - *p\n          - *p\n`;
    expect(at(issuesOf(text))).toEqual([
      '12:13 property "shared" is listed twice in event "F" of category "A" (first at line 11) | titles identify a property within its parent; rename one or merge the two',
    ]);
  });

  it('an error inside aliased content is reported where the alias is written', () => {
    const text = `${HEADER}categories:\n  - title: A\n    events: &ev\n      - title: E\n        pii: maybe\n  - title: B\n    events: *ev\n`;
    const issues = issuesOf(text);
    expect(issues.map((i) => `${i.line}:${i.column}`)).toEqual(['7:14', '9:13']);
  });

  it.each([
    [
      'a key dedented under a list item',
      `${HEADER}categories:\n  - title: A\n    events:\n      - title: E\n        description: x\n       pii: true\n`,
      '8:8',
    ],
    [
      'a property key dedented by one',
      `${HEADER}categories:\n  - title: A\n    events:\n      - title: E\n        properties:\n          - title: p\n           type: string\n`,
      '9:12',
    ],
    ['a key dedented to the list', `${HEADER}categories:\n  - title: A\n    events:\n      - title: E\n      description: x\n`, '7:7'],
  ])('%s points at its own column', (_name, text, where) => {
    const issues = issuesOf(text);
    expect(issues).toHaveLength(1);
    expect(`${issues[0]?.line}:${issues[0]?.column}`).toBe(where);
  });

  it.each(['1.10', '2.50', '1e3', '0x1F'])('the "put it in quotes" hint keeps the source text: %s', (written) => {
    const issues = issuesOf(`${HEADER}categories:\n  - title: ${written}\n`);
    expect(at(issues)).toEqual([`4:12 "title" must be text, not ${written} in category #1 | put the value in quotes: title: "${written}"`]);
  });

  it('the quote hint keeps 1.10 when the file goes through yaml too', () => {
    // An anchor sends the whole file through `yaml` (the fast path does not take anchors).
    const text = `${HEADER}categories:\n  - title: 1.10\n    teams: &t [t1]\n  - title: B\n    teams: *t\n`;
    expect(at(issuesOf(text))).toEqual(['4:12 "title" must be text, not 1.10 in category #1 | put the value in quotes: title: "1.10"']);
  });
});
