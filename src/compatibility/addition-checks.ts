/**
 * Additions: a new category or event changes nothing that exists; a new property on an event
 * that apps already send is safe when optional and breaking when required.
 */
import type { Check } from './check.js';
import { code } from './message-words.js';

export const categoryAdded = {
  id: 'category-added',
  level: 'safe',
  description: 'A new category: a folder for events in Secoda; senders and readers are unaffected.',
  detect: (op) =>
    op.kind === 'category'
      ? { message: `new category ${code(op.path[0] ?? '')}: a folder in Secoda; apps and readers are unaffected` }
      : null,
} as const satisfies Check;

export const eventAdded = {
  id: 'event-added',
  level: 'safe',
  description: 'A new event: senders can start sending it; nothing that exists changes.',
  detect: (op, situation) =>
    op.kind === 'event' && situation.kind === 'added'
      ? {
          message: `new event ${code(op.path[1] ?? '')} in ${code(op.path[0] ?? '')}: apps can start sending it; nothing that exists changes`,
        }
      : null,
} as const satisfies Check;

export const propertyAddedOptional = {
  id: 'property-added-optional',
  level: 'safe',
  description: 'An optional property on an existing event: events sent without it still conform.',
  detect: (op, situation) =>
    op.kind === 'property' && op.action === 'create' && situation.kind === 'added' && op.body.is_required !== true
      ? { message: `${code(op.path[1] ?? '')} may now carry ${code(op.path[2] ?? '')}; apps that do not send it still conform` }
      : null,
} as const satisfies Check;

export const propertyAddedRequired = {
  id: 'property-added-required',
  level: 'breaking',
  description: 'A required property on an existing event: senders that do not send it yet send incomplete events.',
  detect: (op, situation) =>
    op.kind === 'property' && op.action === 'create' && situation.kind === 'added' && op.body.is_required === true
      ? { message: `apps that send ${code(op.path[1] ?? '')} without ${code(op.path[2] ?? '')} will send incomplete events` }
      : null,
} as const satisfies Check;

/** The checks of this family, for its test table. */
export const ADDITION_CHECKS = [categoryAdded, eventAdded, propertyAddedOptional, propertyAddedRequired] as const;
