/**
 * A copy of a plan with some fields replaced. A plan's fingerprints are lazy getters (hashing the
 * whole remote state is a sizeable share of planning a large catalog, and only a saved plan, its
 * JSON and the staleness check read them): an object spread would call them, so copies keep the
 * property descriptors instead. Pure.
 */
import type { Plan } from './types.js';

/** `{ ...plan, ...fields }`, without computing the fingerprints. */
export function withPlan(plan: Plan, fields: Partial<Omit<Plan, 'remote_fingerprint' | 'tracking_plan_fingerprint'>>): Plan {
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(plan)) as Record<string, unknown>;
  for (const [key, value] of Object.entries(fields))
    Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy as unknown as Plan;
}
