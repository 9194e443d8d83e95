/** Which operations are drift, and who made it (issue 23, item 4): pure, over built plans. */
import { beforeEach, describe, expect, it } from 'vitest';
import { idKey } from '../../src/ids.js';
import { attributeOrigins } from '../../src/plan/attribute-origins.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { attributeDrift, driftResourceIds } from '../../src/plan/drift-attribution.js';
import type { LatestChange } from '../../src/secoda/audit-log.js';
import { cat, category, ev, event, plan, prop, property, resetClock, state } from '../support/remote-fixtures.js';

beforeEach(() => resetClock());

const remote = () =>
  state({
    categories: [category('c-a', 'A')],
    events: [event('e1', 'c-a', 'E', { description: 'edited in Secoda' }), event('e2', 'c-a', 'Extra')],
    properties: [property('p1', 'e1', 'size', { type: 'string' })],
  });
const yaml = plan([cat('A', [ev('E', [prop('size')], { description: 'yaml' }), ev('New')])]);
const built = () => buildPlan(yaml, remote(), { writesPerMinute: 0 });
const change = (resourceId: string, by: string, loggedAt: string): [string, LatestChange] => [
  idKey(resourceId),
  { resourceId, by, loggedAt, activity: 'update' },
];

describe('driftResourceIds', () => {
  it('names the resources Secoda differs on or holds beyond the YAML, never a create', () => {
    expect(built().operations.map((op) => `${op.action} ${op.path.join('/')}`)).toEqual(['update A/E', 'create A/New', 'delete A/Extra']);
    expect(driftResourceIds(built())).toEqual(['e1', 'e2']);
  });

  it('is empty for a no-op plan, so no audit request is made', () => {
    const same = plan([cat('A', [ev('E', [prop('size')], { description: 'edited in Secoda' }), ev('Extra')])]);
    expect(driftResourceIds(buildPlan(same, remote(), { writesPerMinute: 0 }))).toEqual([]);
  });

  it('leaves out what the YAML changed since the baseline', () => {
    const baseline = plan([cat('A', [ev('E', [prop('size')], { description: 'before' }), ev('Extra')])]);
    // E's description changed in the YAML (not drift); Extra was taken out of the YAML (not drift either).
    expect(driftResourceIds(attributeOrigins(built(), yaml, baseline))).toEqual([]);
    const sameYaml = attributeOrigins(built(), yaml, yaml);
    expect(driftResourceIds(sameYaml)).toEqual(['e1', 'e2']);
  });
});

describe('attributeDrift', () => {
  it('sets who and the UTC day on each drift operation the log knows, and nothing else', () => {
    const latest = new Map([
      change('e1', 'ana@acme.com', '2026-12-01T23:30:00-05:00'),
      change('new', 'bo@acme.com', '2026-01-01T00:00:00Z'),
    ]);
    const ops = attributeDrift(built(), latest).operations;
    expect(ops.map((op) => op.changed_in_secoda ?? null)).toEqual([
      { by: 'ana@acme.com', on: '2026-12-02', logged_at: '2026-12-01T23:30:00-05:00', activity: 'update' },
      null,
      null,
    ]);
  });

  it('leaves the plan as it is for an empty log', () => {
    const plain = built();
    expect(attributeDrift(plain, new Map())).toBe(plain);
  });
});
