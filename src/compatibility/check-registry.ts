/**
 * Every compatibility check, in the order docs/breaking-changes.md lists them (a test checks the
 * table against this list) and in which a verdict lists checks of one level. Each check lives in
 * the file of its family, with its id, level, description and detection: additions, removals,
 * moves, field changes, duplicates, properties that only follow their event, and changes to
 * what only the plan says (shape-checks.ts). Modelled on
 * oasdiff's checker list and buf's breaking rules: one id per kind of change, one level per id,
 * levels overridable per id in the header file's `compatibility:`.
 */
import { categoryAdded, eventAdded, propertyAddedOptional, propertyAddedRequired } from './addition-checks.js';
import type { Check } from './check.js';
import { duplicateRemoved } from './duplicate-checks.js';
import {
  enumValueAdded,
  enumValueRemoved,
  metadataChanged,
  piiChanged,
  propertyBecameOptional,
  propertyBecameRequired,
  propertyTypeChanged,
} from './field-checks.js';
import { eventMoved } from './move-checks.js';
import { eventRemoved, propertyRemoved } from './removal-checks.js';
import { SHAPE_CHECKS } from './shape-checks.js';
import { propertyAddedWithEvent, propertyRecreated, propertyRemovedWithEvent } from './with-event-checks.js';

export const CHECKS = [
  eventAdded,
  eventRemoved,
  eventMoved,
  propertyAddedOptional,
  propertyAddedRequired,
  propertyRemoved,
  propertyBecameRequired,
  propertyBecameOptional,
  propertyTypeChanged,
  enumValueRemoved,
  enumValueAdded,
  piiChanged,
  metadataChanged,
  duplicateRemoved,
  categoryAdded,
  propertyAddedWithEvent,
  propertyRemovedWithEvent,
  propertyRecreated,
  ...SHAPE_CHECKS,
] as const satisfies readonly Check[];

/** A check of the registry, its id typed as one of the registered ids. */
export type RegisteredCheck = (typeof CHECKS)[number];

export type CheckId = RegisteredCheck['id'];

export const CHECK_IDS: readonly CheckId[] = CHECKS.map((check) => check.id);

const BY_ID: ReadonlyMap<string, Check> = new Map(CHECKS.map((check) => [check.id, check]));

/** The check with this id. */
export function checkDefinition(id: CheckId): Check {
  // Every CheckId is in the table, by construction.
  return BY_ID.get(id) as Check;
}

/** Registry order, for listing checks in a stable order. */
export function checkOrder(id: CheckId): number {
  return CHECK_IDS.indexOf(id);
}
