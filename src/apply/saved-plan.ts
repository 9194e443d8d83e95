/**
 * `plan --out` files, and what `apply --plan-file` makes of them. A plan file is never
 * executed as written: apply makes a fresh plan from the YAML and what Secoda holds now, and
 * runs that fresh plan only if its operations are exactly the file's, compared by the digest of
 * what each does (src/plan/operation-identity.ts). A file edited by hand — another integration,
 * an extra delete, a changed value, a lowered count for the delete guard — is refused.
 */
import { fullOperationDigest } from '../plan/operation-identity.js';
import type { Operation, Plan } from '../plan/types.js';
import { PLAN_FORMAT_VERSION } from '../plan/types.js';

export type SavedPlanCheck = { ok: true; plan: Plan } | { ok: false; reason: string; hint: string };

/** The words every refusal of a file that is not the fresh plan carries. */
export const PLAN_FILE_MISMATCH = 'the plan file does not match a fresh plan';

const REMAKE = 'run `tpsync plan <plan> --out plan.json` again and review the new plan';

/**
 * Checks a parsed plan file against the plan made now from the same YAML and Secoda. On
 * success the plan to run is `current` — the fresh one — never the file's.
 */
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
  const file = saved as { integration?: unknown; operations: unknown[]; tracking_plan_fingerprint?: unknown; remote_fingerprint?: unknown };
  if (file.integration !== current.integration) {
    return {
      ok: false,
      reason: `${PLAN_FILE_MISMATCH}: the file is for integration ${describeId(file.integration)}, the tracking plan for ${current.integration}`,
      hint: REMAKE,
    };
  }
  const same = sameOperations(file.operations, current.operations);
  if (file.tracking_plan_fingerprint !== current.tracking_plan_fingerprint) {
    return {
      ok: false,
      reason: `stale plan: the tracking plan (YAML) changed since the plan was saved (${PLAN_FILE_MISMATCH})`,
      hint: REMAKE,
    };
  }
  if (file.remote_fingerprint !== current.remote_fingerprint) {
    return {
      ok: false,
      reason: `stale plan: Secoda changed since the plan was saved, by someone's edit or an apply that already ran (${PLAN_FILE_MISMATCH})`,
      hint: REMAKE,
    };
  }
  if (!same) {
    return {
      ok: false,
      reason: `${PLAN_FILE_MISMATCH}: its operations are not the ones the YAML and Secoda give now (was it edited?)`,
      hint: REMAKE,
    };
  }
  return { ok: true, plan: current };
}

/** Whether the file's operations are exactly the fresh ones, as a multiset of digests. */
function sameOperations(saved: readonly unknown[], fresh: readonly Operation[]): boolean {
  if (saved.length !== fresh.length) return false;
  if (!saved.every((op) => op !== null && typeof op === 'object' && !Array.isArray(op))) return false;
  const digests = (ops: readonly Operation[]) => ops.map(fullOperationDigest).sort();
  try {
    const a = digests(saved as Operation[]);
    const b = digests(fresh);
    return a.every((digest, i) => digest === b[i]);
  } catch {
    // An operation of no known shape (no action, cyclic, …): not the fresh plan.
    return false;
  }
}

function describeId(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
