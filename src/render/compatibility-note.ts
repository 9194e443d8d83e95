/**
 * How the renderings show compatibility verdicts and deprecations, so the terminal, the
 * Markdown comment and the job summary say the same thing the same way. Nothing is shown for
 * a plan that was not classified.
 */
import type { CompatibilityCheck, Operation, Plan } from '../plan/types.js';
import type { Deprecation } from '../tracking-plan/types.js';
import { plural } from './plural.js';

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

/** 'deprecated since 2024-01-15, sunset 2024-06-30, use "Checkout Started"' */
export function deprecationText(deprecation: Deprecation): string {
  const parts = [`deprecated since ${deprecation.since}`];
  if (deprecation.sunset !== undefined) parts.push(`sunset ${deprecation.sunset}`);
  if (deprecation.replacement !== undefined) parts.push(`use ${JSON.stringify(deprecation.replacement)}`);
  return parts.join(', ');
}

/** "Compatibility: 2 breaking (1 from drift), 1 warning, 12 safe." — null for a plan that was not classified. */
export function compatibilityCounts(plan: Plan): string | null {
  const counts = plan.summary.compatibility;
  if (counts === undefined) return null;
  const drift = (n: number) => (n > 0 ? ` (${n} from drift)` : '');
  return `Compatibility: ${[
    `${counts.breaking} breaking${drift(counts.drift?.breaking ?? 0)}`,
    `${plural(counts.warning, 'warning')}${drift(counts.drift?.warning ?? 0)}`,
    `${counts.safe} safe`,
  ].join(', ')}.`;
}
