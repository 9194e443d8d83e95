/**
 * (TrackingPlan, RemoteState) → Plan. Pure and synchronous: no I/O, no clock, no randomness;
 * the same inputs give the same plan, operation for operation.
 *
 * Operations come in tree order — category, then each event with its properties — which is
 * also a valid order to run them one by one: a parent is created before its children, and
 * children are deleted before their parent. The steps live beside this file: matching
 * (event-matching.ts), events (event-operations.ts), properties (property-operations.ts),
 * category warnings (category-warnings.ts), orphans (orphans.ts) and the summary (plan-summary.ts).
 */
import type { RemoteState } from '../secoda/types.js';
import type { PlanCategory, TrackingPlan } from '../tracking-plan/types.js';
import { titleIdentity } from './compare.js';
import { categoryNotInPlanWarning, usedCategoryWarnings } from './category-warnings.js';
import { duplicateReason } from './delete-reasons.js';
import { matchEvents, type EventMatching } from './event-matching.js';
import { createEvent, deleteEvent, deleteUnclaimedEvents, planMatchedEvent, replaceEvent } from './event-operations.js';
import { bodyAsChanges, diffCommon } from './field-diff.js';
import { remoteFingerprint, trackingPlanFingerprint } from './fingerprint.js';
import { scope } from './integration-scope.js';
import { deleteOrphans } from './orphans.js';
import { byTitleThenAge, categoryTitle, eventsOf, startDraft, type PlanDraft } from './plan-draft.js';
import { summarise } from './plan-summary.js';
import { noteSharedDefinitions } from './shared-definition-notes.js';
import { PLAN_FORMAT_VERSION, type Plan } from './types.js';
import { appendAll } from '../arrays.js';

export interface PlanOptions {
  /** The pace apply will write at; 0 = unpaced. Only used to estimate the duration. */
  readonly writesPerMinute: number;
}

/** The plan that brings the integration's part of `remoteState` in line with `trackingPlan`. */
export function buildPlan(trackingPlan: TrackingPlan, remoteState: RemoteState, options: PlanOptions): Plan {
  const remote = scope(remoteState, trackingPlan.integration);
  const draft = startDraft(remote);
  const matching = matchEvents(trackingPlan, draft);
  for (const { category, remote: match } of matching.categories) {
    if (match)
      appendAll(draft.warnings, usedCategoryWarnings(category, match, draft.categoriesByTitle.get(titleIdentity(category.title)) ?? []));
    else createCategory(draft, category);
    planEvents(draft, matching, category, match?.id ?? null);
    if (match) deleteUnclaimedEvents(draft, match, category.title);
  }
  remoteOnlyCategories(draft, matching);
  deleteOrphans(draft);
  const operations = noteSharedDefinitions(draft.operations, trackingPlan);
  return {
    format_version: PLAN_FORMAT_VERSION,
    integration: trackingPlan.integration,
    summary: summarise(operations, draft.warnings.length, remote.events.length + remote.properties.length, options.writesPerMinute),
    operations,
    warnings: draft.warnings,
    remote_fingerprint: remoteFingerprint(remote),
    tracking_plan_fingerprint: trackingPlanFingerprint(trackingPlan),
  };
}

function createCategory(draft: PlanDraft, category: PlanCategory): void {
  const body = { title: titleIdentity(category.title), ...(category.teams === undefined ? {} : { teams: [...category.teams] }) };
  draft.operations.push({
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

/** Each event of a category the YAML names: kept, moved here, or new; then its surplus copies go. */
function planEvents(draft: PlanDraft, matching: EventMatching, category: PlanCategory, categoryId: string | null): void {
  for (const event of category.events) {
    const path = [category.title, event.title];
    const match = matching.matches.get(event);
    const moved = matching.moves.get(event);
    if (match) planMatchedEvent(draft, event, match, path, categoryId);
    else if (moved)
      replaceEvent(
        draft,
        event,
        moved,
        path,
        categoryId,
        ['parent'],
        [
          { field: 'parent', before: categoryTitle(draft, moved.parent), after: category.title },
          // What else the YAML changes rides on the re-create: shown, so a reviewer sees it too.
          ...diffCommon(event, moved),
        ],
      );
    else createEvent(draft, event, path, categoryId);
    for (const duplicate of matching.duplicates.get(event) ?? []) {
      deleteEvent(draft, duplicate, path, duplicateReason(match?.id ?? ''), match?.id ?? null);
    }
  }
}

/** Categories of the integration that the YAML does not name: warned about (the API cannot delete them); their events go. */
function remoteOnlyCategories(draft: PlanDraft, matching: EventMatching): void {
  const used = new Set(matching.categories.map((m) => m.remote?.id).filter((id): id is string => id !== undefined));
  const unused = draft.remote.categories.filter((c) => !used.has(c.id)).sort(byTitleThenAge);
  for (const category of unused) {
    // Extra copies of a category the plan uses were warned about with the one that is kept.
    const oldest = draft.categoriesByTitle.get(titleIdentity(category.title))?.[0];
    const isCopy = oldest !== undefined && oldest.id !== category.id && used.has(oldest.id);
    if (!isCopy) {
      const events = eventsOf(draft, category.id).filter((e) => !draft.claimedEvents.has(e.id)).length;
      draft.warnings.push(categoryNotInPlanWarning(category, events));
    }
    deleteUnclaimedEvents(draft, category, category.title, isCopy ? matching.kept.get(titleIdentity(category.title)) : undefined);
  }
}
