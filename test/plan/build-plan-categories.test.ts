// The plan builder on categories: unnamed ones, differing teams, duplicates, and which copy is oldest.
import { beforeEach, describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import { checkDeleteGuard } from '../../src/plan/delete-guard.js';
import { guardCauseLines } from '../../src/render/delete-guard-text.js';
import { cat, category, ev, event, plan, prop, property, resetClock, state } from '../support/remote-fixtures.js';
import { brief, opts } from './build-plan-support.js';

beforeEach(() => resetClock());

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
