/**
 * The loader on the richer keys (nullable, typed enums, string and number constraints, items,
 * nested properties, event kinds): what it keeps, and every misuse at its line and column with a hint.
 */
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/errors.js';
import { loadTrackingPlan } from '../../src/tracking-plan/load-plan.js';

const HEADER = 'version: 1\nintegration: ca529385-fbc9-4934-afae-e372affe795b\n';
const load = (text: string) => loadTrackingPlan([{ path: 'plan.yaml', bytes: new TextEncoder().encode(text) }]);

/** A plan whose event `E` holds `body` (YAML lines, indented as the event's keys). */
const event = (body: string, before = '') =>
  `${HEADER}${before}categories:\n  - title: A\n    events:\n      - title: E\n${body
    .split('\n')
    .map((line) => `        ${line}`)
    .join('\n')}\n`;

const issuesOf = (text: string): Issue[] => {
  const result = load(text);
  if (result.ok) throw new Error('expected issues, got a valid plan');
  return result.issues;
};

describe('what the loader keeps', () => {
  it('typed enum values as numbers and booleans, and the YAML text for Secoda', () => {
    const loaded = load(
      event('properties:\n  - { title: s, type: integer, enum: [200, 1e3] }\n  - { title: b, type: boolean, enum: [true] }'),
    );
    if (!loaded.ok) throw new Error(loaded.issues[0]?.message);
    const [s, b] = loaded.plan.categories[0]?.events[0]?.properties ?? [];
    expect(s).toMatchObject({ type: 'integer', enum: ['200', '1e3'], enum_values: [200, 1000] });
    expect(b).toMatchObject({ type: 'boolean', enum: ['true'], enum_values: [true] });
  });

  it('kind, any_name and additional_properties on events; nested shapes on properties', () => {
    const loaded = load(
      event(
        'kind: page\nany_name: true\nadditional_properties: true\nproperties:\n  - title: o\n    type: object\n    properties:\n      - { title: inner, type: array, items: { type: string, format: uri } }',
      ),
    );
    if (!loaded.ok) throw new Error(loaded.issues[0]?.message);
    const e = loaded.plan.categories[0]?.events[0];
    expect(e).toMatchObject({ kind: 'page', any_name: true, additional_properties: true });
    expect(e?.properties[0]).toEqual({
      title: 'o',
      type: 'object',
      properties: [{ title: 'inner', type: 'array', items: { type: 'string', format: 'uri' } }],
    });
  });

  it('takes prototype-named titles other than __proto__, at any depth', () => {
    const loaded = load(
      event(
        'properties:\n  - { title: constructor, type: string }\n  - { title: toString, type: object, properties: [{ title: hasOwnProperty, type: integer }] }',
      ),
    );
    expect(loaded.ok).toBe(true);
  });
});

/** Each row: a broken plan, and the issue it must produce: where it points (the text that starts there), its code, message and hint. */
const broken: { name: string; text: string; at: string; code: string; message: string; hint?: string }[] = [
  {
    name: 'minimum on a string',
    text: event('properties:\n  - title: p\n    type: string\n    minimum: 1'),
    at: 'minimum: 1',
    code: 'key-not-for-type',
    message: '"minimum" applies to integers and numbers',
    hint: 'remove "minimum", or change the type',
  },
  {
    name: 'items on a non-array',
    text: event('properties:\n  - title: p\n    type: object\n    items: { type: string }'),
    at: 'items:',
    code: 'key-not-for-type',
    message: '"items" applies to arrays',
  },
  {
    name: 'format on a date',
    text: event('properties:\n  - title: p\n    type: date\n    format: email'),
    at: 'format: email',
    code: 'format-fixed',
    message: 'has type "date", whose format is fixed',
  },
  {
    name: 'an unknown format',
    text: event('properties:\n  - title: p\n    type: string\n    format: emial'),
    at: 'emial',
    code: 'unknown-value',
    message: 'unknown "format" "emial"',
    hint: 'did you mean "email"?',
  },
  {
    name: 'min_length above max_length',
    text: event('properties:\n  - title: p\n    type: string\n    min_length: 5\n    max_length: 2'),
    at: '5',
    code: 'empty-range',
    message: '"min_length" (5) is above "max_length" (2)',
  },
  {
    name: 'minimum above maximum, nested',
    text: event('properties:\n  - title: o\n    type: object\n    properties:\n      - { title: n, type: number, minimum: 3, maximum: 1 }'),
    at: '3, maximum',
    code: 'empty-range',
    message: 'property "o.n" of event "E"',
  },
  {
    name: 'a pattern RE2 cannot run',
    text: event("properties:\n  - title: p\n    type: string\n    pattern: '(a)\\1'"),
    at: "'(a)",
    code: 'bad-pattern',
    message: 'the pattern of property "p" of event "E"',
  },
  {
    name: 'a number in a string enum',
    text: event('properties:\n  - { title: p, type: string, enum: [a, 200] }'),
    at: '200]',
    code: 'enum-wrong-type',
    message: 'enum value 200 of property "p" of event "E" is a number',
    hint: "quote it ('200') to make it text, or change the type",
  },
  {
    name: 'a fraction in an integer enum',
    text: event('properties:\n  - { title: p, type: integer, enum: [1, 1.5] }'),
    at: '1.5]',
    code: 'enum-wrong-type',
    message: 'is not a whole number',
  },
  {
    name: 'text in an integer enum, inside array items',
    text: event("properties:\n  - { title: p, type: array, items: { type: integer, enum: ['200'] } }"),
    at: "'200']",
    code: 'enum-wrong-type',
    message: 'property "p[]" of event "E"',
    hint: 'write it without quotes',
  },
  {
    name: 'the same value twice, written differently',
    text: event('properties:\n  - { title: p, type: number, enum: [1, 1.0] }'),
    at: '1.0]',
    code: 'enum-duplicate',
    message: 'listed twice',
  },
  {
    name: 'a nested property titled __proto__',
    text: event('properties:\n  - title: o\n    type: object\n    properties:\n      - { title: __proto__, type: string }'),
    at: '__proto__, type',
    code: 'uncheckable-title',
    message: 'may not be titled "__proto__"',
    hint: 'rename the property',
  },
  {
    name: 'a top-level property titled __proto__',
    text: event('properties:\n  - { title: __proto__, type: string }'),
    at: '__proto__, type',
    code: 'uncheckable-title',
    message: '`tpsync check` could not judge it',
  },
  {
    name: 'nested titles that differ only by case',
    text: event('properties:\n  - title: o\n    type: object\n    properties:\n      - { title: City }\n      - { title: city }'),
    at: 'city }',
    code: 'duplicate-title',
    message: 'nested property "city" differs only by case',
  },
  {
    name: 'any_name on a track event',
    text: event('any_name: true\nproperties: []'),
    at: 'any_name: true',
    code: 'any-name-not-allowed',
    message: '"any_name" is for page and screen events',
  },
  {
    name: 'an unknown kind',
    text: event('kind: alias\nproperties: []'),
    at: 'alias',
    code: 'unknown-value',
    message: 'unknown "kind" "alias"',
  },
  {
    name: 'items using an unknown definition',
    text: event('properties:\n  - { title: p, type: array, items: { use: product } }'),
    at: 'product } }',
    code: 'unknown-definition',
    message: '"product"',
  },
  {
    name: 'a key beside use in items',
    text: event(
      'properties:\n  - { title: p, type: array, items: { use: product, type: string } }',
      'properties:\n  - { title: product, type: string }\n',
    ),
    at: 'type: string } }',
    code: 'not-overridable',
    message: '"type" cannot be written beside "use"',
  },
  {
    name: 'a definition that holds itself through items',
    text: event('properties:\n  - use: node', 'properties:\n  - { title: node, type: array, items: { use: node } }\n'),
    at: 'node, type: array',
    code: 'definition-cycle',
    message: 'shared property "node" reaches itself through items',
  },
];

describe.each(broken)('$name', ({ text, at, code, message, hint }) => {
  it('is refused at its place, with a hint', () => {
    const issues = issuesOf(text);
    const issue = issues.find((i) => i.code === code);
    expect(issue, JSON.stringify(issues, null, 1)).toBeDefined();
    const line = text.split('\n')[(issue?.line ?? 0) - 1] ?? '';
    expect(line.slice((issue?.column ?? 0) - 1, (issue?.column ?? 0) - 1 + at.length)).toBe(at);
    expect(issue?.message).toContain(message);
    if (hint !== undefined) expect(issue?.hint).toContain(hint);
    else expect(issue?.hint ?? '').not.toBe('');
  });
});
