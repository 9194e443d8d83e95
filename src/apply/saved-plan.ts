/** `plan --out` files: what they must hold to be applied, and when they are stale. */
import type { Plan } from '../plan/types.js';
import { PLAN_FORMAT_VERSION } from '../plan/types.js';

export type SavedPlanCheck = { ok: true; plan: Plan } | { ok: false; reason: string; hint: string };

/** Checks a parsed plan file against the plan computed now from the same YAML and Secoda. */
export function checkSavedPlan(saved: unknown, current: Plan): SavedPlanCheck {
  const version = saved !== null && typeof saved === 'object' ? (saved as { format_version?: unknown }).format_version : undefined;
  if (typeof version === 'number' && version !== PLAN_FORMAT_VERSION && Number.isInteger(version) && version > 0) {
    return {
      ok: false,
      reason: `the plan file has format_version ${version}; this tpsync reads format_version ${PLAN_FORMAT_VERSION}`,
      hint: 'make the plan again with this version: `tpsync plan <plan> --out plan.json`',
    };
  }
  if (
    saved === null ||
    typeof saved !== 'object' ||
    version !== PLAN_FORMAT_VERSION ||
    !Array.isArray((saved as { operations?: unknown }).operations)
  ) {
    return {
      ok: false,
      reason: `the file is not a tpsync plan (format_version ${PLAN_FORMAT_VERSION})`,
      hint: 'make it with `tpsync plan <plan> --out plan.json`',
    };
  }
  const plan = saved as Plan;
  if (plan.integration !== current.integration) {
    return {
      ok: false,
      reason: `the saved plan is for integration ${plan.integration}, the tracking plan for ${current.integration}`,
      hint: 'make a new plan with `tpsync plan --out`',
    };
  }
  if (plan.tracking_plan_fingerprint !== current.tracking_plan_fingerprint) {
    return {
      ok: false,
      reason: 'stale plan: the tracking plan (YAML) changed since the plan was saved',
      hint: 'run `tpsync plan --out` again and review the new plan',
    };
  }
  if (plan.remote_fingerprint !== current.remote_fingerprint) {
    return {
      ok: false,
      reason: 'stale plan: Secoda changed since the plan was saved (someone edited it, or an apply already ran)',
      hint: 'run `tpsync plan --out` again and review the new plan',
    };
  }
  return { ok: true, plan };
}
