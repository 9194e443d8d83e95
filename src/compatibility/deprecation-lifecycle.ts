/**
 * What a deprecation does to the verdict on removing an event or property: removing it once
 * its sunset has come is safe; before the sunset it keeps its level, and the message names the
 * date; deprecated with no sunset, it is at most a warning (senders were told, not when).
 * Sunsets compare as calendar dates: the sunset day itself counts as reached.
 */
import { compareDates } from '../tracking-plan/calendar-date.js';
import type { Deprecation } from '../tracking-plan/types.js';
import { milder, type CompatibilityLevel } from './levels.js';

export type SunsetState = 'reached' | 'ahead' | 'none';

export function sunsetState(deprecation: Deprecation, today: string): SunsetState {
  if (deprecation.sunset === undefined) return 'none';
  return compareDates(deprecation.sunset, today) <= 0 ? 'reached' : 'ahead';
}

/** The level of a removal check, given its configured level and the removed item's deprecation. */
export function removalLevel(configured: CompatibilityLevel, deprecation: Deprecation | undefined, today: string): CompatibilityLevel {
  if (deprecation === undefined) return configured;
  switch (sunsetState(deprecation, today)) {
    case 'reached':
      return 'safe';
    case 'ahead':
      return configured;
    case 'none':
      return milder(configured, 'warning');
  }
}
