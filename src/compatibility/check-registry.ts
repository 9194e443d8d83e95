/**
 * The catalogue of compatibility checks: each has a stable id (used in plan JSON, in
 * `compatibility:` overrides and in docs/breaking-changes.md), a default level and a one-line description.
 * Modelled on buf's breaking rules and oasdiff's checker list: one id per kind of change, one
 * level per id, levels overridable per id.
 *
 * "Senders" are the apps that send events; "readers" are the dashboards, models and people
 * that use them.
 */
import type { CompatibilityLevel } from './levels.js';

export interface CheckDefinition {
  readonly id: string;
  /** The level it reports at unless the header file's `compatibility:` says otherwise. */
  readonly level: CompatibilityLevel;
  /** What it finds and why it has its level, in one line (the table in docs/breaking-changes.md shows it). */
  readonly description: string;
}

export const CHECKS = [
  {
    id: 'event-added',
    level: 'safe',
    description: 'A new event: senders can start sending it; nothing that exists changes.',
  },
  {
    id: 'event-removed',
    level: 'breaking',
    description:
      'An event leaves the plan: senders that still send it send an unplanned event, readers lose it. Safe once its deprecation sunset has passed; a warning when deprecated without a sunset.',
  },
  {
    id: 'event-moved',
    level: 'warning',
    description:
      'An event moves to another category: senders are unaffected, but Secoda re-creates it, so links and comments on the old entry are lost.',
  },
  {
    id: 'property-added-optional',
    level: 'safe',
    description: 'An optional property on an existing event: events sent without it still conform.',
  },
  {
    id: 'property-added-required',
    level: 'breaking',
    description: 'A required property on an existing event: senders that do not send it yet send incomplete events.',
  },
  {
    id: 'property-removed',
    level: 'breaking',
    description:
      'A property leaves its event: senders that still send it send an unplanned property, readers lose it. Sunset rules as for event-removed.',
  },
  {
    id: 'property-became-required',
    level: 'breaking',
    description: 'An optional property becomes required: senders that leave it out send incomplete events.',
  },
  {
    id: 'property-became-optional',
    level: 'warning',
    description: 'A required property becomes optional: senders are unaffected; readers may now get events without it.',
  },
  {
    id: 'property-type-changed',
    level: 'breaking',
    description: "A property's type changes: senders send, and readers parse, the old type.",
  },
  {
    id: 'enum-value-removed',
    level: 'breaking',
    description: 'Enum values are removed: senders that send them send unplanned values.',
  },
  {
    id: 'enum-value-added',
    level: 'safe',
    description: 'Enum values are added: senders are unaffected; readers that list the values see new ones.',
  },
  {
    id: 'pii-changed',
    level: 'warning',
    description: 'The PII flag changes: whoever stores or reads the data must handle it as personal data, or may stop doing so.',
  },
  {
    id: 'metadata-changed',
    level: 'safe',
    description:
      'Documentation only: description, definition, owners, owners_groups, teams, tags, collections, subscribers, verified, published.',
  },
  {
    id: 'duplicate-removed',
    level: 'safe',
    description: 'An extra copy of a resource in Secoda is deleted; the oldest copy, which the plan matches, is kept.',
  },
  {
    id: 'category-added',
    level: 'safe',
    description: 'A new category: a folder for events in Secoda; senders and readers are unaffected.',
  },
  {
    id: 'property-added-with-event',
    level: 'safe',
    description: 'A property of a new event: nothing sends the event yet (the event-added verdict covers it).',
  },
  {
    id: 'property-removed-with-event',
    level: 'safe',
    description: "A property deleted because its event is deleted: the event's own verdict covers it.",
  },
  {
    id: 'property-recreated',
    level: 'safe',
    description: 'A property deleted and re-created unchanged because its event is re-created (moved, or owners_groups changed).',
  },
] as const satisfies readonly CheckDefinition[];

export type CheckId = (typeof CHECKS)[number]['id'];

export const CHECK_IDS: readonly CheckId[] = CHECKS.map((check) => check.id);

const BY_ID: ReadonlyMap<string, CheckDefinition> = new Map(CHECKS.map((check) => [check.id, check]));

export function checkDefinition(id: CheckId): CheckDefinition {
  // Every CheckId is in the table, by construction.
  return BY_ID.get(id) as CheckDefinition;
}

/** Registry order, for listing checks in a stable order. */
export function checkOrder(id: CheckId): number {
  return CHECK_IDS.indexOf(id);
}
