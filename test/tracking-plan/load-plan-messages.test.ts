// The loader's messages point exactly: one issue per mistake, where it is written, with the text
// as written.
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/errors.js';
import { HEADER, issuesOf } from './load-plan-input.js';

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
