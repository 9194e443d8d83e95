/**
 * Changes to what only the plan says, judged against the baseline: one table per check of
 * shape-checks.ts, plus the Secoda checks that also judge nested places (a nested key made
 * required, a nested type or enum change). Each case plans no Secoda write.
 */
import { describe, expect, it } from 'vitest';
import { failOnReason } from '../../src/compatibility/fail-on.js';
import { SHAPE_CHECKS } from '../../src/compatibility/shape-checks.js';
import type { Plan } from '../../src/plan/types.js';
import { renderPlanJson } from '../../src/render/plan-json.js';
import { renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { renderPlanText } from '../../src/render/plan-text.js';
import { plain } from '../../src/style.js';
import { checkout, classified } from './compat-fixtures.js';

/** "property Checkout/Order Completed/coupon: breaking (pattern-narrowed breaking)" for every local change. */
function localVerdicts(plan: Plan): string[] {
  return (plan.local_changes ?? []).map((change) => {
    const checks = (change.compatibility?.checks ?? []).map((c) => `${c.id} ${c.level}`).join(', ');
    return `${change.kind} ${change.path.join('/')}: ${change.compatibility?.level ?? 'none'} (${checks})`;
  });
}

const prop = (fields: string) => checkout(`{ title: p, type: string${fields} }`);
const num = (fields: string) => checkout(`{ title: n, type: integer${fields} }`);
const address = (nested: string, fields = '') => checkout(`{ title: address, type: object${fields}, properties: [${nested}] }`);

interface Case {
  readonly name: string;
  readonly before: string;
  readonly after: string;
  readonly expected: readonly string[];
}

const TABLE: Record<(typeof SHAPE_CHECKS)[number]['id'], readonly Case[]> = {
  'property-became-non-nullable': [
    {
      name: 'nullable removed',
      before: prop(', nullable: true'),
      after: prop(''),
      expected: ['property Checkout/Order Completed/p: breaking (property-became-non-nullable breaking)'],
    },
  ],
  'property-became-nullable': [
    {
      name: 'nullable added',
      before: prop(''),
      after: prop(', nullable: true'),
      expected: ['property Checkout/Order Completed/p: safe (property-became-nullable safe)'],
    },
  ],
  'range-narrowed': [
    {
      name: 'a minimum added',
      before: num(''),
      after: num(', minimum: 1'),
      expected: ['property Checkout/Order Completed/n: breaking (range-narrowed breaking)'],
    },
    {
      name: 'the maximum lowered',
      before: num(', maximum: 10'),
      after: num(', maximum: 9'),
      expected: ['property Checkout/Order Completed/n: breaking (range-narrowed breaking)'],
    },
    {
      name: 'one bound widened, the other narrowed',
      before: num(', minimum: 1, maximum: 9'),
      after: num(', minimum: 0, maximum: 5'),
      expected: ['property Checkout/Order Completed/n: breaking (range-narrowed breaking)'],
    },
  ],
  'range-widened': [
    {
      name: 'the minimum removed',
      before: num(', minimum: 1'),
      after: num(''),
      expected: ['property Checkout/Order Completed/n: safe (range-widened safe)'],
    },
    {
      name: 'the maximum raised',
      before: num(', maximum: 9'),
      after: num(', maximum: 99'),
      expected: ['property Checkout/Order Completed/n: safe (range-widened safe)'],
    },
  ],
  'length-narrowed': [
    {
      name: 'max_length lowered',
      before: prop(', max_length: 10'),
      after: prop(', max_length: 5'),
      expected: ['property Checkout/Order Completed/p: breaking (length-narrowed breaking)'],
    },
  ],
  'length-widened': [
    {
      name: 'min_length removed',
      before: prop(', min_length: 2'),
      after: prop(''),
      expected: ['property Checkout/Order Completed/p: safe (length-widened safe)'],
    },
  ],
  'pattern-narrowed': [
    {
      name: 'a pattern added',
      before: prop(''),
      after: prop(", pattern: '^[A-Z]+$'"),
      expected: ['property Checkout/Order Completed/p: breaking (pattern-narrowed breaking)'],
    },
    {
      name: 'a pattern changed',
      before: prop(", pattern: '^[A-Z]+$'"),
      after: prop(", pattern: '^[A-Z]*$'"),
      expected: ['property Checkout/Order Completed/p: breaking (pattern-narrowed breaking)'],
    },
  ],
  'pattern-removed': [
    {
      name: 'the pattern removed',
      before: prop(", pattern: '^[A-Z]+$'"),
      after: prop(''),
      expected: ['property Checkout/Order Completed/p: safe (pattern-removed safe)'],
    },
  ],
  'format-narrowed': [
    {
      name: 'a format added',
      before: prop(''),
      after: prop(', format: email'),
      expected: ['property Checkout/Order Completed/p: breaking (format-narrowed breaking)'],
    },
  ],
  'format-removed': [
    {
      name: 'the format removed',
      before: prop(', format: uuid'),
      after: prop(''),
      expected: ['property Checkout/Order Completed/p: safe (format-removed safe)'],
    },
  ],
  'additional-properties-closed': [
    {
      name: 'an open event closed',
      before: checkout('', ', additional_properties: true'),
      after: checkout(''),
      expected: ['event Checkout/Order Completed: breaking (additional-properties-closed breaking)'],
    },
    {
      name: 'a nested object closed',
      before: address('{ title: city, type: string }', ', additional_properties: true'),
      after: address('{ title: city, type: string }', ', additional_properties: false'),
      expected: ['property Checkout/Order Completed/address: breaking (additional-properties-closed breaking)'],
    },
  ],
  'additional-properties-opened': [
    {
      name: 'an event opened',
      before: checkout(''),
      after: checkout('', ', additional_properties: true'),
      expected: ['event Checkout/Order Completed: safe (additional-properties-opened safe)'],
    },
  ],
  'event-kind-changed': [
    {
      name: 'track to page',
      before: checkout(''),
      after: checkout('', ', kind: page'),
      expected: ['event Checkout/Order Completed: breaking (event-kind-changed breaking)'],
    },
  ],
};

describe('shape-checks', () => {
  describe.each(Object.entries<readonly Case[]>(TABLE))('%s', (_id, cases) => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, scenario) => {
      const plan = classified(scenario);
      expect(plan.operations).toEqual([]);
      expect(localVerdicts(plan)).toEqual(scenario.expected);
    });
  });

  it('has a case for every check of the family, where that check is found', () => {
    expect(Object.keys(TABLE).sort()).toEqual(SHAPE_CHECKS.map((check) => check.id).sort());
    for (const { id } of SHAPE_CHECKS)
      expect(
        TABLE[id].some((c) => c.expected.some((line) => line.includes(`${id} `))),
        id,
      ).toBe(true);
  });
});

describe('nested places, judged by the checks Secoda changes have', () => {
  it.each([
    [
      'a new required nested field',
      address('{ title: city, type: string }'),
      address('{ title: city, type: string }, { title: zip, type: string, required: true }'),
      ['property Checkout/Order Completed/address.zip: breaking (property-became-required breaking)'],
    ],
    [
      'a new optional nested field',
      address('{ title: city, type: string }'),
      address('{ title: city, type: string }, { title: zip, type: string }'),
      [],
    ],
    [
      'a nested field made optional',
      address('{ title: city, type: string, required: true }'),
      address('{ title: city, type: string }'),
      ['property Checkout/Order Completed/address.city: warning (property-became-optional warning)'],
    ],
    [
      'a nested enum value removed',
      address('{ title: kind, type: enum, enum: [home, work] }'),
      address('{ title: kind, type: enum, enum: [home] }'),
      ['property Checkout/Order Completed/address.kind: breaking (enum-value-removed breaking)'],
    ],
    [
      'a typed enum value added, in array items',
      checkout('{ title: codes, type: array, items: { type: integer, enum: [200] } }'),
      checkout('{ title: codes, type: array, items: { type: integer, enum: [200, 201] } }'),
      ['property Checkout/Order Completed/codes[]: safe (enum-value-added safe)'],
    ],
    [
      'a nested type changed and made nullable',
      address('{ title: city, type: string }'),
      address('{ title: city, type: integer, nullable: true }'),
      ['property Checkout/Order Completed/address.city: breaking (property-type-changed breaking, property-became-nullable safe)'],
    ],
  ])('%s', (_name, before, after, expected) => {
    const plan = classified({ before, after });
    expect(plan.operations).toEqual([]);
    expect(localVerdicts(plan)).toEqual(expected);
  });

  it('finds nothing without a baseline: the YAML alone cannot say what changed', () => {
    const plan = classified({ before: prop(', nullable: true'), after: prop(''), baseline: false });
    expect(plan.local_changes).toBeUndefined();
  });
});

describe('how local changes are shown', () => {
  const plan = classified({ before: prop(', nullable: true'), after: prop(", pattern: '^[A-Z]+$'") });

  it('in the terminal, apart from Secoda, which matches', () => {
    const text = renderPlanText(plan, { style: plain });
    expect(text).toContain('No changes.');
    expect(text).toContain('Changes only the plan holds (Secoda receives none of them; apply writes nothing for them):');
    expect(text).toContain('  ~ property Checkout › Order Completed › p\n');
    expect(text).toContain('      nullable: true → (none)\n');
    expect(text).toContain(
      'breaking: apps that send `p` of `Order Completed` as null will send invalid values [property-became-non-nullable]',
    );
    expect(text).toContain('1 change only the plan holds. Compatibility: 1 breaking, 0 warnings, 0 safe.');
  });

  it('in Markdown and JSON', () => {
    expect(renderPlanMarkdown(plan)).toContain('#### Changes only the plan holds');
    const json = JSON.parse(renderPlanJson(plan)) as { local_changes: { path: string[]; compatibility: { level: string } }[] };
    expect(json.local_changes.map((c) => [c.path, c.compatibility.level])).toEqual([[['Checkout', 'Order Completed', 'p'], 'breaking']]);
  });

  it('counted by --fail-on', () => {
    expect(failOnReason(plan, 'breaking')).toBe(
      '--fail-on breaking: the plan has 1 breaking change (property-became-non-nullable, pattern-narrowed)',
    );
  });
});
