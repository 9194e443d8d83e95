/**
 * How the renderings show compatibility verdicts and deprecations, so the terminal, the
 * Markdown comment and the job summary say the same thing the same way. Nothing is shown for
 * a plan that was not classified.
 */
import { deprecationText } from '../compatibility/deprecation-lifecycle.js';
import type { CompatibilityCheck, Operation, Plan } from '../plan/types.js';

/** The checks worth a reader's attention: breaking first, then warnings; safe ones are left out. */
export function flaggedChecks(op: Operation): readonly CompatibilityCheck[] {
  return (op.compatibility?.checks ?? []).filter((check) => check.level !== 'safe');
}

export function isBreaking(op: Operation): boolean {
  return op.compatibility?.level === 'breaking';
}

/** "breaking: apps that send `x: y` will send an unplanned value [enum-value-removed]" */
export function checkLine(check: CompatibilityCheck): string {
  return `${check.level}: ${check.message} [${check.id}]`;
}

/** 'deprecated since 2024-01-15, sunset 2024-06-30, use "Checkout Started"', or null. */
export function deprecationNote(op: Operation): string | null {
  return op.deprecated === undefined ? null : deprecationText(op.deprecated);
}

/** "Compatibility: 2 breaking (1 from drift), 1 warning, 12 safe." — null for a plan that was not classified. */
export function compatibilityCounts(plan: Plan): string | null {
  const counts = plan.summary.compatibility;
  if (counts === undefined) return null;
  const drift = (n: number) => (n > 0 ? ` (${n} from drift)` : '');
  return `Compatibility: ${[
    `${counts.breaking} breaking${drift(counts.drift?.breaking ?? 0)}`,
    `${counts.warning} ${counts.warning === 1 ? 'warning' : 'warnings'}${drift(counts.drift?.warning ?? 0)}`,
    `${counts.safe} safe`,
  ].join(', ')}.`;
}
