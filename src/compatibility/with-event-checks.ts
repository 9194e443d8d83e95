/**
 * Properties that only follow their event: created with a new event, deleted with a removed one,
 * or deleted and created again unchanged with a re-created one. The event's own verdict covers them.
 */
import type { Check } from './check.js';
import { code } from './message-words.js';

export const propertyAddedWithEvent = {
  id: 'property-added-with-event',
  level: 'safe',
  description: 'A property of a new event: nothing sends the event yet (the event-added verdict covers it).',
  detect: (op, situation) =>
    situation.kind === 'added-with-event'
      ? { message: `${code(op.path[2] ?? '')} comes with the new event ${code(op.path[1] ?? '')}: nothing sends it yet` }
      : null,
} as const satisfies Check;

export const propertyRemovedWithEvent = {
  id: 'property-removed-with-event',
  level: 'safe',
  description: "A property deleted because its event is deleted: the event's own verdict covers it.",
  detect: (op, situation) =>
    situation.kind === 'removed-with-event'
      ? { message: `${code(op.path[2] ?? '')} goes with its event ${code(op.path[1] ?? '')}: the event's verdict covers it` }
      : null,
} as const satisfies Check;

export const propertyRecreated = {
  id: 'property-recreated',
  level: 'safe',
  description: 'A property deleted and re-created unchanged because its event is re-created (moved, or owners_groups changed).',
  detect: (op, situation) =>
    situation.kind === 'recreated'
      ? {
          message: `${code(op.path[2] ?? '')} is re-created unchanged with its event ${code(op.path[1] ?? '')}: apps and readers are unaffected`,
        }
      : null,
} as const satisfies Check;

/** The checks of this family, for its test table. */
export const WITH_EVENT_CHECKS = [propertyAddedWithEvent, propertyRemovedWithEvent, propertyRecreated] as const;
