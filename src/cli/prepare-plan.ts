/** The steps plan and apply share: load the YAML, read Secoda, build the plan. */
import { PlanInvalidError } from '../errors.js';
import { buildPlan } from '../plan/build-plan.js';
import type { Plan } from '../plan/types.js';
import type { RemoteState } from '../secoda/types.js';
import { readTrackingPlan } from '../tracking-plan/read-plan-files.js';
import type { TrackingPlan } from '../tracking-plan/types.js';
import { renderIssuesText } from '../render/issues.js';
import type { Connection } from './connection.js';
import { reportIssuesToGitHub } from './github-annotations.js';
import { styleFor, type Io } from './io.js';

/**
 * Loads the plan for `plan` and `apply`. Rule violations are shown as warnings (on stderr, and as
 * annotations in GitHub Actions) and do not stop them: `validate` is where rules are enforced,
 * so adopting a rule never blocks a deploy.
 */
export async function loadTrackingPlanOrThrow(
  planPath: string,
  io?: Io,
  options: { annotate: boolean } = { annotate: true },
): Promise<TrackingPlan> {
  const loaded = await readTrackingPlan(planPath, { ruleErrors: 'report' });
  if (!loaded.ok) throw new PlanInvalidError(loaded.issues);
  if (io !== undefined && loaded.warnings.length > 0) {
    io.stderr.write(renderIssuesText(loaded.warnings, styleFor(io.stderr, io.env)));
    await reportIssuesToGitHub(loaded.warnings, io, options);
  }
  return loaded.plan;
}

export interface Prepared {
  readonly trackingPlan: TrackingPlan;
  readonly remote: RemoteState;
  readonly plan: Plan;
}

export async function readRemoteAndPlan(trackingPlan: TrackingPlan, connection: Connection, io: Io): Promise<Prepared> {
  const tty = io.stderr.isTTY === true;
  if (tty) io.stderr.write(`Reading Secoda (${connection.baseUrl})…`);
  try {
    const remote = await connection.client.readState(trackingPlan.integration);
    const plan = buildPlan(trackingPlan, remote, { writesPerMinute: connection.writesPerMinute });
    return { trackingPlan, remote, plan };
  } finally {
    if (tty) io.stderr.write('\r\u001b[2K');
  }
}
