/**
 * The fingerprints are written into saved plans and compared across runs (and versions), so the
 * streamed implementation must hash exactly the bytes of the straightforward one it replaced:
 * sha256(canonicalJson(value)). This test keeps that straightforward version as the oracle.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idKey } from '../../src/ids.js';
import { canonicalJson, remoteFingerprint, trackingPlanFingerprint } from '../../src/plan/fingerprint.js';
import type { RemoteState } from '../../src/secoda/types.js';
import type { TrackingPlan } from '../../src/tracking-plan/types.js';

const sha = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

function oracleRemote(remote: RemoteState): string {
  const byId = <T extends { id: string }>(items: readonly T[]): T[] =>
    [...items].sort((a, b) => (idKey(a.id) < idKey(b.id) ? -1 : idKey(a.id) > idKey(b.id) ? 1 : 0));
  const ids = (list: readonly string[]) => list.map(idKey).sort();
  const common = (r: RemoteState['events'][number]) => ({
    id: idKey(r.id),
    title: r.title,
    parent: r.parent === null ? null : idKey(r.parent),
    created_at: r.created_at,
    description: r.description,
    definition: r.definition,
    pii: r.pii,
    verified: r.verified,
    published: r.published,
    teams: ids(r.teams),
    owners: ids(r.owners),
    owners_groups: ids(r.owners_groups),
    collections: ids(r.collections),
    tags: ids(r.tags),
    subscribers: ids(r.subscribers),
  });
  return sha(
    canonicalJson({
      categories: byId(remote.categories).map((c) => ({ id: idKey(c.id), title: c.title, teams: ids(c.teams), created_at: c.created_at })),
      events: byId(remote.events).map(common),
      properties: byId(remote.properties).map((p) => ({ ...common(p), type: p.type, enum: p.enum, is_required: p.is_required })),
    }),
  );
}

function oraclePlan(plan: TrackingPlan): string {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) if (key !== 'source') out[key] = strip(v);
      return out;
    }
    return value;
  };
  return sha(canonicalJson(strip(plan)));
}

// Ids written both ways, duplicates and odd characters: the ordering and normalisation paths.
const id = fc.oneof(
  fc.uuid(),
  fc.uuid().map((u) => u.replace(/-/g, '').toUpperCase()),
  fc.constantFrom('a', 'B', 'x-1', '43d7c33dad744dfbbfadc172f6701afb'),
);
const text = fc.string({ maxLength: 12 });
const nullableText = fc.option(fc.oneof(text, fc.constant('é "quoted" \\ \n')), { nil: null });
const flag = fc.option(fc.boolean(), { nil: null });
const ids = fc.array(id, { maxLength: 3 });
const common = fc.record({
  id,
  title: text,
  parent: fc.option(id, { nil: null }),
  integration: fc.option(id, { nil: null }),
  created_at: nullableText,
  description: nullableText,
  definition: nullableText,
  pii: flag,
  verified: flag,
  published: flag,
  teams: ids,
  owners: ids,
  owners_groups: ids,
  collections: ids,
  tags: ids,
  subscribers: ids,
});
const remoteState: fc.Arbitrary<RemoteState> = fc.record({
  categories: fc.array(fc.record({ id, title: text, integration: fc.option(id, { nil: null }), teams: ids, created_at: nullableText }), {
    maxLength: 4,
  }),
  events: fc.array(common, { maxLength: 6 }),
  properties: fc.array(
    fc.record({ common, type: nullableText, enum: nullableText, is_required: flag }).map(({ common: c, ...rest }) => ({ ...c, ...rest })),
    { maxLength: 8 },
  ),
});

const source = fc.record({ file: text, line: fc.nat(), column: fc.nat() });
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const property = fc.record({
  title: text,
  type: optional(fc.constantFrom('string' as const, 'enum' as const, 'integer' as const)),
  enum: optional(fc.array(text, { maxLength: 3 })),
  required: optional(fc.boolean()),
  description: optional(text),
  pii: optional(fc.boolean()),
  tags: optional(ids),
  source: optional(source),
});
const trackingPlan: fc.Arbitrary<TrackingPlan> = fc.record({
  version: fc.constant(1 as const),
  integration: id,
  categories: fc.array(
    fc.record({
      title: text,
      teams: optional(ids),
      events: fc.array(
        fc.record({
          title: text,
          description: optional(text),
          owners: optional(ids),
          properties: fc.array(property, { maxLength: 3 }),
          source: optional(source),
        }),
        { maxLength: 3 },
      ),
      source: optional(source),
    }),
    { maxLength: 3 },
  ),
});

describe('fingerprints', () => {
  it('hash exactly the canonical JSON of the remote state', () => {
    fc.assert(
      fc.property(remoteState, (remote) => {
        expect(remoteFingerprint(remote)).toBe(oracleRemote(remote));
      }),
      { numRuns: 300 },
    );
  });

  it('hash exactly the canonical JSON of the tracking plan, without source positions', () => {
    fc.assert(
      fc.property(trackingPlan, (plan) => {
        expect(trackingPlanFingerprint(plan)).toBe(oraclePlan(plan));
      }),
      { numRuns: 300 },
    );
  });

  it('do not depend on where the plan is written', () => {
    const plan: TrackingPlan = {
      version: 1,
      integration: 'i',
      categories: [{ title: 'C', events: [], source: { file: 'a.yaml', line: 1, column: 1 } }],
    };
    const moved: TrackingPlan = { ...plan, categories: [{ title: 'C', events: [], source: { file: 'b.yaml', line: 9, column: 3 } }] };
    expect(trackingPlanFingerprint(moved)).toBe(trackingPlanFingerprint(plan));
  });
});
