// The plan builder creates what Secoda lacks, updates what differs, and keeps to its integration.
import { beforeEach, describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import { FOREIGN, cat, category, ev, event, plan, prop, property, resetClock, state } from '../support/remote-fixtures.js';
import { brief, opts } from './build-plan-support.js';

beforeEach(() => resetClock());

describe('buildPlan: creates', () => {
  it('creates parent-first into an empty integration', () => {
    const result = buildPlan(
      plan([
        cat('Checkout', [ev('Order Completed', [prop('currency', { type: 'enum', enum: ['USD', 'EUR'], required: true })])], {
          teams: ['t1'],
        }),
      ]),
      state(),
      opts,
    );
    expect(brief(result.operations)).toEqual([
      'create category Checkout',
      'create event Checkout/Order Completed',
      'create property Checkout/Order Completed/currency',
    ]);
    const [, createEvent, createProperty] = result.operations;
    expect(createEvent).toMatchObject({ parent_id: null, body: { title: 'Order Completed' } });
    expect(createProperty).toMatchObject({
      parent_id: null,
      body: { title: 'currency', type: 'enum', enum: 'USD, EUR', is_required: true },
    });
    expect(result.summary).toMatchObject({
      create: 3,
      update: 0,
      replace: 0,
      delete: 0,
      write_calls: 3,
      estimated_seconds: 6,
    });
  });

  it('sends only the fields the YAML states', () => {
    const result = buildPlan(
      plan([cat('C', [ev('E', [], { description: 'd', pii: false })])]),
      state({ categories: [category('c1', 'C')] }),
      opts,
    );
    expect(result.operations).toEqual([
      expect.objectContaining({ action: 'create', kind: 'event', parent_id: 'c1', body: { title: 'E', description: 'd', pii: false } }),
    ]);
  });
});

describe('buildPlan: scope', () => {
  it('ignores another integration, even with the same titles', () => {
    const remote = state({
      categories: [category('foreign-cat', 'Checkout', { integration: FOREIGN })],
      events: [event('foreign-ev', 'foreign-cat', 'Order Completed', { integration: FOREIGN })],
      properties: [property('foreign-p', 'foreign-ev', 'currency', { integration: FOREIGN })],
    });
    const result = buildPlan(plan([cat('Checkout', [ev('Order Completed')])]), remote, opts);
    expect(brief(result.operations)).toEqual(['create category Checkout', 'create event Checkout/Order Completed']);
    expect(result.operations.some((op) => op.remote_id?.startsWith('foreign'))).toBe(false);
    expect(result.warnings).toEqual([]);
  });

  it('gives the same fingerprint whatever happens in another integration', () => {
    const ours = state({ categories: [category('c1', 'C')], events: [event('e1', 'c1', 'E')] });
    const withForeign = { ...ours, events: [...ours.events, event('x', 'y', 'Z', { integration: FOREIGN })] };
    const tp = plan([cat('C', [ev('E')])]);
    expect(buildPlan(tp, withForeign, opts).remote_fingerprint).toBe(buildPlan(tp, ours, opts).remote_fingerprint);
  });
});

describe('buildPlan: updates', () => {
  const remote = () =>
    state({
      categories: [category('c1', 'C')],
      events: [
        event('e1', 'c1', 'E', { description: 'old', tags: ['a', 'b'], owners: ['8680f886-97d2-4f4e-92c8-c80b46a3017d'], pii: true }),
      ],
    });

  it('leaves fields the YAML does not state alone', () => {
    expect(buildPlan(plan([cat('C', [ev('E')])]), remote(), opts).operations).toEqual([]);
  });

  it('compares lists as sets, and IDs with or without dashes as equal', () => {
    const tp = plan([cat('C', [ev('E', [], { tags: ['b', 'a'], owners: ['8680F88697D24F4E92C8C80B46A3017D'] })])]);
    expect(buildPlan(tp, remote(), opts).operations).toEqual([]);
  });

  it('patches only the changed fields, with before and after', () => {
    const tp = plan([cat('C', [ev('E', [], { description: 'new', tags: ['a', 'c'], pii: true })])]);
    const [op] = buildPlan(tp, remote(), opts).operations;
    expect(op).toMatchObject({
      action: 'update',
      kind: 'event',
      remote_id: 'e1',
      patch: { description: 'new', tags: ['a', 'c'] },
      changes: [
        { field: 'description', before: 'old', after: 'new' },
        { field: 'tags', before: ['a', 'b'], after: ['a', 'c'] },
      ],
    });
  });

  it('clears a description with "" and treats a remote null as ""', () => {
    expect(buildPlan(plan([cat('C', [ev('E', [], { description: '' })])]), remote(), opts).operations[0]).toMatchObject({
      patch: { description: '' },
    });
    const blank = state({ categories: [category('c1', 'C')], events: [event('e1', 'c1', 'E', { description: null })] });
    expect(buildPlan(plan([cat('C', [ev('E', [], { description: '' })])]), blank, opts).operations).toEqual([]);
  });
});
