/**
 * (TrackingPlan, RemoteState) → Plan. Pure and synchronous: no I/O, no clock, no randomness;
 * the same inputs give the same plan, operation for operation.
 *
 * Operations come in tree order — category, then each event with its properties — which is
 * also a valid order to run them one by one: a parent is created before its children, and
 * children are deleted before their parent.
 */
import { idKey, sameId } from '../ids.js';
import type { RemoteCategory, RemoteEvent, RemoteProperty, RemoteState } from '../secoda/types.js';
import type { PlanCategory, PlanEvent, PlanProperty, TrackingPlan } from '../tracking-plan/types.js';
import {
  bodyAsChanges,
  carryOver,
  createFields,
  diffCommon,
  diffPropertyShape,
  propertyCreateFields,
  REPLACE_FIELDS,
} from './field-diff.js';
import { remoteFingerprint, trackingPlanFingerprint } from './fingerprint.js';
import { noteSharedDefinitions } from './shared-definition-notes.js';
import { compareText, compareTimestamps, sortOldestFirst, titleIdentity } from './compare.js';
import {
  PLAN_FORMAT_VERSION,
  type CreateBody,
  type FieldChange,
  type Operation,
  type Plan,
  type PlanSummary,
  type Warning,
} from './types.js';
import type { PatchFields } from '../secoda/types.js';

export interface PlanOptions {
  /** The pace apply will write at; 0 = unpaced. Only used to estimate the duration. */
  readonly writesPerMinute: number;
}

/** The `reason` of a delete whose resource the YAML does not name. */
export const NOT_IN_PLAN = 'not in the tracking plan';
/** The `reason` of a property deleted because its event is replaced (it is re-created with it). */
export const EVENT_REPLACED = 'its event is replaced';
/** The `reason` of a property deleted because its event is deleted. */
export const EVENT_DELETED = 'its event is deleted';

export function buildPlan(trackingPlan: TrackingPlan, remoteState: RemoteState, options: PlanOptions): Plan {
  const remote = scope(remoteState, trackingPlan.integration);
  const planner = new Planner(remote);
  planner.run(trackingPlan);
  const operations = noteSharedDefinitions(planner.operations, trackingPlan);
  return {
    format_version: PLAN_FORMAT_VERSION,
    integration: trackingPlan.integration,
    summary: summarise(operations, planner.warnings.length, remote.events.length + remote.properties.length, options.writesPerMinute),
    operations,
    warnings: planner.warnings,
    remote_fingerprint: remoteFingerprint(remote),
    tracking_plan_fingerprint: trackingPlanFingerprint(trackingPlan),
  };
}

/** Only resources of the plan's integration are read for diffing (or ever changed). */
export function scope(remote: RemoteState, integration: string): RemoteState {
  const key = idKey(integration);
  // sameId(value, integration), with the plan's side normalised once.
  const ours = (value: string | null) => value === null || value === integration || idKey(value) === key;
  return {
    categories: remote.categories.filter((c) => ours(c.integration)),
    events: remote.events.filter((e) => ours(e.integration)),
    properties: remote.properties.filter((p) => ours(p.integration)),
  };
}

const oldestFirst = <T extends { created_at: string | null; id: string }>(a: T, b: T): number =>
  compareTimestamps(a.created_at, b.created_at) || compareText(a.id, b.id);

const byTitleThenAge = <T extends { title: string; created_at: string | null; id: string }>(a: T, b: T): number =>
  compareText(a.title, b.title) || oldestFirst(a, b);

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

class Planner {
  readonly operations: Operation[] = [];
  readonly warnings: Warning[] = [];
  private readonly categoriesByTitle: Map<string, RemoteCategory[]>;
  private readonly eventsByParent: Map<string, RemoteEvent[]>;
  private readonly propertiesByParent: Map<string, RemoteProperty[]>;
  /** The remote events, oldest first (sorted once: both passes of event matching use this order). */
  private readonly eventsOldestFirst: RemoteEvent[];
  private readonly claimedEvents = new Set<string>();
  /**
   * Per category title, the events the plan keeps in it, by title: an event with the same title in
   * another copy of the category is a surplus copy of one of them (see remoteOnlyCategories).
   */
  private readonly keptEvents = new Map<string, Map<string, string>>();
  private readonly categoryIds: Set<string>;
  private readonly eventIds: Set<string>;

  constructor(private readonly remote: RemoteState) {
    this.categoriesByTitle = groupBy(sortOldestFirst(remote.categories), (c) => titleIdentity(c.title));
    this.eventsOldestFirst = sortOldestFirst(remote.events);
    this.eventsByParent = groupBy(this.eventsOldestFirst, (e) => (e.parent === null ? '' : idKey(e.parent)));
    this.propertiesByParent = groupBy(sortOldestFirst(remote.properties), (p) => (p.parent === null ? '' : idKey(p.parent)));
    this.categoryIds = new Set(remote.categories.map((c) => idKey(c.id)));
    this.eventIds = new Set(remote.events.map((e) => idKey(e.id)));
  }

  run(plan: TrackingPlan): void {
    const matched = plan.categories.map((category) => ({
      category,
      remote: this.categoriesByTitle.get(titleIdentity(category.title))?.[0],
    }));

    // Pass 1: events matched by title within their category (the oldest of duplicates wins).
    const matches = new Map<PlanEvent, RemoteEvent>();
    const duplicates = new Map<PlanEvent, RemoteEvent[]>();
    for (const { category, remote } of matched) {
      if (!remote) continue;
      const siblings = groupBy(this.eventsByParent.get(idKey(remote.id)) ?? [], (e) => titleIdentity(e.title));
      for (const event of category.events) {
        const [first, ...rest] = siblings.get(titleIdentity(event.title)) ?? [];
        if (!first) continue;
        matches.set(event, first);
        duplicates.set(event, rest);
        for (const e of [first, ...rest]) this.claimedEvents.add(e.id);
      }
    }
    // Pass 2: an event that left its category is found elsewhere under the integration (a move).
    const moves = new Map<PlanEvent, RemoteEvent>();
    const unclaimedByTitle = groupBy(this.eventsOldestFirst, (e) => titleIdentity(e.title));
    for (const { category } of matched) {
      for (const event of category.events) {
        if (matches.has(event)) continue;
        const candidate = unclaimedByTitle.get(titleIdentity(event.title))?.find((e) => !this.claimedEvents.has(e.id));
        if (!candidate) continue;
        moves.set(event, candidate);
        this.claimedEvents.add(candidate.id);
      }
    }

    for (const { category } of matched) {
      const kept = new Map<string, string>();
      for (const event of category.events) {
        const remote = matches.get(event) ?? moves.get(event);
        if (remote) kept.set(titleIdentity(event.title), remote.id);
      }
      this.keptEvents.set(titleIdentity(category.title), kept);
    }

    for (const { category, remote } of matched) {
      if (!remote) this.createCategory(category);
      else this.checkCategory(category, remote);
      for (const event of category.events) {
        const path = [category.title, event.title];
        const match = matches.get(event);
        const moved = moves.get(event);
        if (match) this.matchedEvent(event, match, path, remote?.id ?? null);
        else if (moved)
          this.replaceEvent(
            event,
            moved,
            path,
            remote?.id ?? null,
            ['parent'],
            // What else the YAML changes rides on the re-create: shown, so a reviewer sees it too.
            [{ field: 'parent', before: this.categoryTitle(moved.parent), after: category.title }, ...diffCommon(event, moved)],
          );
        else this.createEvent(event, path, remote?.id ?? null);
        for (const duplicate of duplicates.get(event) ?? []) {
          this.deleteEvent(duplicate, path, `a duplicate: the oldest copy, ${match?.id ?? ''}, is kept`, match?.id ?? null);
        }
      }
      if (remote) this.deleteUnclaimedEvents(remote, category.title);
    }

    this.remoteOnlyCategories(new Set(matched.map((m) => m.remote?.id).filter((id): id is string => id !== undefined)));
    this.orphans();
  }

  private categoryTitle(id: string | null): string | null {
    if (id === null) return null;
    return this.remote.categories.find((c) => sameId(c.id, id))?.title ?? id;
  }

  /** A remote category as a path names it: its title, or what is known of it (as orphans are named). */
  private categoryLabel(id: string | null): string {
    if (id === null) return '(no category)';
    return this.remote.categories.find((c) => sameId(c.id, id))?.title ?? `(category ${id})`;
  }

  private createCategory(category: PlanCategory): void {
    const body = { title: titleIdentity(category.title), ...(category.teams === undefined ? {} : { teams: [...category.teams] }) };
    this.operations.push({
      action: 'create',
      kind: 'category',
      path: [category.title],
      remote_id: null,
      parent_id: null,
      body,
      changes: bodyAsChanges({ ...(category.teams ? { teams: category.teams } : {}) }),
      reason: null,
    });
  }

  private checkCategory(category: PlanCategory, remote: RemoteCategory): void {
    const copies = this.categoriesByTitle.get(titleIdentity(category.title)) ?? [];
    if (copies.length > 1) {
      this.warnings.push({
        code: 'category-duplicate',
        path: [category.title],
        message: `category "${category.title}" exists ${copies.length} times in Secoda; tpsync uses the oldest (${remote.id}) and moves events out of the others`,
        hint: `delete the other copies in Secoda (${copies
          .slice(1)
          .map((c) => c.id)
          .join(', ')}); the API cannot delete categories`,
      });
    }
    if (category.teams !== undefined) {
      const want = new Set(category.teams.map(idKey));
      const have = new Set(remote.teams.map(idKey));
      if (want.size !== have.size || [...want].some((t) => !have.has(t))) {
        this.warnings.push({
          code: 'category-teams-differ',
          path: [category.title],
          message: `category "${category.title}" has teams [${remote.teams.join(', ')}] in Secoda, the plan says [${category.teams.join(', ')}]`,
          hint: "change the category's teams in Secoda by hand; the API cannot update categories",
        });
      }
    }
  }

  private matchedEvent(event: PlanEvent, remote: RemoteEvent, path: string[], categoryId: string | null): void {
    const changes = diffCommon(event, remote);
    const forced = changes.filter((c) => REPLACE_FIELDS.has(c.field)).map((c) => c.field);
    if (forced.length > 0) {
      this.replaceEvent(event, remote, path, categoryId, forced, changes);
      return;
    }
    if (changes.length > 0) {
      this.operations.push({ action: 'update', kind: 'event', path, remote_id: remote.id, patch: toPatch(changes), changes, reason: null });
    }
    this.properties(event, remote, path);
  }

  private properties(event: PlanEvent, remote: RemoteEvent, eventPath: string[]): void {
    const existing = groupBy(this.propertiesByParent.get(idKey(remote.id)) ?? [], (p) => titleIdentity(p.title));
    const claimed = new Set<string>();
    for (const property of event.properties) {
      const copies = existing.get(titleIdentity(property.title));
      const match = copies?.[0];
      if (!match) {
        this.createProperty(property, eventPath, remote.id, propertyCreateFields(property), null);
        continue;
      }
      claimed.add(match.id);
      const shape = diffPropertyShape(property, match);
      const common = diffCommon(property, match);
      // The usual case of a plan that is mostly applied: one copy, nothing to change, nothing to build.
      if (shape.length === 0 && common.length === 0 && copies.length === 1) continue;
      const path = [...eventPath, property.title];
      const extra = copies.slice(1);
      const changes = [...shape, ...common];
      const forced = changes.filter((c) => REPLACE_FIELDS.has(c.field)).map((c) => c.field);
      if (forced.length > 0) {
        const body = { title: titleIdentity(property.title), ...carryOver(match, propertyCreateFields(property)) };
        this.operations.push({
          action: 'replace',
          kind: 'property',
          path,
          remote_id: match.id,
          parent_id: remote.id,
          forced_by: forced,
          body,
          changes,
          reason: null,
        });
      } else if (changes.length > 0) {
        this.operations.push({
          action: 'update',
          kind: 'property',
          path,
          remote_id: match.id,
          patch: toPatch(changes),
          changes,
          reason: null,
        });
      }
      for (const duplicate of extra) {
        claimed.add(duplicate.id);
        this.deleteProperty(duplicate, path, `a duplicate: the oldest copy, ${match.id}, is kept`, match.id);
      }
    }
    const leftovers = (this.propertiesByParent.get(idKey(remote.id)) ?? []).filter((p) => !claimed.has(p.id)).sort(byTitleThenAge);
    for (const property of leftovers) this.deleteProperty(property, [...eventPath, property.title], NOT_IN_PLAN, null);
  }

  /** Delete the old event (its properties first), create it anew, then its properties. */
  private replaceEvent(
    event: PlanEvent,
    remote: RemoteEvent,
    path: string[],
    categoryId: string | null,
    forced: string[],
    changes: FieldChange[],
  ): void {
    const oldProperties = [...(this.propertiesByParent.get(idKey(remote.id)) ?? [])].sort(byTitleThenAge);
    const reason = EVENT_REPLACED;
    // A delete names where the thing is now: a moved event's old properties sit under its old category.
    const oldPath = forced.includes('parent') ? [this.categoryLabel(remote.parent), remote.title] : path;
    for (const property of oldProperties) this.deleteProperty(property, [...oldPath, property.title], reason, null);
    const body = { title: titleIdentity(event.title), ...carryOver(remote, createFields(event)) };
    this.operations.push({
      action: 'replace',
      kind: 'event',
      path,
      remote_id: remote.id,
      parent_id: categoryId,
      forced_by: forced,
      body,
      changes,
      reason: null,
    });
    const previous = groupBy(oldProperties, (p) => titleIdentity(p.title));
    for (const property of event.properties) {
      const old = previous.get(titleIdentity(property.title))?.[0];
      const fields = old ? carryOver(old, propertyCreateFields(property)) : propertyCreateFields(property);
      this.createProperty(property, path, null, fields, reason);
    }
  }

  private createEvent(event: PlanEvent, path: string[], categoryId: string | null): void {
    const fields = createFields(event);
    this.operations.push({
      action: 'create',
      kind: 'event',
      path,
      remote_id: null,
      parent_id: categoryId,
      body: { title: titleIdentity(event.title), ...fields },
      changes: bodyAsChanges(fields),
      reason: null,
    });
    for (const property of event.properties) this.createProperty(property, path, null, propertyCreateFields(property), null);
  }

  /** `parentId` null: the event is created (or re-created) by this plan. */
  private createProperty(
    property: PlanProperty,
    eventPath: string[],
    parentId: string | null,
    fields: Omit<CreateBody, 'title'>,
    reason: string | null,
  ): void {
    this.operations.push({
      action: 'create',
      kind: 'property',
      path: [...eventPath, property.title],
      remote_id: null,
      parent_id: parentId,
      body: { title: titleIdentity(property.title), ...fields },
      changes: bodyAsChanges(fields),
      reason,
    });
  }

  private deleteEvent(event: RemoteEvent, path: string[], reason: string, duplicateOf: string | null): void {
    const children = [...(this.propertiesByParent.get(idKey(event.id)) ?? [])].sort(byTitleThenAge);
    for (const property of children) this.deleteProperty(property, [...path, property.title], EVENT_DELETED, null);
    this.operations.push({
      action: 'delete',
      kind: 'event',
      path,
      remote_id: event.id,
      parent_id: event.parent,
      duplicate_of: duplicateOf,
      changes: [],
      reason,
    });
  }

  private deleteProperty(property: RemoteProperty, path: string[], reason: string, duplicateOf: string | null): void {
    this.operations.push({
      action: 'delete',
      kind: 'property',
      path,
      remote_id: property.id,
      parent_id: property.parent,
      duplicate_of: duplicateOf,
      changes: [],
      reason,
    });
  }

  /**
   * Deletes the category's events that nothing claimed. In a surplus copy of a category the plan
   * uses (`copyOf`, its title), an event with the title of one the plan keeps in the category is a
   * duplicate of it — two applies at once that each used their own copy of a category they both
   * created — not a resource the plan drops.
   */
  private deleteUnclaimedEvents(category: RemoteCategory, title: string, copyOf?: string): void {
    const leftovers = (this.eventsByParent.get(idKey(category.id)) ?? []).filter((e) => !this.claimedEvents.has(e.id)).sort(byTitleThenAge);
    const kept = copyOf === undefined ? undefined : this.keptEvents.get(titleIdentity(copyOf));
    for (const event of leftovers) {
      this.claimedEvents.add(event.id);
      const original = kept?.get(titleIdentity(event.title));
      if (original !== undefined)
        this.deleteEvent(event, [title, event.title], `a duplicate: the oldest copy, ${original}, is kept`, original);
      else this.deleteEvent(event, [title, event.title], NOT_IN_PLAN, null);
    }
  }

  /** Categories of the integration that the plan does not name: warn; their events go. */
  private remoteOnlyCategories(used: Set<string>): void {
    const unused = this.remote.categories.filter((c) => !used.has(c.id)).sort(byTitleThenAge);
    for (const category of unused) {
      // Extra copies of a category the plan uses were warned about with the one that is kept.
      const oldest = this.categoriesByTitle.get(titleIdentity(category.title))?.[0];
      const isCopy = oldest !== undefined && oldest.id !== category.id && used.has(oldest.id);
      if (!isCopy) {
        const events = (this.eventsByParent.get(idKey(category.id)) ?? []).filter((e) => !this.claimedEvents.has(e.id)).length;
        this.warnings.push({
          code: 'category-not-in-plan',
          path: [category.title],
          message: `category "${category.title}" is in Secoda but not in the tracking plan${events > 0 ? ` (its ${events} ${events === 1 ? 'event is' : 'events are'} deleted)` : ''}`,
          hint: 'delete the category in Secoda by hand if it is no longer used, or add it to the plan; the API cannot delete categories',
        });
      }
      this.deleteUnclaimedEvents(category, category.title, isCopy ? category.title : undefined);
    }
  }

  /** Events whose category is not under the integration, and properties whose event is not. */
  private orphans(): void {
    const events = this.remote.events
      .filter((e) => !this.claimedEvents.has(e.id) && (e.parent === null || !this.categoryIds.has(idKey(e.parent))))
      .sort(byTitleThenAge);
    for (const event of events) {
      this.claimedEvents.add(event.id);
      this.deleteEvent(event, [`(category ${event.parent ?? 'none'})`, event.title], NOT_IN_PLAN, null);
    }
    // An id as the event list wrote it is found without normalising it (idKey) first.
    const eventIdsAsWritten = new Set(this.remote.events.map((e) => e.id));
    const properties = this.remote.properties
      .filter((p) => p.parent === null || (!eventIdsAsWritten.has(p.parent) && !this.eventIds.has(idKey(p.parent))))
      .sort(byTitleThenAge);
    for (const property of properties) {
      this.deleteProperty(property, ['(no category)', `(event ${property.parent ?? 'none'})`, property.title], NOT_IN_PLAN, null);
    }
  }
}

function toPatch(changes: readonly FieldChange[]): PatchFields {
  const patch: Record<string, unknown> = {};
  for (const change of changes) patch[change.field] = Array.isArray(change.after) ? [...change.after] : change.after;
  return patch;
}

function summarise(operations: readonly Operation[], warnings: number, managed: number, writesPerMinute: number): PlanSummary {
  const count = (action: Operation['action']) => operations.filter((o) => o.action === action).length;
  const create = count('create');
  const update = count('update');
  const replace = count('replace');
  const remove = count('delete');
  const writes = create + update + remove + 2 * replace;
  return {
    create,
    update,
    replace,
    delete: remove,
    warnings,
    write_calls: writes,
    writes_per_minute: writesPerMinute > 0 ? writesPerMinute : null,
    estimated_seconds: writesPerMinute > 0 ? Math.ceil((writes * 60) / writesPerMinute) : null,
    managed_resources: managed,
  };
}
