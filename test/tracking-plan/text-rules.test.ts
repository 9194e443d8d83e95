/**
 * Values Secoda would not give back as written (issue 11, item 4): the text "None" where the API
 * writes it for "no value", invisible format characters in titles, and keys that name
 * Object.prototype's members.
 */
import { describe, expect, it } from 'vitest';
import { loadTrackingPlan } from '../../src/tracking-plan/load-plan.js';
import type { PlanFileInput } from '../../src/tracking-plan/plan-file-input.js';
import type { Issue } from '../../src/errors.js';

const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';
const HEADER = `version: 1\nintegration: ${INTEGRATION}\n`;
const file = (text: string): PlanFileInput => ({ path: 'plan.yaml', bytes: new TextEncoder().encode(text) });
const issuesOf = (text: string): Issue[] => {
  const result = loadTrackingPlan([file(text)]);
  if (result.ok) throw new Error('expected issues, got a valid plan');
  return result.issues;
};
const brief = (issues: Issue[]) => issues.map((i) => `${i.line}:${i.column} ${i.code}`);

describe('the text "None"', () => {
  it('is refused where the API writes it for "no value": description, definition, ID lists, a lone enum value', () => {
    const issues = issuesOf(
      `${HEADER}categories:\n  - title: A\n    events:\n      - title: E\n        description: None\n        owners: [None]\n        properties:\n          - title: p\n            type: enum\n            enum: [None]\n            definition: None\n`,
    );
    expect(brief(issues)).toEqual(['7:22 none-text', '8:18 none-id', '12:20 none-enum', '13:25 none-text']);
    expect(issues[0]?.message).toBe(
      '"description" of event "E" of category "A" is the text "None", which Secoda\'s API uses for "no value": it would read back as empty',
    );
    expect(issues[0]?.hint).toContain('to clear it write `description: ""`');
    expect(issues[1]?.hint).toBe('remove it; an empty list is written `owners: []`');
  });

  it('is refused with the white space or line ending Secoda trims away: a `definition: |` block, a padded string', () => {
    const issues = issuesOf(
      `${HEADER}categories:\n  - title: A\n    events:\n      - title: E\n        definition: |\n          None\n        description: " None\\r\\n"\n`,
    );
    expect(brief(issues)).toEqual(['7:21 none-text', '9:22 none-text']);
    expect(issues[0]?.message).toContain('"definition" of event "E" of category "A" is the text "None"');
  });

  it('is fine as one enum value among others, in a title, and as "none"', () => {
    const result = loadTrackingPlan([
      file(
        `${HEADER}categories:\n  - title: None\n    events:\n      - title: E\n        description: none\n        properties:\n          - title: discount\n            type: enum\n            enum: [None, Percent, Fixed]\n`,
      ),
    ]);
    expect(result.ok).toBe(true);
  });
});

describe('invisible characters in titles', () => {
  it.each([
    ['\\u200B', 'U+200B ZERO WIDTH SPACE at position 6'],
    ['\\u200E', 'U+200E LEFT-TO-RIGHT MARK at position 6'],
    ['\\u00AD', 'U+00AD SOFT HYPHEN at position 6'],
    ['\\u2066', 'U+2066 LEFT-TO-RIGHT ISOLATE at position 6'],
  ])('%s inside a title is refused, named and placed', (escape, named) => {
    const [issue, ...rest] = issuesOf(`${HEADER}categories:\n  - title: "Check${escape}out"\n`);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ line: 4, column: 12, code: 'invisible-character' });
    expect(issue?.message).toBe(`title "Check${escape}out" contains an invisible character: ${named}`);
    expect(issue?.hint).toContain('retype the title without it');
  });

  it.each([
    ['\\u0085', '\\u0085', 'U+0085 NEXT LINE (NEL) at position 6'],
    ['\\u001F', '\\u001f', 'U+001F INFORMATION SEPARATOR ONE at position 6'],
    ['\\t', '\\t', 'U+0009 CHARACTER TABULATION at position 6'],
  ])('a control character (%s), which Secoda may strip as white space or keep unseen, is refused too', (escape, shown, named) => {
    const [issue, ...rest] = issuesOf(`${HEADER}categories:\n  - title: "Order${escape}s"\n`);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ line: 4, column: 12, code: 'invisible-character' });
    expect(issue?.message).toBe(`title "Order${shown}s" contains an invisible character: ${named}`);
  });

  it('a byte-order mark at the start of an event title gets one error that names it, not "leading spaces"', () => {
    const issues = issuesOf(`${HEADER}categories:\n  - title: A\n    events:\n      - title: "\\uFEFFOrder"\n`);
    expect(brief(issues)).toEqual(['6:16 invisible-character']);
    expect(issues[0]?.message).toContain('U+FEFF BYTE ORDER MARK (ZERO WIDTH NO-BREAK SPACE) at position 1');
  });
});

describe('keys that name members of Object.prototype', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])('%s gets the normal unknown-key error', (key) => {
    const issues = issuesOf(
      `${HEADER}${key}: 1\ncategories:\n  - title: A\n    ${key}: x\n    events:\n      - title: E\n        ${key}: {a: 1}\n`,
    );
    expect(issues.map((i) => [i.code, i.message, i.hint])).toEqual([
      [
        'unknown-key',
        `unknown key "${key}" at the top level of the file`,
        'allowed keys here: version, integration, rules, properties, categories, compatibility',
      ],
      ['unknown-key', `unknown key "${key}" in category "A"`, 'allowed keys here: title, teams, events'],
      ['unknown-key', `unknown key "${key}" in event "E" of category "A"`, expect.stringMatching(/^allowed keys here: title, description/)],
    ]);
  });
});

describe('separators in titles (issue 21)', () => {
  it.each([
    ['\\u2028', 'a line separator: U+2028 LINE SEPARATOR at position 6'],
    ['\\u2029', 'a line separator: U+2029 PARAGRAPH SEPARATOR at position 6'],
    ['\\u00A0', 'a space that is not the plain space (U+0020): U+00A0 NO-BREAK SPACE at position 6'],
    ['\\u3000', 'a space that is not the plain space (U+0020): U+3000 IDEOGRAPHIC SPACE at position 6'],
  ])('%s inside a title is named and escaped, not called "leading or trailing spaces"', (escape, named) => {
    const [issue, ...rest] = issuesOf(`${HEADER}categories:\n  - title: "Order${escape}s"\n`);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ line: 4, column: 12, code: 'separator-character' });
    expect(issue?.message).toBe(`title "Order${escape}s" contains ${named}`);
    expect(issue?.hint).toMatch(/one line|plain spaces/);
  });

  it('a no-break space at the end of a title is named too', () => {
    const issues = issuesOf(`${HEADER}categories:\n  - title: A\n    events:\n      - title: "Order\\u00A0"\n`);
    expect(brief(issues)).toEqual(['6:16 separator-character']);
    expect(issues[0]?.message).toContain('U+00A0 NO-BREAK SPACE at position 6');
  });
});

describe('text that is not Unicode (issue 21)', () => {
  it('a lone surrogate is refused where it stands: in a title, an enum value, an ID, a description', () => {
    const issues = issuesOf(
      `${HEADER}categories:\n  - title: "Shop\\uD800"\n    events:\n      - title: E\n        description: "x\\uDC00y"\n        owners: ["ab\\uD83D"]\n        properties:\n          - title: p\n            type: enum\n            enum: [a, "b\\uDFFF"]\n`,
    );
    expect(brief(issues)).toEqual(['4:12 lone-surrogate', '7:22 lone-surrogate', '8:18 lone-surrogate', '12:23 lone-surrogate']);
    expect(issues[0]?.message).toBe(
      'title "Shop\\ud800" contains a lone surrogate (half of a UTF-16 pair, not a character): U+D800 at position 5',
    );
    expect(issues[1]?.message).toBe(
      '"description" of event "E" of category "Shop\\ud800" holds a lone surrogate (half of a UTF-16 pair, not a character): U+DC00 at position 2',
    );
    expect(issues[3]?.message).toContain('"enum[1]" of property "p" of event "E"');
    for (const issue of issues) expect(issue.hint).toContain('cannot be stored as UTF-8');
  });

  it('a surrogate pair written as two escapes is one character, and fine', () => {
    const result = loadTrackingPlan([file(`${HEADER}categories:\n  - title: "Shop \\uD83D\\uDED2"\n`)]);
    expect(result.ok && result.plan.categories[0]?.title).toBe('Shop 🛒');
  });

  it('bytes that are not UTF-8 (an encoded surrogate, an overlong form) are refused at their line and column', () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    const withBytes = (bad: number[]) =>
      Uint8Array.from([...encode(`${HEADER}categories:\n  - title: Caf\u00e9 `), ...bad, ...encode('x\n')]);
    for (const bad of [
      [0xed, 0xa0, 0x80],
      [0xc0, 0xaf],
      [0xf4, 0x90, 0x80, 0x80],
    ]) {
      const result = loadTrackingPlan([{ path: 'plan.yaml', bytes: withBytes(bad) }]);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      // "  - title: Café " is 16 characters (17 bytes): the bad byte is the 17th character.
      expect(result.issues).toEqual([expect.objectContaining({ code: 'encoding', line: 4, column: 17 })]);
    }
  });
});

describe('a null in a list (issue 21)', () => {
  it.each([
    ['~', 'in YAML, `~` means null (no value), not the text "~": quote it ("~") to mean the text, or remove the list item'],
    ['null', 'in YAML, `null` means null (no value), not the text "null": quote it ("null") to mean the text, or remove the list item'],
  ])('enum: [free, %s, pro] gets a hint about that list item', (written, hint) => {
    const issues = issuesOf(
      `${HEADER}categories:\n  - title: A\n    events:\n      - title: E\n        properties:\n          - title: plan\n            type: enum\n            enum: [free, ${written}, pro]\n`,
    );
    expect(issues).toEqual([expect.objectContaining({ line: 10, column: 26, code: 'wrong-type', hint })]);
    expect(issues[0]?.message).toBe(
      `"enum[1]" must be text, a number or true/false, not \`${written}\` (null in YAML) in property "plan" of event "E"`,
    );
  });
});
