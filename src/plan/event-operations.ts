/**
 * The operations on events: an event the plan keeps is updated in place, or replaced when a field
 * that cannot change in place changes (its properties are deleted first and re-created after it);
 * a new one is created with its properties; one the plan drops is deleted after its properties.
 */
import type { RemoteCategory, RemoteEvent } from '../secoda/types.js';
import type { PlanEvent } from '../tracking-plan/types.js';
import { titleIdentity } from './compare.js';
import { EVENT_DELETED, EVENT_REPLACED, NOT_IN_PLAN, duplicateReason } from './delete-reasons.js';
import { bodyAsChanges, carryOver, createFields, diffCommon, propertyCreateFields, REPLACE_FIELDS, toPatch } from './field-diff.js';
import { byTitleThenAge, categoryLabel, eventsOf, groupBy, propertiesOf, type PlanDraft } from './plan-draft.js';
import { createProperty, deleteProperty, planProperties } from './property-operations.js';
import type { FieldChange } from './types.js';

/** An event matched in its category: updated or replaced as its fields require, then its properties. */
export function planMatchedEvent(
  draft: PlanDraft,
  event: PlanEvent,
  remote: RemoteEvent,
  path: readonly string[],
  categoryId: string | null,
): void {
  const changes = diffCommon(event, remote);
  const forced = changes.filter((c) => REPLACE_FIELDS.has(c.field)).map((c) => c.field);
  if (forced.length > 0) {
    replaceEvent(draft, event, remote, path, categoryId, forced, changes);
    return;
  }
  if (changes.length > 0) {
    draft.operations.push({ action: 'update', kind: 'event', path, remote_id: remote.id, patch: toPatch(changes), changes, reason: null });
  }
  planProperties(draft, event, remote, path);
}

/**
 * Replaces an event: deletes its properties (named where they are now: a moved event's old
 * properties sit under its old category), re-creates it — `forced` says which fields force it —
 * then creates its properties, carrying over what the YAML leaves out.
 */
export function replaceEvent(
  draft: PlanDraft,
  event: PlanEvent,
  remote: RemoteEvent,
  path: readonly string[],
  categoryId: string | null,
  forced: readonly string[],
  changes: readonly FieldChange[],
): void {
  const oldProperties = [...propertiesOf(draft, remote.id)].sort(byTitleThenAge);
  const oldPath = forced.includes('parent') ? [categoryLabel(draft, remote.parent), remote.title] : path;
  for (const property of oldProperties) deleteProperty(draft, property, [...oldPath, property.title], EVENT_REPLACED, null);
  const body = { title: titleIdentity(event.title), ...carryOver(remote, createFields(event)) };
  draft.operations.push({
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
    createProperty(draft, property, path, null, fields, EVENT_REPLACED);
  }
}

/** Creates an event and then its properties; `categoryId` null: its category is created by this plan. */
export function createEvent(draft: PlanDraft, event: PlanEvent, path: readonly string[], categoryId: string | null): void {
  const fields = createFields(event);
  draft.operations.push({
    action: 'create',
    kind: 'event',
    path,
    remote_id: null,
    parent_id: categoryId,
    body: { title: titleIdentity(event.title), ...fields },
    changes: bodyAsChanges(fields),
    reason: null,
  });
  for (const property of event.properties) createProperty(draft, property, path, null, propertyCreateFields(property), null);
}

/** Deletes a remote event after its properties; `duplicateOf` names the copy that is kept when it is a surplus copy. */
export function deleteEvent(
  draft: PlanDraft,
  event: RemoteEvent,
  path: readonly string[],
  reason: string,
  duplicateOf: string | null,
): void {
  const children = [...propertiesOf(draft, event.id)].sort(byTitleThenAge);
  for (const property of children) deleteProperty(draft, property, [...path, property.title], EVENT_DELETED, null);
  draft.operations.push({
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

/**
 * Deletes the category's events that nothing claimed. In a surplus copy of a category the plan
 * uses (`kept`: the ids of the events the plan keeps in it, by title), an event with the title of
 * one the plan keeps is a duplicate of it — two applies at once that each used their own copy of
 * a category they both created — not a resource the plan drops.
 */
export function deleteUnclaimedEvents(draft: PlanDraft, category: RemoteCategory, title: string, kept?: ReadonlyMap<string, string>): void {
  const leftovers = eventsOf(draft, category.id)
    .filter((e) => !draft.claimedEvents.has(e.id))
    .sort(byTitleThenAge);
  for (const event of leftovers) {
    draft.claimedEvents.add(event.id);
    const original = kept?.get(titleIdentity(event.title));
    if (original !== undefined) deleteEvent(draft, event, [title, event.title], duplicateReason(original), original);
    else deleteEvent(draft, event, [title, event.title], NOT_IN_PLAN, null);
  }
}
