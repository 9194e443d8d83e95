/** The steps plan and apply share: load the YAML, read Secoda, build the plan. */
import { classifyPlan } from '../compatibility/classify-plan.js';
import { PlanInvalidError } from '../errors.js';
import { attributeOrigins } from '../plan/attribute-origins.js';
import { buildPlan } from '../plan/build-plan.js';
import type { Plan } from '../plan/types.js';
import { renderIssuesText } from '../render/issues.js';
import type { RemoteState } from '../secoda/types.js';
import { readTrackingPlan } from '../tracking-plan/read-plan-files.js';
import type { TrackingPlan } from '../tracking-plan/types.js';
import type { Connection } from './connection.js';
import { reportIssuesToGitHub } from './github-annotations.js';
import { redactorOf, styleFor, type Io } from './io.js';
import { todayUtc } from './today.js';

/**
 * Loads the plan for `plan` and `apply`. Rule violations are shown as warnings (on stderr, and as
 * annotations in GitHub Actions) and do not stop them: `validate` is where rules are enforced,
 * so adopting a rule never blocks a deploy.
 */
export async function loadTrackingPlanOrThrow(planPath: string, io?: Io): Promise<TrackingPlan> {
  const loaded = await readTrackingPlan(planPath, { ruleErrors: 'report', today: todayUtc() });
  if (!loaded.ok) throw new PlanInvalidError(loaded.issues);
  if (io !== undefined && loaded.warnings.length > 0) {
    // Secrets out before the issues are cut, escaped or annotated (a token pasted into the YAML).
    const warnings = redactorOf(io).redactDeep(loaded.warnings);
    io.stderr.write(renderIssuesText(warnings, styleFor(io.stderr, io.env)));
    await reportIssuesToGitHub(warnings, io);
  }
  return loaded.plan;
}

export interface Prepared {
  readonly trackingPlan: TrackingPlan;
  readonly remote: RemoteState;
  readonly plan: Plan;
}

/**
 * Reads Secoda and builds the plan. With `baseline` (the YAML at `--baseline`; null when it does
 * not load) each operation's origin is told (drift or not). Then it is classified for
 * compatibility: today's date for deprecation sunsets, the baseline for the deprecation of what
 * the plan removes.
 */
export async function readRemoteAndPlan(
  trackingPlan: TrackingPlan,
  connection: Connection,
  io: Io,
  baseline?: TrackingPlan | null,
): Promise<Prepared> {
  const tty = io.stderr.isTTY === true;
  if (tty) io.stderr.write(`Reading Secoda (${connection.baseUrl})…`);
  try {
    const remote = await connection.client.readState(trackingPlan.integration);
    const built = buildPlan(trackingPlan, remote, { writesPerMinute: connection.writesPerMinute });
    const attributed = baseline === undefined ? built : attributeOrigins(built, trackingPlan, baseline);
    const plan = classifyPlan(attributed, { today: todayUtc(), trackingPlan, remote, ...(baseline === undefined ? {} : { baseline }) });
    return { trackingPlan, remote, plan };
  } finally {
    if (tty) io.stderr.write('\r\u001b[2K');
  }
}
