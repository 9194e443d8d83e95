/** A plan read from disk and loaded as the commands load it (its rules included): for tests that start from a plan directory. */
import { readPlanFiles } from '../../src/files/read-plan-files.js';
import { loadPlanWithRules, type RulesLoadOptions } from '../../src/rules/load-plan-with-rules.js';
import type { LoadResult } from '../../src/tracking-plan/load-plan.js';

export async function readTrackingPlan(planPath: string, options: RulesLoadOptions = {}): Promise<LoadResult> {
  const read = await readPlanFiles(planPath);
  return read.ok ? loadPlanWithRules(read.files, options) : read;
}
