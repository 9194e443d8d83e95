/** The tracking plan at a baseline git ref, for `plan --baseline`: loaded, or null when it does not load. */
import { loadPlanWithRules } from '../rules/load-plan-with-rules.js';
import type { YamlParser } from '../tracking-plan/parse-yaml.js';
import type { TrackingPlan } from '../tracking-plan/types.js';
import { readPlanFilesAtRef } from './plan-files-at-ref.js';

/** `parser`: as for the plan itself (TPSYNC_YAML_PARSER). */
export async function loadBaselinePlan(
  planPath: string,
  ref: string,
  warn: (text: string) => void,
  parser: YamlParser = 'auto',
): Promise<TrackingPlan | null> {
  const files = await readPlanFilesAtRef(planPath, ref);
  // A plan that did not exist yet at the ref: everything in it is new.
  if (files.length === 0) return { version: 1, integration: '', categories: [] };
  // Rule violations there are no reason to lose the baseline.
  const loaded = loadPlanWithRules(files, { ruleErrors: 'report', parser });
  if (loaded.ok) return loaded.plan;
  warn(
    `the tracking plan at ${ref} does not load (${loaded.issues.length} ${loaded.issues.length === 1 ? 'problem' : 'problems'}), so where each change comes from cannot be told`,
  );
  return null;
}
