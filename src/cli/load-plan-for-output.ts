/**
 * Loads the tracking plan for `schema`, `check` and `codegen`. An invalid plan is reported on
 * stderr (and as annotations in GitHub Actions, which go to stderr too) and ends the command with
 * exit 1. Warnings (rule violations included) are left to `validate`.
 *
 * The plan comes back with every secret of the environment taken out of its values (a token
 * pasted into a description): what is built from it — schema files, generated code, reports —
 * is written to files and escaped in ways (JSDoc, JSON) that a later redaction might not see.
 */
import { ExitError } from '../errors.js';
import { readPlanFiles } from '../files/read-plan-files.js';
import { renderIssuesText } from '../render/issues.js';
import { loadPlanWithRules } from '../rules/load-plan-with-rules.js';
import type { TrackingPlan } from '../tracking-plan/types.js';
import { reportIssuesToGitHub } from './github-annotations.js';
import { redactorOf, styleFor, type Io } from './io.js';
import { yamlParserOption } from './yaml-parser-option.js';

export async function loadPlanForOutput(planPath: string, io: Io): Promise<TrackingPlan> {
  // As for plan: governance rules are enforced by validate, and never stop what is built from the plan.
  const read = await readPlanFiles(planPath);
  const loaded = read.ok ? loadPlanWithRules(read.files, { ruleErrors: 'report', parser: yamlParserOption(io.env) }) : read;
  if (loaded.ok) return redactorOf(io).redactDeep(loaded.plan);
  // Secrets out before the issues are cut, escaped or annotated (a token pasted into the YAML).
  const issues = redactorOf(io).redactDeep(loaded.issues);
  io.stderr.write(renderIssuesText(issues, styleFor(io.stderr, io.env)));
  // Annotations go to stderr (never into a document on stdout), so they are safe either way.
  await reportIssuesToGitHub(issues, io);
  throw new ExitError(1, 'the tracking plan is invalid');
}
