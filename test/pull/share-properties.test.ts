import { describe, expect, it } from 'vitest';
import { shareProperties } from '../../src/pull/share-properties.js';
import type { PlanProperty, TrackingPlan } from '../../src/tracking-plan/types.js';
import { INTEGRATION } from '../support/remote-fixtures.js';

const currency = (extra: Partial<PlanProperty> = {}): PlanProperty => ({
  title: 'currency',
  type: 'enum',
  enum: ['USD', 'EUR'],
  description: 'ISO 4217.',
  ...extra,
});
const planOf = (...events: PlanProperty[][]): TrackingPlan => ({
  version: 1,
  integration: INTEGRATION,
  categories: [{ title: 'C', events: events.map((properties, i) => ({ title: `E${i}`, properties })) }],
});
const uses = (plan: TrackingPlan) => plan.categories[0]!.events.map((e) => e.properties.map((p) => p.shared ?? null));

describe('shareProperties (pull --shared)', () => {
  it('shares a property that two events carry alike, and leaves one-offs written out', () => {
    const { plan, definitions } = shareProperties(planOf([currency(), { title: 'x' }], [currency()], [{ title: 'y' }]));
    expect(definitions).toEqual([currency()]);
    expect(uses(plan)).toEqual([[{ definition: 'currency', overrides: [] }, null], [{ definition: 'currency', overrides: [] }], [null]]);
    // The content does not change: only the marks.
    expect(plan.categories[0]!.events[0]!.properties[0]).toMatchObject(currency());
  });

  it('takes the `required` most copies have, and lets the others override it', () => {
    const { plan, definitions } = shareProperties(
      planOf([currency({ required: true })], [currency({ required: true })], [currency({ required: false })]),
    );
    expect(definitions).toEqual([currency({ required: true })]);
    expect(
      uses(plan)
        .flat()
        .map((u) => u?.overrides),
    ).toEqual([[], [], ['required']]);
  });

  it('leaves `required` to each event when one copy does not set it', () => {
    const { plan, definitions } = shareProperties(planOf([currency({ required: true })], [currency()]));
    expect(definitions[0]).not.toHaveProperty('required');
    expect(
      uses(plan)
        .flat()
        .map((u) => u?.overrides),
    ).toEqual([['required'], []]);
  });

  it('shares the largest group of alike copies; copies that differ otherwise stay written out', () => {
    const other = currency({ description: 'Currency of the refund.' });
    const { plan, definitions } = shareProperties(planOf([other], [currency()], [currency()]));
    expect(definitions).toEqual([currency()]);
    expect(
      uses(plan)
        .flat()
        .map((u) => u?.definition ?? null),
    ).toEqual([null, 'currency', 'currency']);
  });

  it('breaks a tie between groups by their content, whatever the order of events', () => {
    const a = currency({ description: 'A.' });
    const b = currency({ description: 'B.' });
    expect(shareProperties(planOf([b], [a], [b], [a])).definitions).toEqual([a]);
    expect(shareProperties(planOf([a], [b], [a], [b])).definitions).toEqual([a]);
  });

  it('shares only one of two titles that differ by case (definitions are unique ignoring case)', () => {
    const upper = currency({ title: 'Currency' });
    const { definitions } = shareProperties(planOf([upper], [upper], [currency()], [currency()]));
    expect(definitions.map((d) => d.title)).toEqual(['Currency']);
  });
});
