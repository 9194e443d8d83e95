/**
 * What a plan says as a whole, in the text and Markdown renderings (and the CLI around them): its
 * counts, how long applying it takes, what a plan with nothing to do says, and how far changes to
 * shared definitions reach.
 */
import type { Plan } from '../plan/types.js';
import { durationWords } from './duration-words.js';
import { plural } from './plural.js';

/** "Plan: 1 to create, 2 to update, 0 to replace, 1 to delete." */
export function summaryLine(plan: Plan): string {
  const s = plan.summary;
  return `Plan: ${s.create} to create, ${s.update} to update, ${s.replace} to replace, ${s.delete} to delete.`;
}

/** "Apply makes 12 write calls: about 24 s at 30 writes a minute." */
export function pacingLine(plan: Plan): string | null {
  const s = plan.summary;
  if (s.write_calls === 0) return null;
  const calls = plural(s.write_calls, 'write call');
  if (s.writes_per_minute === null || s.estimated_seconds === null) return `Apply makes ${calls} (unpaced).`;
  return `Apply makes ${calls}: about ${durationWords(s.estimated_seconds * 1000)} at ${s.writes_per_minute} writes a minute.`;
}

/** Whether the plan has no operation (it may still have warnings). */
export function isNoOp(plan: Plan): boolean {
  return plan.operations.length === 0;
}

/** What a plan says when nothing needs doing at all. */
export const NO_CHANGES = 'No changes. Secoda matches the tracking plan.';

/**
 * What a plan with no operation says first: "No changes…" only when nothing needs doing at all.
 * When categories differ (which the API cannot change), "Nothing to apply. 2 warnings need a
 * manual step in Secoda." — the plan is not in step, and `--detailed-exitcode` exits 2.
 */
export function emptyPlanHeadline(plan: Plan): string {
  const n = plan.warnings.length;
  if (n === 0) return NO_CHANGES;
  return `Nothing to apply. ${plural(n, 'warning')} ${n === 1 ? 'needs' : 'need'} a manual step in Secoda.`;
}

/** Whether Secoda is out of step with the plan: something to apply, or a warning that needs a manual step. */
export function hasDrift(plan: Plan): boolean {
  return plan.operations.length > 0 || plan.warnings.length > 0;
}

/** "Shared property "currency" changes 8 properties." — how far a change to a definition reaches. */
export function sharedDefinitionSummary(plan: Plan): string | null {
  const counts = new Map<string, number>();
  for (const op of plan.operations) {
    if (op.shared_definition !== undefined) counts.set(op.shared_definition, (counts.get(op.shared_definition) ?? 0) + 1);
  }
  if (counts.size === 0) return null;
  const parts = [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([title, n]) => `${JSON.stringify(title)} (${plural(n, 'property', 'properties')})`);
  return `From shared property definitions: ${parts.join(', ')}.`;
}
