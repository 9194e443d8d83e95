/**
 * Whether what `tpsync import` writes for a plan loads as a plan. MERGE SWITCH (issue 25): until
 * the plan language's keys are merged (src/cli/pending-plan-keys.ts, `PLAN_KEYS_LANDED`), this
 * branch's loader refuses them, so the files are checked without them; once merged, as written.
 */
import type { Issue } from '../../src/errors.js';
import { importedPlanFiles } from '../../src/cli/imported-plan-files.js';
import { PLAN_KEYS_LANDED } from '../../src/cli/pending-plan-keys.js';
import type { ImportedPlan } from '../../src/import/imported-plan.js';
import { loadTrackingPlan } from '../../src/tracking-plan/load-plan.js';

export { PLAN_KEYS_LANDED };

/** The issues the loader finds in the written files (none: the plan validates). */
export function writtenPlanIssues(plan: ImportedPlan): Issue[] {
  const files = importedPlanFiles(
    plan.categories,
    { integration: 'ca529385-fbc9-4934-afae-e372affe795b' },
    '../../schemas/tracking-plan.schema.json',
    { withoutPendingKeys: !PLAN_KEYS_LANDED },
  );
  const encoder = new TextEncoder();
  const loaded = loadTrackingPlan(files.map((file) => ({ path: file.path, bytes: encoder.encode(file.text) })));
  return loaded.ok ? [] : loaded.issues;
}
