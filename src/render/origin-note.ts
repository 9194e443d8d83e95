/**
 * How the renderings say where a change comes from: with a baseline (`plan --baseline`), a note
 * on each change that undoes an edit made in Secoda, and one line that counts them; and with or
 * without one, who made that edit and when, when Secoda's audit log says (`changed_in_secoda`).
 */
import type { Operation, Plan, SecodaChange } from '../plan/types.js';

export const DRIFT_NOTE = 'drift: changed in Secoda';

/** "changed in Secoda by ana@acme.com on 2026-12-01": how text, Markdown and JSON say who changed a drifted resource. */
export function secodaChangeText(change: SecodaChange): string {
  return `changed in Secoda by ${change.by} on ${change.on}`;
}

export function originNote(op: Operation): string | null {
  const change = op.changed_in_secoda;
  if (change !== undefined) return op.origin === 'secoda' ? `drift: ${secodaChangeText(change)}` : secodaChangeText(change);
  return op.origin === 'secoda' ? DRIFT_NOTE : null;
}

export function driftSummary(plan: Plan): string | null {
  const ops = plan.operations;
  if (ops.length === 0 || ops.every((op) => op.origin === undefined)) return null;
  if (ops.some((op) => op.origin === null))
    return 'Where the changes come from could not be told: the baseline tracking plan does not load.';
  const drift = ops.filter((op) => op.origin === 'secoda').length;
  if (drift === 0) return 'No drift: every change comes from the tracking plan.';
  const of = drift === ops.length ? `All ${ops.length}` : `${drift} of ${ops.length}`;
  return `Drift: ${of} ${ops.length === 1 ? 'change undoes an edit' : 'changes undo edits'} made in Secoda; the tracking plan did not change ${drift === 1 ? 'it' : 'them'} since the baseline.`;
}
