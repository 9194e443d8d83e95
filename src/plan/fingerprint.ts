/**
 * Content hashes. The remote fingerprint covers only what the planner reads (so a change to
 * usage counters in Secoda does not make a saved plan stale); the plan fingerprint covers
 * the tracking plan's content, not where in the files it is written.
 */
import { createHash } from 'node:crypto';
import { idKey } from '../ids.js';
import type { RemoteState } from '../secoda/types.js';
import type { TrackingPlan } from '../tracking-plan/types.js';

/** JSON with object keys sorted, so equal data always gives equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const byId = <T extends { id: string }>(items: readonly T[]): T[] => [...items].sort((a, b) => (idKey(a.id) < idKey(b.id) ? -1 : idKey(a.id) > idKey(b.id) ? 1 : 0));
const sortedIds = (ids: readonly string[]) => ids.map(idKey).sort();

export function remoteFingerprint(remote: RemoteState): string {
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
    teams: sortedIds(r.teams),
    owners: sortedIds(r.owners),
    owners_groups: sortedIds(r.owners_groups),
    collections: sortedIds(r.collections),
    tags: sortedIds(r.tags),
    subscribers: sortedIds(r.subscribers),
  });
  const state = {
    categories: byId(remote.categories).map((c) => ({ id: idKey(c.id), title: c.title, teams: sortedIds(c.teams), created_at: c.created_at })),
    events: byId(remote.events).map(common),
    properties: byId(remote.properties).map((p) => ({ ...common(p), type: p.type, enum: p.enum, is_required: p.is_required })),
  };
  return `sha256:${sha256(canonicalJson(state))}`;
}

export function trackingPlanFingerprint(plan: TrackingPlan): string {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) if (key !== 'source') out[key] = strip(v);
      return out;
    }
    return value;
  };
  return `sha256:${sha256(canonicalJson(strip(plan)))}`;
}
