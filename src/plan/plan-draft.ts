/**
 * What the planner's steps share while they build a plan: the remote state indexed the ways the
 * steps look it up, the operations and warnings so far (in plan order), and the remote events
 * some step has already decided about.
 */
import { idKey, sameId } from '../ids.js';
import type { RemoteCategory, RemoteEvent, RemoteProperty, RemoteState } from '../secoda/types.js';
import { compareText, compareTimestamps, sortOldestFirst, titleIdentity } from './compare.js';
import type { Operation, Warning } from './types.js';

export interface PlanDraft {
  readonly remote: RemoteState;
  /** Same-titled categories (by titleIdentity), oldest first: the first is the one the plan uses. */
  readonly categoriesByTitle: ReadonlyMap<string, readonly RemoteCategory[]>;
  /** The remote events, oldest first. */
  readonly eventsOldestFirst: readonly RemoteEvent[];
  /** Events by their category's idKey ('' for none), oldest first. */
  readonly eventsByParent: ReadonlyMap<string, readonly RemoteEvent[]>;
  /** Properties by their event's idKey ('' for none), oldest first. */
  readonly propertiesByParent: ReadonlyMap<string, readonly RemoteProperty[]>;
  /** The operations so far, in plan order. */
  readonly operations: Operation[];
  readonly warnings: Warning[];
  /** Ids of remote events already matched, moved or deleted: what is left of a category is deleted. */
  readonly claimedEvents: Set<string>;
}

/** An empty draft over `remote` (already scoped to the plan's integration). */
export function startDraft(remote: RemoteState): PlanDraft {
  const eventsOldestFirst = sortOldestFirst(remote.events);
  return {
    remote,
    categoriesByTitle: groupBy(sortOldestFirst(remote.categories), (c) => titleIdentity(c.title)),
    eventsOldestFirst,
    eventsByParent: groupBy(eventsOldestFirst, (e) => (e.parent === null ? '' : idKey(e.parent))),
    propertiesByParent: groupBy(sortOldestFirst(remote.properties), (p) => (p.parent === null ? '' : idKey(p.parent))),
    operations: [],
    warnings: [],
    claimedEvents: new Set(),
  };
}

/** The events of a remote category, oldest first. */
export function eventsOf(draft: PlanDraft, categoryId: string): readonly RemoteEvent[] {
  return draft.eventsByParent.get(idKey(categoryId)) ?? [];
}

/** The properties of a remote event, oldest first. */
export function propertiesOf(draft: PlanDraft, eventId: string): readonly RemoteProperty[] {
  return draft.propertiesByParent.get(idKey(eventId)) ?? [];
}

/** A remote category's title; its id when it is not among the remote categories; null for none. */
export function categoryTitle(draft: PlanDraft, id: string | null): string | null {
  if (id === null) return null;
  return draft.remote.categories.find((c) => sameId(c.id, id))?.title ?? id;
}

/** A remote category as a path names it: its title, or what is known of it (as orphans are named). */
export function categoryLabel(draft: PlanDraft, id: string | null): string {
  if (id === null) return '(no category)';
  return draft.remote.categories.find((c) => sameId(c.id, id))?.title ?? `(category ${id})`;
}

/** The order deletes are listed in: by title, then oldest first, then by id. */
export const byTitleThenAge = <T extends { title: string; created_at: string | null; id: string }>(a: T, b: T): number =>
  compareText(a.title, b.title) || compareTimestamps(a.created_at, b.created_at) || compareText(a.id, b.id);

/** Items grouped by `key`, each group in the items' order. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
