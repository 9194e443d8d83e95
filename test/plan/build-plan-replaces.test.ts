// The plan builder re-creates what Secoda cannot update in place, moved events included.
import { beforeEach, describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import { renderPlanText } from '../../src/render/plan-text.js';
import { plain } from '../../src/style.js';
import { cat, category, ev, event, plan, prop, property, resetClock, state } from '../support/remote-fixtures.js';
import { brief, opts } from './build-plan-support.js';

beforeEach(() => resetClock());

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
