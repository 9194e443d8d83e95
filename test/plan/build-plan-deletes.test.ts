// The plan builder deletes what the plan does not name, and the delete guard that holds large deletes back.
import { beforeEach, describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import { checkDeleteGuard } from '../../src/plan/delete-guard.js';
import { guardTripText } from '../../src/render/delete-guard-text.js';
import { cat, category, ev, event, plan, prop, property, resetClock, state } from '../support/remote-fixtures.js';
import { brief, opts } from './build-plan-support.js';

beforeEach(() => resetClock());

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
