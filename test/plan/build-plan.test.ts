import { beforeEach, describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import { checkDeleteGuard } from '../../src/plan/delete-guard.js';
import { guardCauseLines, guardTripText } from '../../src/render/delete-guard-text.js';
import { renderPlanJson } from '../../src/render/plan-json.js';
import { renderPlanText } from '../../src/render/plan-text.js';
import { plain } from '../../src/style.js';
import type { Operation } from '../../src/plan/types.js';
import { FOREIGN, cat, category, ev, event, plan, prop, property, resetClock, state } from '../support/remote-fixtures.js';

const opts = { writesPerMinute: 30 };
/** A compact view of operations: "action kind path". */
const brief = (ops: readonly Operation[]) => ops.map((op) => `${op.action} ${op.kind} ${op.path.join('/')}`);

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

describe('buildPlan: replaces', () => {
  const remote = () =>
    state({
      categories: [category('c1', 'C')],
      events: [event('e1', 'c1', 'E')],
      properties: [
        property('p1', 'e1', 'color', { type: 'enum', enum: 'red, green', is_required: true, tags: ['kept-tag'], description: 'Colour' }),
      ],
    });

  it('compares enum values as a set', () => {
    const tp = plan([cat('C', [ev('E', [prop('color', { type: 'enum', enum: ['green', 'red'] })])])]);
    expect(buildPlan(tp, remote(), opts).operations).toEqual([]);
  });

  it.each([
    ['enum', { type: 'enum' as const, enum: ['red', 'blue'] }, { field: 'enum', before: ['red', 'green'], after: ['red', 'blue'] }],
    ['type', { type: 'string' as const }, { field: 'type', before: 'enum', after: 'string' }],
    ['required', { required: false }, { field: 'required', before: true, after: false }],
    ['owners_groups', { owners_groups: ['g1'] }, { field: 'owners_groups', before: [], after: ['g1'] }],
  ])('replaces a property whose %s changes, naming the field', (field, yaml, change) => {
    const tp = plan([cat('C', [ev('E', [prop('color', yaml)])])]);
    const [op] = buildPlan(tp, remote(), opts).operations;
    expect(op).toMatchObject({ action: 'replace', kind: 'property', remote_id: 'p1', parent_id: 'e1', forced_by: [field] });
    expect(op?.changes).toContainEqual(change);
  });

  it('keeps unmanaged fields when it re-creates', () => {
    const tp = plan([cat('C', [ev('E', [prop('color', { type: 'enum', enum: ['red', 'blue'] })])])]);
    const [op] = buildPlan(tp, remote(), opts).operations;
    expect(op).toMatchObject({
      body: { title: 'color', type: 'enum', enum: 'red, blue', is_required: true, tags: ['kept-tag'], description: 'Colour' },
    });
  });

  it('replaces an event whose owners_groups change, re-creating its properties', () => {
    const tp = plan([cat('C', [ev('E', [prop('color')], { owners_groups: ['g1'] })])]);
    const result = buildPlan(tp, remote(), opts);
    expect(brief(result.operations)).toEqual(['delete property C/E/color', 'replace event C/E', 'create property C/E/color']);
    expect(result.operations[1]).toMatchObject({ forced_by: ['owners_groups'], parent_id: 'c1' });
    // The re-created property keeps what the YAML leaves unmanaged.
    expect(result.operations[2]).toMatchObject({
      parent_id: null,
      body: { title: 'color', type: 'enum', enum: 'red, green', tags: ['kept-tag'] },
    });
    expect(result.summary).toMatchObject({ replace: 1, write_calls: 4, estimated_seconds: 8 });
  });

  it('moves an event to another category as a replace forced by parent', () => {
    const remoteState = state({ categories: [category('c1', 'Old'), category('c2', 'New')], events: [event('e1', 'c1', 'E')] });
    const result = buildPlan(plan([cat('Old'), cat('New', [ev('E')])]), remoteState, opts);
    expect(result.operations).toEqual([
      expect.objectContaining({
        action: 'replace',
        kind: 'event',
        path: ['New', 'E'],
        parent_id: 'c2',
        forced_by: ['parent'],
        changes: [{ field: 'parent', before: 'Old', after: 'New' }],
      }),
    ]);
  });

  it("names a moved event's old properties where they are (the old category) and the new ones where they will be", () => {
    const remoteState = state({
      categories: [category('c1', 'Old'), category('c2', 'New')],
      events: [event('e1', 'c1', 'E')],
      properties: [property('p1', 'e1', 'b', { type: 'string' }), property('p2', 'e1', 'a')],
    });
    const result = buildPlan(plan([cat('Old'), cat('New', [ev('E', [prop('a'), prop('b', { type: 'string' })])])]), remoteState, opts);
    expect(brief(result.operations)).toEqual([
      'delete property Old/E/a',
      'delete property Old/E/b',
      'replace event New/E',
      'create property New/E/a',
      'create property New/E/b',
    ]);
    // Only the paths say more than before: what is deleted, created and sent is the same.
    expect(result.operations.map((op) => [op.action, op.remote_id, 'parent_id' in op ? op.parent_id : undefined])).toEqual([
      ['delete', 'p2', 'e1'],
      ['delete', 'p1', 'e1'],
      ['replace', 'e1', 'c2'],
      ['create', null, null],
      ['create', null, null],
    ]);
    expect(result.operations[4]).toMatchObject({ body: { title: 'b', type: 'string' } });
  });

  it('shows what else a moved event changes (it rides on the re-create), without forcing more than the move', () => {
    const remoteState = state({
      categories: [category('c1', 'Old'), category('c2', 'New')],
      events: [event('e1', 'c1', 'E', { description: 'Before.' })],
    });
    const result = buildPlan(plan([cat('Old'), cat('New', [ev('E', [], { description: 'After.' })])]), remoteState, opts);
    expect(result.operations).toEqual([
      expect.objectContaining({
        action: 'replace',
        forced_by: ['parent'],
        changes: [
          { field: 'parent', before: 'Old', after: 'New' },
          { field: 'description', before: 'Before.', after: 'After.' },
        ],
        body: expect.objectContaining({ description: 'After.' }) as unknown,
      }),
    ]);
    expect(renderPlanText(result, { style: plain })).toContain('description: "Before." → "After."');
  });

  it("names a moved event's category by its ID when the category is not the integration's", () => {
    const remoteState = state({
      categories: [category('c2', 'New')],
      events: [event('e1', 'c-elsewhere', 'E')],
      properties: [property('p1', 'e1', 'a')],
    });
    const result = buildPlan(plan([cat('New', [ev('E', [prop('a')])])]), remoteState, opts);
    expect(brief(result.operations)).toEqual([
      'delete property (category c-elsewhere)/E/a',
      'replace event New/E',
      'create property New/E/a',
    ]);
  });
});

describe('buildPlan: deletes', () => {
  it('deletes what the YAML does not name, children first', () => {
    const remote = state({
      categories: [category('c1', 'C')],
      events: [event('e1', 'c1', 'Kept'), event('e2', 'c1', 'Gone')],
      properties: [property('p1', 'e2', 'b'), property('p2', 'e2', 'a'), property('p3', 'e1', 'stale')],
    });
    const result = buildPlan(plan([cat('C', [ev('Kept')])]), remote, opts);
    expect(brief(result.operations)).toEqual([
      'delete property C/Kept/stale',
      'delete property C/Gone/a',
      'delete property C/Gone/b',
      'delete event C/Gone',
    ]);
    expect(result.operations.at(-1)).toMatchObject({ remote_id: 'e2', reason: 'not in the tracking plan' });
    expect(result.summary).toMatchObject({ delete: 4, write_calls: 4, estimated_seconds: 8, managed_resources: 5 });
  });

  it('keeps the oldest of remote duplicates and deletes the others', () => {
    const remote = state({
      categories: [category('c1', 'C')],
      events: [event('old', 'c1', 'E'), event('new', 'c1', 'E')],
      properties: [property('p-old', 'old', 'x'), property('p-new', 'old', 'x'), property('q', 'new', 'x')],
    });
    const result = buildPlan(plan([cat('C', [ev('E', [prop('x')])])]), remote, opts);
    expect(result.operations).toEqual([
      expect.objectContaining({ action: 'delete', kind: 'property', remote_id: 'p-new', duplicate_of: 'p-old' }),
      expect.objectContaining({ action: 'delete', kind: 'property', remote_id: 'q', reason: 'its event is deleted' }),
      expect.objectContaining({ action: 'delete', kind: 'event', remote_id: 'new', duplicate_of: 'old' }),
    ]);
  });

  it('deletes events and properties whose parent is not under the integration', () => {
    const remote = state({ events: [event('e1', 'missing-cat', 'Orphan')], properties: [property('p1', 'missing-ev', 'lost')] });
    const result = buildPlan(plan([]), remote, opts);
    expect(result.operations.map((op) => [op.action, op.remote_id])).toEqual([
      ['delete', 'e1'],
      ['delete', 'p1'],
    ]);
  });
});

describe('buildPlan: categories', () => {
  it('warns about a category the plan does not name, and deletes its events', () => {
    const remote = state({ categories: [category('c1', 'Legacy')], events: [event('e1', 'c1', 'Old')] });
    const result = buildPlan(plan([]), remote, opts);
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: 'category-not-in-plan', path: ['Legacy'], hint: expect.stringContaining('by hand') }),
    ]);
    expect(brief(result.operations)).toEqual(['delete event Legacy/Old']);
  });

  it('warns when teams differ (categories cannot be updated)', () => {
    const remote = state({ categories: [category('c1', 'C', { teams: ['t1'] })] });
    const result = buildPlan(plan([cat('C', [], { teams: ['t2'] })]), remote, opts);
    expect(result.operations).toEqual([]);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'category-teams-differ' })]);
  });

  it('uses the oldest of duplicate categories and moves events out of the others', () => {
    const remote = state({
      categories: [category('c-old', 'C'), category('c-new', 'C')],
      events: [event('e1', 'c-new', 'E'), event('e2', 'c-new', 'Stale')],
    });
    const result = buildPlan(plan([cat('C', [ev('E')])]), remote, opts);
    expect(result.warnings.map((w) => w.code)).toEqual(['category-duplicate']);
    expect(brief(result.operations)).toEqual(['replace event C/E', 'delete event C/Stale']);
    expect(result.operations[0]).toMatchObject({ parent_id: 'c-old', forced_by: ['parent'] });
  });

  it('an event that both copies of a category hold is a duplicate in the younger copy, not a resource the plan drops', () => {
    // Two applies that each created the category and used their own copy (their creates landed in
    // the same instant, or one listed before the other's copy was visible) each made every event.
    const remote = state({
      categories: [category('c-old', 'C'), category('c-new', 'C')],
      events: [event('e1', 'c-old', 'E'), event('e2', 'c-new', 'E'), event('e3', 'c-new', 'E'), event('e4', 'c-new', 'Stale')],
      properties: [property('p1', 'e1', 'id', { type: 'string' }), property('p2', 'e2', 'id', { type: 'string' })],
    });
    const result = buildPlan(plan([cat('C', [ev('E', [prop('id', { type: 'string' })])])]), remote, opts);
    expect(brief(result.operations)).toEqual(['delete property C/E/id', 'delete event C/E', 'delete event C/E', 'delete event C/Stale']);
    expect(result.operations.slice(1, 3)).toEqual([
      expect.objectContaining({ remote_id: 'e2', duplicate_of: 'e1', reason: expect.stringContaining('a duplicate') }),
      expect.objectContaining({ remote_id: 'e3', duplicate_of: 'e1' }),
    ]);
    // Only what the plan really drops counts against the guard, and the cause says so.
    const guard = checkDeleteGuard(result, { maxDeletes: 0, allowDeletes: false });
    expect(guard).toMatchObject({ destroys: 1, duplicates: 3 });
    expect(guardCauseLines(guard)).toEqual([
      '1 event is not in the tracking plan: check the plan path (a wrong directory, a file left out)',
      expect.stringMatching(/^3 duplicates \(surplus copies/),
    ]);
  });
});

describe('buildPlan: stability', () => {
  it('gives byte-identical JSON whatever order the remote lists come in', () => {
    const categories = [category('c1', 'A'), category('c2', 'B')];
    const events = [event('e1', 'c1', 'x'), event('e2', 'c1', 'y'), event('e3', 'c2', 'z'), event('e4', 'c2', 'w')];
    const properties = [property('p1', 'e1', 'q'), property('p2', 'e1', 'r'), property('p3', 'e3', 's')];
    const tp = plan([cat('A', [ev('x', [prop('q', { type: 'string' })])])]);
    const first = renderPlanJson(buildPlan(tp, state({ categories, events, properties }), opts));
    const shuffled = renderPlanJson(
      buildPlan(
        tp,
        state({
          categories: [...categories].reverse(),
          events: [events[2]!, events[0]!, events[3]!, events[1]!],
          properties: [...properties].reverse(),
        }),
        opts,
      ),
    );
    expect(shuffled).toBe(first);
  });

  it('says nothing to do when Secoda matches', () => {
    const remote = state({
      categories: [category('c1', 'C')],
      events: [event('e1', 'c1', 'E')],
      properties: [property('p1', 'e1', 'x', { type: 'string', is_required: false })],
    });
    const result = buildPlan(plan([cat('C', [ev('E', [prop('x', { type: 'string', required: false })])])]), remote, opts);
    expect(result.operations).toEqual([]);
    expect(result.summary.write_calls).toBe(0);
  });

  it('changes the fingerprints when what it read changes', () => {
    const tp = plan([cat('C')]);
    const a = buildPlan(tp, state({ categories: [category('c1', 'C')], events: [event('e1', 'c1', 'E', { description: 'a' })] }), opts);
    resetClock();
    const b = buildPlan(tp, state({ categories: [category('c1', 'C')], events: [event('e1', 'c1', 'E', { description: 'b' })] }), opts);
    expect(a.remote_fingerprint).not.toBe(b.remote_fingerprint);
    expect(a.tracking_plan_fingerprint).toBe(b.tracking_plan_fingerprint);
    expect(buildPlan(plan([cat('D')]), state(), opts).tracking_plan_fingerprint).not.toBe(a.tracking_plan_fingerprint);
  });
});

describe('checkDeleteGuard', () => {
  const remote = (n: number) =>
    state({ categories: [category('c1', 'C')], events: Array.from({ length: n }, (_, i) => event(`e${i}`, 'c1', `E${i}`)) });

  it('refuses more than --max-deletes', () => {
    const result = buildPlan(plan([cat('C')]), remote(11), opts);
    const verdict = checkDeleteGuard(result, { maxDeletes: 10, allowDeletes: false });
    expect(verdict).toMatchObject({ deletes: 11, refused: true, trip: { overMaxDeletes: 10, overQuarterOf: 11 } });
    expect(guardTripText(verdict)).toContain('--max-deletes 10');
    expect(checkDeleteGuard(result, { maxDeletes: 10, allowDeletes: true }).refused).toBe(false);
  });

  it('refuses more than a quarter of the managed resources', () => {
    const tp = plan([
      cat(
        'C',
        Array.from({ length: 7 }, (_, i) => ev(`E${i}`)),
      ),
    ]);
    const result = buildPlan(tp, remote(10), opts);
    expect(checkDeleteGuard(result, { maxDeletes: 10, allowDeletes: false })).toMatchObject({
      deletes: 3,
      managed: 10,
      refused: true,
      trip: { overMaxDeletes: null, overQuarterOf: 10 },
    });
  });

  it('lets a small delete through', () => {
    const tp = plan([
      cat(
        'C',
        Array.from({ length: 9 }, (_, i) => ev(`E${i}`)),
      ),
    ]);
    expect(checkDeleteGuard(buildPlan(tp, remote(10), opts), { maxDeletes: 10, allowDeletes: false })).toMatchObject({
      deletes: 1,
      refused: false,
      trip: null,
    });
  });
});

describe('compareTimestamps', () => {
  it('orders by instant across precisions and offsets, unknowns last', async () => {
    const { compareTimestamps } = await import('../../src/plan/compare.js');
    const values = [
      '2024-01-01T00:00:00.5Z',
      null,
      '2024-01-01T00:00:00Z',
      '2024-01-01T01:00:00.000001+02:00',
      'garbage',
      '2024-01-01T00:00:00.000001Z',
    ];
    expect([...values].sort(compareTimestamps)).toEqual([
      '2024-01-01T01:00:00.000001+02:00',
      '2024-01-01T00:00:00Z',
      '2024-01-01T00:00:00.000001Z',
      '2024-01-01T00:00:00.5Z',
      null,
      'garbage',
    ]);
  });

  it('keeps the truly oldest duplicate when timestamps differ in precision', () => {
    const remote = state({
      categories: [category('c1', 'C')],
      events: [
        event('newer', 'c1', 'E', { created_at: '2024-01-01T00:00:00.100000Z' }),
        event('older', 'c1', 'E', { created_at: '2024-01-01T00:00:00Z' }),
      ],
    });
    const result = buildPlan(plan([cat('C', [ev('E')])]), remote, opts);
    expect(result.operations).toEqual([expect.objectContaining({ action: 'delete', remote_id: 'newer', duplicate_of: 'older' })]);
  });
});
