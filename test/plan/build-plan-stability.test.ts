// The plan builder's output is stable: byte-identical whatever the remote order, empty when in step,
// and fingerprinted on what it read.
import { beforeEach, describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import { renderPlanJson } from '../../src/render/plan-json.js';
import { cat, category, ev, event, plan, prop, property, resetClock, state } from '../support/remote-fixtures.js';
import { opts } from './build-plan-support.js';

beforeEach(() => resetClock());

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
