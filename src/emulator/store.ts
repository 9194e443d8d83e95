/**
 * The emulator's data: event categories, events and event properties, in memory. Records with
 * the API's own field names (stored-resource.ts), strictly increasing `created_at`, UUID ids,
 * cascade on delete, and a JSON snapshot for persistence (store-snapshot.ts). No HTTP here: the
 * routes validate, the store stores.
 */
import { randomUUID } from 'node:crypto';
import { readDirectoriesData, seededDirectories, type EmulatorDirectories } from './directory-data.js';
import { idKey } from './resource-id.js';
import { readSnapshot, type StoreSnapshot } from './store-snapshot.js';
import {
  copyRecord,
  newRecord,
  type PatchableField,
  type ResourceInput,
  type ResourceKind,
  type ResourcePatch,
  type StoredResource,
} from './stored-resource.js';
import { MonotonicClock, formatTimestamp, parseTimestamp } from './timestamps.js';

interface Entry {
  record: StoredResource;
  createdMicros: number;
  /** idKey(record.parent), computed once: a parent never changes (it is not patchable). */
  parentKey: string | null;
}

/** The records, their order and their children, with what is derived from them remembered until the next change. */
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
  /** The users, teams, groups, tags and collections served (directory-data.ts); seeded until replaced. */
  directories: EmulatorDirectories = seededDirectories();

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
    const record = newRecord(
      kind,
      { ...input, id },
      { created_at: formatTimestamp(createdMicros), updated_at: formatTimestamp(updatedMicros) },
    );
    const parentKey = record.parent === null ? null : idKey(record.parent);
    this.entries.set(idKey(id), { record, createdMicros, parentKey });
    if (parentKey !== null) this.counts.set(parentKey, (this.counts.get(parentKey) ?? 0) + 1);
    this.changed();
    return copyRecord(record);
  }

  get(id: string, kind?: ResourceKind): StoredResource | undefined {
    const entry = this.entries.get(idKey(id));
    if (!entry || (kind !== undefined && entry.record.kind !== kind)) return undefined;
    return copyRecord(entry.record);
  }

  /** Resources in list order (created_at ascending, then id), optionally of one kind. */
  list(kind?: ResourceKind, predicate?: (r: StoredResource) => boolean): StoredResource[] {
    return this.view(kind, predicate).map(copyRecord);
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
      .map((entry) => copyRecord(entry.record));
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
    return copyRecord(record);
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
    return copyRecord(entry.record);
  }

  clear(): void {
    this.entries.clear();
    this.counts.clear();
    this.changed();
  }

  /** Replaces the directories served (a test's, or a data file's). */
  setDirectories(directories: EmulatorDirectories): void {
    this.directories = directories;
    this.changed();
  }

  snapshot(): StoreSnapshot {
    return { format: 'tpsync-emulator', version: 1, workspace_id: this.workspaceId, resources: this.list(), directories: this.directories };
  }

  /** Replaces the contents with a snapshot (as read back from a data file); throws if it is not one. */
  load(data: unknown): void {
    const { workspaceId, resources } = readSnapshot(data);
    // A data file without directories (written before they were served) keeps the seed.
    this.directories = readDirectoriesData((data as { directories?: unknown }).directories) ?? seededDirectories();
    this.clear();
    if (workspaceId !== undefined) this.workspaceId = workspaceId;
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

function requireTimestamp(value: string, field: string): number {
  const micros = parseTimestamp(value);
  if (micros === undefined) throw new TypeError(`${field} must be an ISO 8601 timestamp, not "${value}"`);
  return micros;
}
