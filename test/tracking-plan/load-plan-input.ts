// What the loader's tests share: a plan's header and the loader run on one YAML text.
import { loadTrackingPlan } from '../../src/tracking-plan/load-plan.js';
import type { PlanFileInput } from '../../src/tracking-plan/plan-file-input.js';
import type { Issue } from '../../src/errors.js';

/** The integration every plan of these tests names. */
export const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';
/** The lines every plan starts with: `version` and `integration`. */
export const HEADER = `version: 1\nintegration: ${INTEGRATION}\n`;

/** A plan file named `path` holding `text` as UTF-8. */
export const file = (path: string, text: string): PlanFileInput => ({ path, bytes: new TextEncoder().encode(text) });
/** The loader's result for one file, `plan.yaml`, holding `text`. */
export const load = (text: string) => loadTrackingPlan([file('plan.yaml', text)]);
/** The issues of a plan that must not load; throws when it loads. */
export const issuesOf = (text: string): Issue[] => {
  const result = load(text);
  if (result.ok) throw new Error('expected issues, got a valid plan');
  return result.issues;
};
