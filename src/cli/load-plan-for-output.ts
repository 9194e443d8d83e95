/**
 * Loads the tracking plan for `schema`, `check` and `codegen`. An invalid plan is reported on
 * stderr (and as annotations in GitHub Actions, unless stdout carries a document) and ends the
 * command with exit 1.
 */
import { ExitError } from '../errors.js';
import { renderIssuesText } from '../render/issues.js';
import { readTrackingPlan } from '../tracking-plan/read-plan-files.js';
import type { TrackingPlan } from '../tracking-plan/types.js';
import { reportIssuesToGitHub } from './github-annotations.js';
import { styleFor, type Io } from './io.js';

export async function loadPlanForOutput(planPath: string, io: Io, options: { documentOnStdout: boolean }): Promise<TrackingPlan> {
  const loaded = await readTrackingPlan(planPath);
  if (loaded.ok) return loaded.plan;
  io.stderr.write(renderIssuesText(loaded.issues, styleFor(io.stderr, io.env)));
  await reportIssuesToGitHub(loaded.issues, io, { annotate: !options.documentOnStdout });
  throw new ExitError(1, 'the tracking plan is invalid');
}
