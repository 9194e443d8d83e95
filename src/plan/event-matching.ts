/**
 * Which remote resource each category and event of the YAML is. Identity is the title (in NFC)
 * under the parent: a category by its title (the oldest of same-titled copies wins); an event
 * by its title within its category (the oldest of duplicates wins, the rest are surplus); an
 * event that left its category, by its title anywhere under the integration (a move).
 */
import type { RemoteCategory, RemoteEvent } from '../secoda/types.js';
import type { PlanCategory, PlanEvent, TrackingPlan } from '../tracking-plan/types.js';
import { titleIdentity } from './compare.js';
import { eventsOf, groupBy, type PlanDraft } from './plan-draft.js';

export interface MatchedCategory {
  readonly category: PlanCategory;
  /** The remote category it is; undefined when it is to be created. */
  readonly remote: RemoteCategory | undefined;
}

export interface EventMatching {
  /** The YAML's categories in order, each with the remote category it is. */
  readonly categories: readonly MatchedCategory[];
  /** Events found in their own category. */
  readonly matches: ReadonlyMap<PlanEvent, RemoteEvent>;
  /** For a matched event: the younger copies of it in the same category (surplus). */
  readonly duplicates: ReadonlyMap<PlanEvent, readonly RemoteEvent[]>;
  /** Events found in another category: they move. */
  readonly moves: ReadonlyMap<PlanEvent, RemoteEvent>;
  /**
   * Per category title, the remote id of each event the plan keeps in it, by event title: an event
   * with that title in a surplus copy of the category is a copy of it, not a resource the plan drops.
   */
  readonly kept: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/** Matches the YAML's categories and events; marks every remote event it matches as claimed in `draft`. */
export function matchEvents(plan: TrackingPlan, draft: PlanDraft): EventMatching {
  const categories = plan.categories.map((category) => ({
    category,
    remote: draft.categoriesByTitle.get(titleIdentity(category.title))?.[0],
  }));

  // Pass 1: events matched by title within their category (the oldest of duplicates wins).
  const matches = new Map<PlanEvent, RemoteEvent>();
  const duplicates = new Map<PlanEvent, RemoteEvent[]>();
  for (const { category, remote } of categories) {
    if (!remote) continue;
    const siblings = groupBy(eventsOf(draft, remote.id), (e) => titleIdentity(e.title));
    for (const event of category.events) {
      const [first, ...rest] = siblings.get(titleIdentity(event.title)) ?? [];
      if (!first) continue;
      matches.set(event, first);
      duplicates.set(event, rest);
      for (const e of [first, ...rest]) draft.claimedEvents.add(e.id);
    }
  }
  // Pass 2: an event that left its category is found elsewhere under the integration (a move).
  const moves = new Map<PlanEvent, RemoteEvent>();
  const unclaimedByTitle = groupBy(draft.eventsOldestFirst, (e) => titleIdentity(e.title));
  for (const { category } of categories) {
    for (const event of category.events) {
      if (matches.has(event)) continue;
      const candidate = unclaimedByTitle.get(titleIdentity(event.title))?.find((e) => !draft.claimedEvents.has(e.id));
      if (!candidate) continue;
      moves.set(event, candidate);
      draft.claimedEvents.add(candidate.id);
    }
  }

  const kept = new Map<string, Map<string, string>>();
  for (const { category } of categories) {
    const ids = new Map<string, string>();
    for (const event of category.events) {
      const remote = matches.get(event) ?? moves.get(event);
      if (remote) ids.set(titleIdentity(event.title), remote.id);
    }
    kept.set(titleIdentity(category.title), ids);
  }
  return { categories, matches, duplicates, moves, kept };
}
