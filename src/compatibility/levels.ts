/**
 * The three verdicts a compatibility check gives, from harmless to harmful, and how they
 * combine: an operation is as bad as its worst check.
 */
import type { CompatibilityLevel } from '../tracking-plan/types.js';

export type { CompatibilityLevel };

/** From least to most severe. */
export const LEVELS: readonly CompatibilityLevel[] = ['safe', 'warning', 'breaking'];

export function severity(level: CompatibilityLevel): number {
  return LEVELS.indexOf(level);
}

/** The more severe of the two. */
export function worse(a: CompatibilityLevel, b: CompatibilityLevel): CompatibilityLevel {
  return severity(a) >= severity(b) ? a : b;
}

/** The less severe of the two. */
export function milder(a: CompatibilityLevel, b: CompatibilityLevel): CompatibilityLevel {
  return severity(a) <= severity(b) ? a : b;
}

/** Whether `level` is at least as severe as `threshold`. */
export function atLeast(level: CompatibilityLevel, threshold: CompatibilityLevel): boolean {
  return severity(level) >= severity(threshold);
}
