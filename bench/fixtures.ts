/** What every network scenario starts from: a generated plan, loaded back from its YAML as the CLI would. */
import type { TrackingPlan } from '../src/tracking-plan/types.js';
import { loadPlanWithRules } from '../src/rules/load-plan-with-rules.js';
import { generatePlan, planToYamlFiles, type PlanShape } from './generate-plan.js';

export function loadGeneratedPlan(shape: PlanShape): TrackingPlan {
  const loaded = loadPlanWithRules(planToYamlFiles(generatePlan(shape)));
  if (!loaded.ok) throw new Error(`the generated plan is invalid: ${JSON.stringify(loaded.issues.slice(0, 3))}`);
  return loaded.plan;
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
