/**
 * Orphans: remote events whose category is not under the integration, and properties whose event
 * is not. Nothing in the YAML can be them, so they are deleted, named by what is known of them.
 */
import { idKey } from '../ids.js';
import { NOT_IN_PLAN } from './delete-reasons.js';
import { deleteEvent } from './event-operations.js';
import { byTitleThenAge, type PlanDraft } from './plan-draft.js';
import { deleteProperty } from './property-operations.js';

/** Deletes the orphans no earlier step claimed: events first (with their properties), then properties. */
export function deleteOrphans(draft: PlanDraft): void {
  const categoryIds = new Set(draft.remote.categories.map((c) => idKey(c.id)));
  const events = draft.remote.events
    .filter((e) => !draft.claimedEvents.has(e.id) && (e.parent === null || !categoryIds.has(idKey(e.parent))))
    .sort(byTitleThenAge);
  for (const event of events) {
    draft.claimedEvents.add(event.id);
    deleteEvent(draft, event, [`(category ${event.parent ?? 'none'})`, event.title], NOT_IN_PLAN, null);
  }
  // An id as the event list wrote it is found without normalising it (idKey) first.
  const eventIdsAsWritten = new Set(draft.remote.events.map((e) => e.id));
  const eventIds = new Set(draft.remote.events.map((e) => idKey(e.id)));
  const properties = draft.remote.properties
    .filter((p) => p.parent === null || (!eventIdsAsWritten.has(p.parent) && !eventIds.has(idKey(p.parent))))
    .sort(byTitleThenAge);
  for (const property of properties) {
    deleteProperty(draft, property, ['(no category)', `(event ${property.parent ?? 'none'})`, property.title], NOT_IN_PLAN, null);
  }
}
