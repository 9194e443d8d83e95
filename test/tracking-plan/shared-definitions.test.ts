import { describe, expect, it } from 'vitest';
import { trackingPlanFingerprint } from '../../src/plan/fingerprint.js';
import { loadTrackingPlan } from '../../src/tracking-plan/load-plan.js';
import type { PlanFileInput } from '../../src/tracking-plan/plan-file-input.js';
import type { Issue } from '../../src/errors.js';
import type { TrackingPlan } from '../../src/tracking-plan/types.js';

const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';
const OWNER = '33733f42-8ff7-460b-9e20-50a2133d3bb0';
const TAG = 'f7466f09-33bf-4ac2-9ff2-165fb4b8bdc2';
const HEADER = `version: 1\nintegration: ${INTEGRATION}\n`;
const file = (path: string, text: string): PlanFileInput => ({ path, bytes: new TextEncoder().encode(text) });

function loaded(files: PlanFileInput[]): { plan: TrackingPlan; warnings: Issue[] } {
  const result = loadTrackingPlan(files);
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.file}:${i.line}:${i.column} ${i.message}`).join('\n'));
  return result;
}
function issues(files: PlanFileInput[]): Issue[] {
  const result = loadTrackingPlan(files);
  if (result.ok) throw new Error('expected the plan to be invalid');
  return result.issues;
}

const SHARED = `properties:
  - title: currency
    type: enum
    enum: [USD, EUR]
    required: true
    description: ISO 4217 code.
    tags: [${TAG}]
`;

const USES = `categories:
  - title: Checkout
    events:
      - title: Order Completed
        properties:
          - use: currency
      - title: Order Refunded
        properties:
          - use: currency
            required: false
            description: Currency of the refund.
            tags: []
            owners: [${OWNER}]
`;

const EXPANDED = `${HEADER}categories:
  - title: Checkout
    events:
      - title: Order Completed
        properties:
          - title: currency
            type: enum
            enum: [USD, EUR]
            required: true
            description: ISO 4217 code.
            tags: [${TAG}]
      - title: Order Refunded
        properties:
          - title: currency
            type: enum
            enum: [USD, EUR]
            required: false
            description: Currency of the refund.
            tags: []
            owners: [${OWNER}]
`;

describe('shared property definitions: expansion', () => {
  it('gives each event its own copy, with the fields written beside use in place of the definition’s', () => {
    const { plan, warnings } = loaded([
      file('plan/tracking-plan.yaml', HEADER),
      file('plan/shared.yaml', SHARED),
      file('plan/checkout.yaml', USES),
    ]);
    expect(warnings).toEqual([]);
    const [completed, refunded] = plan.categories[0]!.events;
    expect(completed!.properties[0]).toMatchObject({
      title: 'currency',
      type: 'enum',
      enum: ['USD', 'EUR'],
      required: true,
      description: 'ISO 4217 code.',
      tags: [TAG],
      shared: { definition: 'currency', overrides: [] },
    });
    expect(refunded!.properties[0]).toMatchObject({
      title: 'currency',
      type: 'enum',
      enum: ['USD', 'EUR'],
      required: false,
      description: 'Currency of the refund.',
      tags: [],
      owners: [OWNER],
      shared: { definition: 'currency', overrides: ['required', 'description', 'owners', 'tags'] },
    });
    // Where a copy comes from is not content: Secoda sees the same as the plan written out in full.
    expect(trackingPlanFingerprint(plan)).toBe(trackingPlanFingerprint(loaded([file('expanded.yaml', EXPANDED)]).plan));
  });

  it('finds definitions in any file, before or after the files that use them, and in the header file', () => {
    for (const [definitions, uses] of [
      ['plan/a-shared.yaml', 'plan/z-checkout.yaml'],
      ['plan/z-shared.yaml', 'plan/a-checkout.yaml'],
    ] as const) {
      const { plan } = loaded([file('plan/tracking-plan.yaml', HEADER), file(definitions, SHARED), file(uses, USES)]);
      expect(plan.categories[0]!.events[0]!.properties[0]!.type).toBe('enum');
    }
    const { plan } = loaded([file('plan.yaml', `${HEADER}${SHARED}${USES}`)]);
    expect(plan.categories[0]!.events[1]!.properties[0]!.enum).toEqual(['USD', 'EUR']);
  });

  it('reads definitions from a file written as JSON (which YAML reads too)', () => {
    const json = JSON.stringify({ properties: [{ title: 'currency', type: 'enum', enum: ['USD'] }] }, null, 2);
    const { plan } = loaded([file('plan/a.yaml', `${HEADER}${USES}`), file('plan/b.yaml', json)]);
    expect(plan.categories[0]!.events[0]!.properties[0]).toMatchObject({ type: 'enum', enum: ['USD'] });
  });
});

describe('shared property definitions: mistakes', () => {
  it('a use of an unknown title: an error at the use, with a did-you-mean', () => {
    const text = `${HEADER}${SHARED}categories:\n  - title: C\n    events:\n      - title: E\n        properties:\n          - use: curency\n`;
    expect(issues([file('plan.yaml', text)]).filter((i) => i.code !== 'unused-definition')).toMatchObject([
      {
        file: 'plan.yaml',
        line: 15,
        column: 18,
        code: 'unknown-definition',
        message: 'event "E" of category "C" uses shared property "curency", which is not defined',
        hint: 'did you mean "currency"?',
      },
    ]);
  });

  it('a use when nothing is defined says where definitions go', () => {
    const text = `${HEADER}categories:\n  - title: C\n    events:\n      - title: E\n        properties:\n          - use: currency\n`;
    expect(issues([file('plan.yaml', text)])[0]?.hint).toContain('top-level `properties:`');
  });

  it.each(['title', 'type', 'enum'])('"%s" beside use: an error at the key, with a hint', (key) => {
    const value = key === 'enum' ? '[USD]' : key === 'type' ? 'string' : 'money';
    const text = `${HEADER}${SHARED}categories:\n  - title: C\n    events:\n      - title: E\n        properties:\n          - use: currency\n            ${key}: ${value}\n`;
    const found = issues([file('plan.yaml', text)]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      line: 16,
      column: 13,
      code: 'not-overridable',
      message: `"${key}" cannot be written beside "use" in property "currency" of event "E": it comes from the shared definition`,
    });
    expect(found[0]?.hint).toMatch(/write it out in full|written out in full/);
  });

  it('an unknown key beside use: did you mean one that may be overridden', () => {
    const text = `${HEADER}${SHARED}categories:\n  - title: C\n    events:\n      - title: E\n        properties:\n          - use: currency\n            requird: false\n`;
    expect(issues([file('plan.yaml', text)])).toMatchObject([
      { line: 16, column: 13, code: 'unknown-key', hint: 'did you mean "required"?' },
    ]);
  });

  it('a title defined twice across files: an error naming both places', () => {
    const found = issues([file('plan/a.yaml', `${HEADER}${SHARED}${USES}`), file('plan/b.yaml', SHARED)]);
    expect(found).toMatchObject([
      {
        file: 'plan/b.yaml',
        line: 2,
        column: 12,
        code: 'duplicate-definition',
        message: 'shared property "currency" is defined twice: here and in plan/a.yaml:4:12',
      },
    ]);
  });

  it('titles that differ only by case are one title defined twice', () => {
    const found = issues([file('plan.yaml', `${HEADER}${SHARED}  - title: Currency\n${USES}`)]);
    expect(found).toMatchObject([{ line: 10, code: 'duplicate-definition', message: expect.stringContaining('differs only by case') }]);
  });

  it('a definition no event uses: a warning, and the plan still loads', () => {
    const { warnings } = loaded([file('plan.yaml', `${HEADER}${SHARED}  - title: unused\n    type: string\n${USES}`)]);
    expect(warnings).toMatchObject([
      {
        line: 10,
        column: 12,
        level: 'warning',
        code: 'unused-definition',
        message: 'shared property "unused" is defined but no event uses it',
      },
    ]);
  });

  it('the same property twice in an event, once through use: a duplicate title', () => {
    const text = `${HEADER}${SHARED}categories:\n  - title: C\n    events:\n      - title: E\n        properties:\n          - title: currency\n          - use: currency\n`;
    expect(issues([file('plan.yaml', text)])).toMatchObject([{ line: 16, column: 18, code: 'duplicate-title' }]);
  });

  it('a definition follows the rules of any property (enum needs type: enum)', () => {
    const text = `${HEADER}properties:\n  - title: size\n    enum: [s, m]\n${USES.replace(/currency/g, 'size')}`;
    expect(issues([file('plan.yaml', text)])).toMatchObject([
      { line: 5, code: 'enum-needs-type', message: expect.stringContaining('shared property "size"') },
    ]);
  });

  it('a definition cannot use another one', () => {
    const text = `${HEADER}properties:\n  - title: a\n    use: b\n`;
    expect(issues([file('plan.yaml', text)])).toMatchObject([
      { line: 4, code: 'unused-definition', level: 'warning' },
      {
        line: 5,
        code: 'unknown-key',
        message: 'unknown key "use" in shared property "a"',
        hint: expect.stringContaining('cannot `use` another'),
      },
    ]);
  });

  it('rules: only in the file that holds version and integration', () => {
    const found = issues([file('plan/a.yaml', HEADER), file('plan/b.yaml', 'rules:\n  description-required: {}\ncategories: []\n')]);
    expect(found).toMatchObject([{ file: 'plan/b.yaml', line: 1, column: 1, code: 'misplaced-key' }]);
  });

  it('an unknown rule, and an unknown option of a rule, with did-you-mean', () => {
    const found = issues([file('plan.yaml', `${HEADER}rules:\n  event-title-styl: {}\n  description-required: { levl: error }\n`)]);
    expect(found).toMatchObject([
      { line: 4, column: 3, code: 'unknown-rule', message: 'unknown rule "event-title-styl"', hint: 'did you mean "event-title-style"?' },
      {
        line: 5,
        column: 27,
        code: 'unknown-key',
        message: 'unknown option "levl" for rule "description-required"',
        hint: 'did you mean "level"?',
      },
    ]);
  });

  it('an unknown style or level is an error with the allowed values', () => {
    const found = issues([file('plan.yaml', `${HEADER}rules:\n  event-title-style: { level: fatal, style: Title Case }\n`)]);
    expect(found.map((i) => [i.line, i.code, i.hint])).toEqual([
      [4, 'unknown-value', 'allowed: error, warning, off'],
      [4, 'unknown-value', 'did you mean "title-case"? allowed: title-case, sentence-case, snake_case, camelCase, kebab-case'],
    ]);
  });
});
