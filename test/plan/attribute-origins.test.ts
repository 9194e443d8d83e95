import { beforeEach, describe, expect, it } from 'vitest';
import { attributeOrigins } from '../../src/plan/attribute-origins.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { Plan } from '../../src/plan/types.js';
import { planToJson } from '../../src/render/plan-json.js';
import type { RemoteState } from '../../src/secoda/types.js';
import type { TrackingPlan } from '../../src/tracking-plan/types.js';
import { cat, category, ev, event, plan, prop, property, resetClock, state } from '../support/remote-fixtures.js';

beforeEach(() => resetClock());

/** "action kind path → origin" for each operation of the plan of `now` against `remote`, with `before` as the baseline. */
function origins(now: TrackingPlan, remote: RemoteState, before: TrackingPlan | null): string[] {
  const attributed = attributeOrigins(buildPlan(now, remote, { writesPerMinute: 0 }), now, before);
  return attributed.operations.map((op) => `${op.action} ${op.kind} ${op.path.join('/')} → ${String(op.origin)}`);
}

const remoteWith = (extra: Partial<RemoteState> = {}) =>
  state({
    categories: [category('c-a', 'A'), category('c-b', 'B')],
    events: [event('e1', 'c-a', 'E', { description: 'remote', tags: ['t1'] })],
    properties: [property('p1', 'e1', 'size', { type: 'string' }), property('p2', 'e1', 'color', { type: 'string' })],
    ...extra,
  });

describe('attributeOrigins', () => {
  it('an update: the YAML changed the field (tracking plan), or it did not (Secoda drifted)', () => {
    const before = plan([cat('A', [ev('E', [prop('size'), prop('color')], { description: 'yaml', tags: ['t1'] })]), cat('B')]);
    expect(origins(before, remoteWith(), before)).toEqual(['update event A/E → secoda']);
    const now = plan([cat('A', [ev('E', [prop('size'), prop('color')], { description: 'new yaml', tags: ['t1'] })]), cat('B')]);
    expect(origins(now, remoteWith(), before)).toEqual(['update event A/E → tracking-plan']);
  });

  it("an update with fields from both sides counts as the tracking plan's", () => {
    const before = plan([cat('A', [ev('E', [prop('size'), prop('color')], { description: 'yaml', tags: ['t1'] })]), cat('B')]);
    const now = plan([cat('A', [ev('E', [prop('size'), prop('color')], { description: 'yaml', tags: ['t2'] })]), cat('B')]);
    // description drifted in Secoda ("remote"), tags changed in the YAML.
    expect(origins(now, remoteWith(), before)).toEqual(['update event A/E → tracking-plan']);
  });

  it('compares lists as sets: reordering IDs in the YAML is not a change', () => {
    const before = plan([
      cat('A', [ev('E', [prop('size'), prop('color')], { owners: ['8680f886-97d2-4f4e-92c8-c80b46a3017d', 'o2'] })]),
      cat('B'),
    ]);
    const now = plan([
      cat('A', [ev('E', [prop('size'), prop('color')], { owners: ['o2', '8680F88697D24F4E92C8C80B46A3017D'] })]),
      cat('B'),
    ]);
    expect(origins(now, remoteWith(), before)).toEqual(['update event A/E → secoda']);
  });

  it('a property replaced because its type changed, in the YAML or in Secoda', () => {
    const yaml = (type: 'string' | 'integer') => plan([cat('A', [ev('E', [prop('size', { type }), prop('color')])]), cat('B')]);
    expect(origins(yaml('integer'), remoteWith(), yaml('string'))).toEqual(['replace property A/E/size → tracking-plan']);
    expect(origins(yaml('integer'), remoteWith(), yaml('integer'))).toEqual(['replace property A/E/size → secoda']);
  });

  it('an event moved in the YAML, and one moved in Secoda; their properties follow the event', () => {
    const underA = plan([cat('A', [ev('E', [prop('size')])]), cat('B')]);
    const underB = plan([cat('A'), cat('B', [ev('E', [prop('size')])])]);
    const moved = [
      'delete property A/E/color → X',
      'delete property A/E/size → X',
      'replace event B/E → X',
      'create property B/E/size → X',
    ];
    // The YAML moved it from A to B; Secoda still has it under A.
    expect(origins(underB, remoteWith(), underA)).toEqual(moved.map((line) => line.replace('X', 'tracking-plan')));
    // The YAML kept it under B; someone moved it to A in Secoda.
    expect(origins(underB, remoteWith(), underB)).toEqual(moved.map((line) => line.replace('X', 'secoda')));
  });

  it("properties re-created by a replace the YAML caused are the tracking plan's, though the baseline names them", () => {
    const yaml = (groups: string[]) => plan([cat('A', [ev('E', [prop('size'), prop('color')], { owners_groups: groups })]), cat('B')]);
    expect(origins(yaml(['g2']), remoteWith(), yaml([]))).toEqual([
      'delete property A/E/color → tracking-plan',
      'delete property A/E/size → tracking-plan',
      'replace event A/E → tracking-plan',
      'create property A/E/size → tracking-plan',
      'create property A/E/color → tracking-plan',
    ]);
  });

  it('creates and deletes: named in the baseline or not', () => {
    const before = plan([cat('A', [ev('E', [prop('size'), prop('color')])]), cat('B')]);
    const remote = remoteWith({ properties: [property('p1', 'e1', 'size'), property('p3', 'e1', 'extra')] });
    // color was in the YAML and is gone from Secoda; extra was added in Secoda.
    expect(origins(before, remote, before)).toEqual(['create property A/E/color → secoda', 'delete property A/E/extra → secoda']);
    const now = plan([cat('A', [ev('E', [prop('size'), prop('added')])]), cat('B')]);
    expect(origins(now, remoteWith(), before)).toEqual([
      'create property A/E/added → tracking-plan',
      'delete property A/E/color → tracking-plan',
    ]);
  });

  it("a remote duplicate is always Secoda's, even of something the baseline names", () => {
    const before = plan([cat('A', [ev('E', [prop('size'), prop('color')])]), cat('B')]);
    const remote = remoteWith({
      events: [event('e1', 'c-a', 'E'), event('e2', 'c-a', 'E')],
      properties: [property('p1', 'e1', 'size'), property('p2', 'e1', 'color'), property('p9', 'e2', 'size')],
    });
    expect(origins(before, remote, before)).toEqual(['delete property A/E/size → secoda', 'delete event A/E → secoda']);
  });

  it('without a readable baseline every origin is unknown (null)', () => {
    const now = plan([cat('A', [ev('E', [prop('size'), prop('color')], { description: 'x' })]), cat('B')]);
    expect(origins(now, remoteWith(), null)).toEqual(['update event A/E → null']);
  });

  it('JSON carries `origin` only when a baseline was given', () => {
    const now = plan([cat('A', [ev('E', [prop('size'), prop('color')], { description: 'x' })]), cat('B')]);
    const built: Plan = buildPlan(now, remoteWith(), { writesPerMinute: 0 });
    const [withOrigin] = (planToJson(attributeOrigins(built, now, now)) as { operations: Record<string, unknown>[] }).operations;
    const [without] = (planToJson(built) as { operations: Record<string, unknown>[] }).operations;
    expect(withOrigin).toMatchObject({ action: 'update', origin: 'secoda' });
    expect(Object.keys(withOrigin!)).toEqual(['action', 'kind', 'path', 'remote_id', 'reason', 'origin', 'changes', 'patch']);
    expect(without).not.toHaveProperty('origin');
  });
});
