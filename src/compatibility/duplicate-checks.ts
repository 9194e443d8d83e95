/** Duplicates: deleting a surplus copy in Secoda loses nothing; the oldest copy, which the plan matches, stays. */
import type { Check } from './check.js';
import { subjectOf } from './message-words.js';

export const duplicateRemoved = {
  id: 'duplicate-removed',
  level: 'safe',
  description: 'An extra copy of a resource in Secoda is deleted; the oldest copy, which the plan matches, is kept.',
  detect: (op, situation) =>
    op.action === 'delete' && situation.kind === 'duplicate-removed'
      ? {
          message: `an extra copy of ${subjectOf(op.kind, op.path)} in Secoda (${op.remote_id}) is deleted; the oldest, ${op.duplicate_of ?? ''}, is kept`,
        }
      : null,
} as const satisfies Check;

/** The checks of this family, for its test table. */
export const DUPLICATE_CHECKS = [duplicateRemoved] as const;
