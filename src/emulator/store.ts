/**
 * The emulator's data: event categories, events and event properties, in memory. Plain records
 * with the API's own field names, strictly increasing `created_at`, UUID ids, cascade on delete,
 * and a JSON snapshot for persistence. No HTTP here: the routes validate, the store stores.
 */
import { randomUUID } from 'node:crypto';
import { MonotonicClock, formatTimestamp, parseTimestamp } from './timestamps.js';

export const RESOURCE_KINDS = ['event_category', 'event', 'event_property'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const LIST_FIELDS = ['teams', 'owners', 'owners_groups', 'collections', 'tags', 'subscribers'] as const;
export type ListField = (typeof LIST_FIELDS)[number];

export interface StoredResource {
  kind: ResourceKind;
  id: string;
  created_at: string;
  updated_at: string;
  title: string;
  integration: string | null;
  /** A category has none; an event's is its category, a property's its event. */
  parent: string | null;
  description: string | null;
  definition: string | null;
  pii: boolean | null;
  verified: boolean | null;
  published: boolean | null;
  archived: boolean;
  teams: string[];
  owners: string[];
  owners_groups: string[];
  collections: string[];
  tags: string[];
  subscribers: string[];
  /** Properties only (null on categories and events). */
  type: string | null;
  /** Properties only: one comma-separated string, "red, green, yellow". */
  enum: string | null;
  is_required: boolean | null;
}

/** What a create (or a test seeding data) supplies; everything but the title has a default. */
export type ResourceInput = Partial<Omit<StoredResource, 'kind'>> & { title: string };

export type PatchableField =
  'description' | 'definition' | 'pii' | 'verified' | 'published' | 'teams' | 'owners' | 'collections' | 'tags' | 'subscribers';
export type ResourcePatch = Partial<Pick<StoredResource, PatchableField>>;

export interface StoreSnapshot {
  format: 'tpsync-emulator';
  version: 1;
  workspace_id: string;
  resources: StoredResource[];
}

interface Entry {
  record: StoredResource;
  createdMicros: number;
  /** idKey(record.parent), computed once: a parent never changes (it is not patchable). */
  parentKey: string | null;
}

/**
 * Ids are compared the way Django compares UUIDs: with or without dashes, any case
 * (the reference shows both `d935a76c-2125-…` and `43d7c33dad74…`). Other strings compare as is.
 */
export function idKey(id: string): string {
  // The length check skips the regex for ids that cannot be UUIDs (the benchmark found idKey
  // to be the emulator's hottest function when lists were filtered per request).
  const compact = id.includes('-') ? id.replace(/-/g, '') : id;
  return compact.length === 32 && UUID_HEX.test(compact) ? compact.toLowerCase() : id;
}

const UUID_HEX = /^[0-9a-f]{32}$/i;

export class Store {
  private readonly entries = new Map<string, Entry>();
  private sorted: Entry[] | undefined;
  /**
   * Live children per parent key, kept up to date on every insert and remove, so that shaping a
   * resource (its `children_count`) costs O(1) rather than a scan of the store per request.
   */
  private readonly counts = new Map<string, number>();
  /** Records' JSON text remembered until the next change (see `jsonOf`). */
  private shaped = new WeakMap<Readonly<StoredResource>, string>();
  private shapedFor: string | undefined;
  /** Filtered views remembered until the next change (see `view`). */
  private readonly views = new Map<string, readonly Readonly<StoredResource>[]>();
  private readonly listeners = new Set<() => void>();
  private readonly clock: MonotonicClock;
  workspaceId: string;

  constructor(options: { clock?: MonotonicClock; workspaceId?: string } = {}) {
    this.clock = options.clock ?? new MonotonicClock();
    this.workspaceId = options.workspaceId ?? randomUUID();
  }

  /** Called after every change (persistence listens). Returns an unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Adds a resource. Without `id`/`created_at` it gets a fresh UUID and the newest timestamp. */
  insert(kind: ResourceKind, input: ResourceInput): StoredResource {
    const id = input.id ?? randomUUID();
    if (this.entries.has(idKey(id))) throw new Error(`a resource with id "${id}" already exists`);
    const createdMicros = input.created_at !== undefined ? requireTimestamp(input.created_at, 'created_at') : this.clock.next();
    this.clock.observe(createdMicros);
    // A fresh resource is updated just after it is created (as in the reference's example); seeded
    // data without an updated_at was last updated when it was created.
    const updatedMicros =
      input.updated_at !== undefined
        ? requireTimestamp(input.updated_at, 'updated_at')
        : input.created_at !== undefined
          ? createdMicros
          : this.clock.next();
    this.clock.observe(updatedMicros);
    const isProperty = kind === 'event_property';
    const record: StoredResource = {
      kind,
      id,
      created_at: formatTimestamp(createdMicros),
      updated_at: formatTimestamp(updatedMicros),
      title: input.title,
      integration: input.integration ?? null,
      parent: input.parent ?? null,
      description: input.description === undefined ? '' : input.description,
      definition: input.definition === undefined ? '' : input.definition,
      pii: input.pii === undefined ? false : input.pii,
      verified: input.verified === undefined ? false : input.verified,
      published: input.published === undefined ? false : input.published,
      archived: input.archived ?? false,
      teams: [...(input.teams ?? [])],
      owners: [...(input.owners ?? [])],
      owners_groups: [...(input.owners_groups ?? [])],
      collections: [...(input.collections ?? [])],
      tags: [...(input.tags ?? [])],
      subscribers: [...(input.subscribers ?? [])],
      type: isProperty ? (input.type ?? null) : null,
      enum: isProperty ? (input.enum ?? null) : null,
      is_required: isProperty ? (input.is_required ?? false) : null,
    };
    const parentKey = record.parent === null ? null : idKey(record.parent);
    this.entries.set(idKey(id), { record, createdMicros, parentKey });
    if (parentKey !== null) this.counts.set(parentKey, (this.counts.get(parentKey) ?? 0) + 1);
    this.changed();
    return copy(record);
  }

  get(id: string, kind?: ResourceKind): StoredResource | undefined {
    const entry = this.entries.get(idKey(id));
    if (!entry || (kind !== undefined && entry.record.kind !== kind)) return undefined;
    return copy(entry.record);
  }

  /** Resources in list order (created_at ascending, then id), optionally of one kind. */
  list(kind?: ResourceKind, predicate?: (r: StoredResource) => boolean): StoredResource[] {
    return this.view(kind, predicate).map(copy);
  }

  /**
   * `list()` without the copies, for a route that shapes one page of the result into fresh JSON:
   * copying every match on every page request made reading a 10,000-item list quadratic in
   * allocations. The records are the store's own: read them, never change them.
   */
  view(kind?: ResourceKind, predicate?: (r: Readonly<StoredResource>) => boolean, cacheKey?: string): readonly Readonly<StoredResource>[] {
    // With a key (which must say everything the predicate tests), the result is kept until the
    // store changes: a client reading a list page by page then filters it once, not once per page.
    const memo = cacheKey === undefined ? undefined : `${kind ?? ''}\u0000${cacheKey}`;
    const remembered = memo === undefined ? undefined : this.views.get(memo);
    if (remembered) return remembered;
    const out: StoredResource[] = [];
    for (const { record } of this.inOrder()) {
      if (kind !== undefined && record.kind !== kind) continue;
      if (predicate && !predicate(record)) continue;
      out.push(record);
    }
    if (memo !== undefined) {
      if (this.views.size >= 16) this.views.clear();
      this.views.set(memo, out);
    }
    return out;
  }

  /**
   * `toJson()` of a record, remembered until the store changes. A record's JSON also depends on
   * other records (children_count, title_full), so any change forgets every one; a list read
   * page by page, again and again, then shapes each resource once.
   */
  jsonOf(record: Readonly<StoredResource>, toJson: () => string): string {
    // The JSON names the workspace too, which can be reassigned without a change to the records.
    if (this.shapedFor !== this.workspaceId) {
      this.shaped = new WeakMap();
      this.shapedFor = this.workspaceId;
    }
    let json = this.shaped.get(record);
    if (json === undefined) {
      json = toJson();
      this.shaped.set(record, json);
    }
    return json;
  }

  /** Live children of a resource (an event's properties, a category's events). */
  children(id: string): StoredResource[] {
    const key = idKey(id);
    return this.inOrder()
      .filter((entry) => entry.parentKey === key)
      .map((entry) => copy(entry.record));
  }

  /** How many live children the resource has. */
  childCount(id: string): number {
    return this.counts.get(idKey(id)) ?? 0;
  }

  childCounts(): Map<string, number> {
    return new Map(this.counts);
  }

  /** Applies a patch and bumps `updated_at` (Django's auto_now moves on every save). */
  patch(id: string, fields: ResourcePatch): StoredResource | undefined {
    const entry = this.entries.get(idKey(id));
    if (!entry) return undefined;
    const record = entry.record;
    for (const [key, value] of Object.entries(fields) as [PatchableField, ResourcePatch[PatchableField]][]) {
      if (value === undefined) continue;
      (record as unknown as Record<string, unknown>)[key] = Array.isArray(value) ? [...value] : value;
    }
    const micros = this.clock.next();
    record.updated_at = formatTimestamp(micros);
    this.changed();
    return copy(record);
  }

  /** Deletes a resource and, like a cascading foreign key, everything beneath it. */
  remove(id: string): StoredResource | undefined {
    const entry = this.entries.get(idKey(id));
    if (!entry) return undefined;
    const doomed = [idKey(entry.record.id)];
    const seen = new Set(doomed);
    for (let i = 0; i < doomed.length; i++) {
      const parentKey = doomed[i];
      for (const [key, candidate] of this.entries) {
        if (candidate.parentKey === parentKey && !seen.has(key)) {
          seen.add(key);
          doomed.push(key);
        }
      }
    }
    for (const key of doomed) {
      const parentKey = this.entries.get(key)?.parentKey ?? null;
      this.entries.delete(key);
      this.counts.delete(key);
      if (parentKey !== null) {
        const left = (this.counts.get(parentKey) ?? 1) - 1;
        if (left > 0) this.counts.set(parentKey, left);
        else this.counts.delete(parentKey);
      }
    }
    this.changed();
    return copy(entry.record);
  }

  clear(): void {
    this.entries.clear();
    this.counts.clear();
    this.changed();
  }

  snapshot(): StoreSnapshot {
    return { format: 'tpsync-emulator', version: 1, workspace_id: this.workspaceId, resources: this.list() };
  }

  /** Replaces the contents with a snapshot (as read back from a data file); throws if it is not one. */
  load(data: unknown): void {
    if (!isObject(data) || data['format'] !== 'tpsync-emulator' || !Array.isArray(data['resources'])) {
      throw new Error('not a tpsync emulator data file (expected {"format":"tpsync-emulator","resources":[…]})');
    }
    const resources = data['resources'].map((raw, index) => readSnapshotResource(raw, index));
    // Checked here, so that the message names the place in the file and quotes none of it.
    const seen = new Map<string, number>();
    resources.forEach((resource, index) => {
      const first = seen.get(idKey(resource.id ?? ''));
      if (first !== undefined) throw new Error(`resources[${index}] has the same id as resources[${first}]`);
      seen.set(idKey(resource.id ?? ''), index);
    });
    this.entries.clear();
    this.counts.clear();
    if (typeof data['workspace_id'] === 'string') this.workspaceId = data['workspace_id'];
    for (const { kind, ...input } of resources) this.insert(kind, input);
  }

  private inOrder(): Entry[] {
    this.sorted ??= [...this.entries.values()].sort(
      (a, b) => a.createdMicros - b.createdMicros || (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0),
    );
    return this.sorted;
  }

  private changed(): void {
    this.sorted = undefined;
    this.views.clear();
    this.shaped = new WeakMap();
    for (const listener of this.listeners) listener();
  }
}

function copy(record: StoredResource): StoredResource {
  return {
    ...record,
    teams: [...record.teams],
    owners: [...record.owners],
    owners_groups: [...record.owners_groups],
    collections: [...record.collections],
    tags: [...record.tags],
    subscribers: [...record.subscribers],
  };
}

function requireTimestamp(value: string, field: string): number {
  const micros = parseTimestamp(value);
  if (micros === undefined) throw new TypeError(`${field} must be an ISO 8601 timestamp, not "${value}"`);
  return micros;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads one resource of a data file, tolerating missing optional fields, rejecting wrong types. */
function readSnapshotResource(raw: unknown, index: number): ResourceInput & { kind: ResourceKind } {
  const where = `resources[${index}]`;
  if (!isObject(raw)) throw new Error(`${where} is not an object`);
  const kind = raw['kind'];
  if (!RESOURCE_KINDS.includes(kind as ResourceKind)) throw new Error(`${where}.kind must be one of ${RESOURCE_KINDS.join(', ')}`);
  const text = (key: string, nullable: boolean): string | null | undefined => {
    const value = raw[key];
    if (value === undefined || (nullable && value === null) || typeof value === 'string') return value;
    throw new Error(`${where}.${key} must be a string`);
  };
  const flag = (key: string): boolean | null | undefined => {
    const value = raw[key];
    if (value === undefined || value === null || typeof value === 'boolean') return value;
    throw new Error(`${where}.${key} must be a boolean`);
  };
  const strings = (key: string): string[] | undefined => {
    const value = raw[key];
    if (value === undefined) return undefined;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
    throw new Error(`${where}.${key} must be a list of strings`);
  };
  const id = text('id', false);
  const title = text('title', false);
  const createdAt = text('created_at', false);
  if (typeof id !== 'string' || typeof title !== 'string' || typeof createdAt !== 'string')
    throw new Error(`${where} needs an id, a title and a created_at`);
  const input: ResourceInput = { id, title, created_at: createdAt };
  const assign = <K extends keyof ResourceInput>(key: K, value: ResourceInput[K] | undefined) => {
    if (value !== undefined) input[key] = value;
  };
  const updatedAt = text('updated_at', false) ?? undefined;
  for (const [key, value] of [
    ['created_at', createdAt],
    ['updated_at', updatedAt],
  ] as const)
    if (value !== undefined && parseTimestamp(value) === undefined) throw new Error(`${where}.${key} must be an ISO 8601 timestamp`);
  assign('updated_at', updatedAt);
  assign('integration', text('integration', true));
  assign('parent', text('parent', true));
  assign('description', text('description', true));
  assign('definition', text('definition', true));
  assign('type', text('type', true));
  assign('enum', text('enum', true));
  assign('pii', flag('pii'));
  assign('verified', flag('verified'));
  assign('published', flag('published'));
  assign('is_required', flag('is_required'));
  assign('archived', flag('archived') ?? undefined);
  for (const field of LIST_FIELDS) assign(field, strings(field));
  return { ...input, kind: kind as ResourceKind };
}
