/**
 * The operations on properties: those of an event that is kept (matched by title, the oldest of
 * same-titled copies wins; a change to a field that cannot change in place replaces it; surplus
 * copies and properties the YAML does not name are deleted), and single creates and deletes.
 */
import type { RemoteEvent, RemoteProperty } from '../secoda/types.js';
import type { PlanEvent, PlanProperty } from '../tracking-plan/types.js';
import { titleIdentity } from './compare.js';
import { NOT_IN_PLAN, duplicateReason } from './delete-reasons.js';
import { bodyAsChanges, carryOver, diffCommon, diffPropertyShape, propertyCreateFields, REPLACE_FIELDS, toPatch } from './field-diff.js';
import { byTitleThenAge, groupBy, propertiesOf, type PlanDraft } from './plan-draft.js';
import type { CreateBody } from './types.js';

/** The operations that bring the properties of `remote`, which the plan keeps as `event`, in line with the YAML. */
export function planProperties(draft: PlanDraft, event: PlanEvent, remote: RemoteEvent, eventPath: readonly string[]): void {
  const existing = groupBy(propertiesOf(draft, remote.id), (p) => titleIdentity(p.title));
  const claimed = new Set<string>();
  for (const property of event.properties) {
    const copies = existing.get(titleIdentity(property.title));
    const match = copies?.[0];
    if (!match) {
      createProperty(draft, property, eventPath, remote.id, propertyCreateFields(property), null);
      continue;
    }
    claimed.add(match.id);
    const shape = diffPropertyShape(property, match);
    const common = diffCommon(property, match);
    // The usual case of a plan that is mostly applied: one copy, nothing to change, nothing to build.
    if (shape.length === 0 && common.length === 0 && copies.length === 1) continue;
    const path = [...eventPath, property.title];
    const changes = [...shape, ...common];
    const forced = changes.filter((c) => REPLACE_FIELDS.has(c.field)).map((c) => c.field);
    if (forced.length > 0) {
      const body = { title: titleIdentity(property.title), ...carryOver(match, propertyCreateFields(property)) };
      draft.operations.push({
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
      draft.operations.push({
        action: 'update',
        kind: 'property',
        path,
        remote_id: match.id,
        patch: toPatch(changes),
        changes,
        reason: null,
      });
    }
    for (const duplicate of copies.slice(1)) {
      claimed.add(duplicate.id);
      deleteProperty(draft, duplicate, path, duplicateReason(match.id), match.id);
    }
  }
  const leftovers = propertiesOf(draft, remote.id)
    .filter((p) => !claimed.has(p.id))
    .sort(byTitleThenAge);
  for (const property of leftovers) deleteProperty(draft, property, [...eventPath, property.title], NOT_IN_PLAN, null);
}

/** Creates a property; `parentId` null: its event is created (or re-created) by this plan. */
export function createProperty(
  draft: PlanDraft,
  property: PlanProperty,
  eventPath: readonly string[],
  parentId: string | null,
  fields: Omit<CreateBody, 'title'>,
  reason: string | null,
): void {
  draft.operations.push({
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

/** Deletes a remote property; `duplicateOf` names the copy that is kept when it is a surplus copy. */
export function deleteProperty(
  draft: PlanDraft,
  property: RemoteProperty,
  path: readonly string[],
  reason: string,
  duplicateOf: string | null,
): void {
  draft.operations.push({
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
