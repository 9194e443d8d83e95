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

/**
 * The fingerprints hash the canonical JSON of large values (a remote state of 100,000 properties
 * is about 50 MB of it). Building that text as one string, from deep key-sorted copies, was most
 * of the planner's time and memory at that size; instead the same bytes are fed to the hash a
 * piece at a time. `canonicalJson(x)` and the chunks below give identical text (a test checks it).
 */
class HashSink {
  private readonly hash = createHash('sha256');
  private parts: string[] = [];
  private size = 0;

  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size > 65_536) this.flush();
  }

  digest(): string {
    this.flush();
    return this.hash.digest('hex');
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    this.hash.update(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

/** Writes canonicalJson(value), leaving out object keys named in `skip` at any depth. */
function writeCanonical(sink: HashSink, value: unknown, skip?: ReadonlySet<string>): void {
  if (typeof value === 'string') {
    sink.write(JSON.stringify(value));
    return;
  }
  if (Array.isArray(value)) {
    // A list of strings (enum values, ids) is already canonical.
    if (value.every((item) => typeof item === 'string')) {
      sink.write(JSON.stringify(value));
      return;
    }
    sink.write('[');
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (i > 0) sink.write(',');
      // JSON.stringify writes undefined (a hole, a function) inside an array as null.
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') sink.write('null');
      else writeCanonical(sink, item, skip);
    }
    sink.write(']');
    return;
  }
  if (value !== null && typeof value === 'object') {
    sink.write('{');
    let first = true;
    for (const key of Object.keys(value).sort()) {
      if (skip?.has(key) === true) continue;
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      sink.write(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
      first = false;
      writeCanonical(sink, v, skip);
    }
    sink.write('}');
    return;
  }
  sink.write(JSON.stringify(value) ?? 'null');
}

/** Items ordered by their normalised id; each id is normalised once, not once per comparison. */
function byId<T extends { id: string }>(items: readonly T[]): { key: string; item: T }[] {
  return items.map((item) => ({ key: idKey(item.id), item })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
const NO_IDS: readonly string[] = Object.freeze([]);
/** Most id lists are empty: share one empty list rather than allocate two per field per resource. */
const sortedIds = (ids: readonly string[]): readonly string[] => (ids.length === 0 ? NO_IDS : ids.map(idKey).sort());

/** Writes a JSON array whose items are already canonical objects (keys inserted in sorted order). */
function writeItems<T>(sink: HashSink, items: readonly T[], shape: (item: T) => object): void {
  sink.write('[');
  items.forEach((item, i) => sink.write(i > 0 ? `,${JSON.stringify(shape(item))}` : JSON.stringify(shape(item))));
  sink.write(']');
}

export function remoteFingerprint(remote: RemoteState): string {
  // Keys in sorted order and no undefined values, so JSON.stringify gives the canonical text.
  const common = (key: string, r: RemoteState['events'][number]) => ({
    collections: sortedIds(r.collections),
    created_at: r.created_at,
    definition: r.definition,
    description: r.description,
    id: key,
    owners: sortedIds(r.owners),
    owners_groups: sortedIds(r.owners_groups),
    parent: r.parent === null ? null : idKey(r.parent),
    pii: r.pii,
    published: r.published,
    subscribers: sortedIds(r.subscribers),
    tags: sortedIds(r.tags),
    teams: sortedIds(r.teams),
    title: r.title,
    verified: r.verified,
  });
  const sink = new HashSink();
  sink.write('{"categories":');
  writeItems(sink, byId(remote.categories), ({ key, item: c }) => ({
    created_at: c.created_at,
    id: key,
    teams: sortedIds(c.teams),
    title: c.title,
  }));
  sink.write(',"events":');
  writeItems(sink, byId(remote.events), ({ key, item }) => common(key, item));
  sink.write(',"properties":');
  writeItems(sink, byId(remote.properties), ({ key, item: p }) => ({
    collections: sortedIds(p.collections),
    created_at: p.created_at,
    definition: p.definition,
    description: p.description,
    enum: p.enum,
    id: key,
    is_required: p.is_required,
    owners: sortedIds(p.owners),
    owners_groups: sortedIds(p.owners_groups),
    parent: p.parent === null ? null : idKey(p.parent),
    pii: p.pii,
    published: p.published,
    subscribers: sortedIds(p.subscribers),
    tags: sortedIds(p.tags),
    teams: sortedIds(p.teams),
    title: p.title,
    type: p.type,
    verified: p.verified,
  }));
  sink.write('}');
  return `sha256:${sink.digest()}`;
}

/** Not content: where a node is written, and whether a property came from a shared definition. */
const NOT_CONTENT: ReadonlySet<string> = new Set(['source', 'shared']);

/** The plan's content: everything but how it is written (`source`, `shared`): what Secoda gets. */
export function trackingPlanFingerprint(plan: TrackingPlan): string {
  const sink = new HashSink();
  writeCanonical(sink, plan, NOT_CONTENT);
  return `sha256:${sink.digest()}`;
}
