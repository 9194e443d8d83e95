/**
 * `plan --fail-on breaking|warning`: whether the plan holds a change at that level or worse,
 * said in one line (changes to what only the plan says, `local_changes`, included). Changes that come from drift in Secoda (origin `secoda`, known only with
 * `--baseline`) do not count: a pull request is not failed for what someone did in Secoda.
 */
import type { LocalChange, Operation, Plan } from '../plan/types.js';
import { atLeast, type CompatibilityLevel } from './levels.js';

/** The values `--fail-on` takes: fail on a breaking change, or on a breaking change or a warning. */
export const FAIL_ON_LEVELS = ['breaking', 'warning'] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];

/** Whether a `--fail-on` value is one of FAIL_ON_LEVELS (exactly; the CLI lower-cases first). */
export function isFailOn(value: string): value is FailOn {
  return (FAIL_ON_LEVELS as readonly string[]).includes(value);
}

/** Whether an operation counts against `--fail-on`: at or above the threshold, and not drift. */
export function tripsFailOn(op: Operation, threshold: FailOn): boolean {
  return op.compatibility !== undefined && atLeast(op.compatibility.level, threshold) && op.origin !== 'secoda';
}

/**
 * The one-line reason the plan fails `--fail-on threshold`, e.g.
 * "--fail-on breaking: the plan has 2 breaking changes (event-removed, enum-value-removed)";
 * null when it passes.
 */
export function failOnReason(plan: Plan, threshold: FailOn): string | null {
  // Changes to what only the plan says count too: they break senders as much as a Secoda change.
  const local = (plan.local_changes ?? []).filter(
    (change) => change.compatibility !== undefined && atLeast(change.compatibility.level, threshold),
  );
  const counted: readonly (Operation | LocalChange)[] = [...plan.operations.filter((op) => tripsFailOn(op, threshold)), ...local];
  if (counted.length === 0) return null;
  const count = (level: CompatibilityLevel) => counted.filter((op) => op.compatibility?.level === level).length;
  const breaking = count('breaking');
  const warning = count('warning');
  const parts = [
    ...(breaking > 0 ? [`${breaking} breaking ${breaking === 1 ? 'change' : 'changes'}`] : []),
    ...(warning > 0 ? [`${warning} ${warning === 1 ? 'change' : 'changes'} with a warning`] : []),
  ];
  const ids = [
    ...new Set(counted.flatMap((op) => (op.compatibility?.checks ?? []).filter((c) => atLeast(c.level, threshold)).map((c) => c.id))),
  ];
  const drift = plan.operations.filter(
    (op) => op.origin === 'secoda' && op.compatibility !== undefined && atLeast(op.compatibility.level, threshold),
  ).length;
  const driftNote = drift > 0 ? `; ${drift} more from drift in Secoda ${drift === 1 ? 'is' : 'are'} not counted` : '';
  return `--fail-on ${threshold}: the plan has ${parts.join(' and ')} (${ids.join(', ')})${driftNote}`;
}
