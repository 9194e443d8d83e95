/** Moves: an event that changes category keeps its senders, but Secoda re-creates it (the API cannot move it). */
import type { Check } from './check.js';
import { code } from './message-words.js';

export const eventMoved = {
  id: 'event-moved',
  level: 'warning',
  description:
    'An event moves to another category: senders are unaffected, but Secoda re-creates it, so links and comments on the old entry are lost.',
  detect: (op, situation) => {
    if (situation.kind !== 'changed' || situation.movedFrom === undefined) return null;
    const from = situation.movedFrom === null ? 'another category' : code(situation.movedFrom);
    return {
      message: `${code(op.path[1] ?? '')} moves from ${from} to ${code(op.path[0] ?? '')}: apps are unaffected; Secoda re-creates it, so links and comments on the old entry are lost`,
    };
  },
} as const satisfies Check;

/** The checks of this family, for its test table. */
export const MOVE_CHECKS = [eventMoved] as const;
