/** Whether what `tpsync import` writes for a plan loads as a plan, keys of the richer language included. */
import type { Issue } from '../../src/errors.js';
import { importedPlanFiles } from '../../src/cli/imported-plan-files.js';
import type { ImportedPlan } from '../../src/import/imported-plan.js';
import { loadTrackingPlan } from '../../src/tracking-plan/load-plan.js';

/** The issues the loader finds in the written files (none: the plan validates). */
export function writtenPlanIssues(plan: ImportedPlan): Issue[] {
  const files = importedPlanFiles(
    plan.categories,
    { integration: 'ca529385-fbc9-4934-afae-e372affe795b' },
    '../../schemas/tracking-plan.schema.json',
  );
  const encoder = new TextEncoder();
  const loaded = loadTrackingPlan(files.map((file) => ({ path: file.path, bytes: encoder.encode(file.text) })));
  return loaded.ok ? [] : loaded.issues;
}
