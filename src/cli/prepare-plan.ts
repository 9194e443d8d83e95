/** The steps plan and apply share: load the YAML, read Secoda, build the plan. */
import { classifyPlan } from '../compatibility/classify-plan.js';
import { PlanInvalidError } from '../errors.js';
import { readPlanFiles } from '../files/read-plan-files.js';
import { attributeOrigins } from '../plan/attribute-origins.js';
import { buildPlan } from '../plan/build-plan.js';
import type { Plan } from '../plan/types.js';
import { renderIssuesText } from '../render/issues.js';
import { loadPlanWithRules } from '../rules/load-plan-with-rules.js';
import type { NamesById } from '../secoda/directories.js';
import type { RemoteState } from '../secoda/types.js';
import type { TrackingPlan } from '../tracking-plan/types.js';
import type { Connection } from './connection.js';
import { reportIssuesToGitHub } from './github-annotations.js';
import type { LoadedPlan } from './resolve-names.js';
import { ERASE_LINE, drawsOnTerminal, redactorOf, styleFor, type Io } from './io.js';
import { todayUtc } from './today.js';
import { yamlParserOption } from './yaml-parser-option.js';

/**
 * Loads the plan for `plan` and `apply`, before anything is asked of Secoda: an invalid plan is
 * reported (PlanInvalidError) and nothing is read. Rule violations are shown as warnings (on
 * stderr, and as annotations in GitHub Actions) and do not stop them: `validate` is where rules
 * are enforced, so adopting a rule never blocks a deploy.
 */
export async function loadTrackingPlanOrThrow(planPath: string, io: Io): Promise<TrackingPlan> {
  return (await loadPlanOrThrow(planPath, io)).trackingPlan;
}

/** loadTrackingPlanOrThrow, with the files the plan came from (to locate names Secoda does not know: resolve-names.ts). */
export async function loadPlanOrThrow(planPath: string, io: Io): Promise<LoadedPlan> {
  const read = await readPlanFiles(planPath);
  if (!read.ok) throw new PlanInvalidError(read.issues);
  const parser = yamlParserOption(io.env);
  const loaded = loadPlanWithRules(read.files, { ruleErrors: 'report', today: todayUtc(), parser });
  if (!loaded.ok) throw new PlanInvalidError(loaded.issues);
  if (loaded.warnings.length > 0) {
    // Secrets out before the issues are cut, escaped or annotated (a token pasted into the YAML).
    const warnings = redactorOf(io).redactDeep(loaded.warnings);
    io.stderr.write(renderIssuesText(warnings, styleFor(io.stderr, io.env)));
    await reportIssuesToGitHub(warnings, io);
  }
  return { trackingPlan: loaded.plan, files: read.files, parser };
}

/**
 * "Secoda holds no events or properties for integration …: check the ID" — said by plan, apply
 * and pull when the integration is empty, which is right before a first apply and, far more
 * often than anyone thinks, a mistyped or another workspace's ID. null when it holds something.
 */
export function emptyIntegrationNote(
  remote: RemoteState,
  integration: string,
  where: string,
  setting = "`integration:` in the plan's header file",
): string | null {
  if (remote.events.length > 0 || remote.properties.length > 0) return null;
  return `Secoda (${where}) holds no events or properties for integration ${integration}; if you expected some, check the ID (${setting}) and SECODA_API_URL`;
}

export interface Prepared {
  readonly trackingPlan: TrackingPlan;
  readonly remote: RemoteState;
  readonly plan: Plan;
}

/** What `readRemoteAndPlan` may be given besides the plan and the connection. */
export interface ReadOptions {
  /** The YAML at `--baseline` (null when it does not load): each operation's origin is told (drift or not). */
  readonly baseline?: TrackingPlan | null;
  /** The names of the IDs the plan shows (resolve-names.ts): carried by the plan for its renderings. */
  readonly names?: NamesById;
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
  options: ReadOptions = {},
): Promise<Prepared> {
  const draws = drawsOnTerminal(io);
  if (draws) io.stderr.write(`Reading Secoda (${connection.baseUrl})…`);
  try {
    const remote = await connection.client.readState(trackingPlan.integration);
    const built = buildPlan(trackingPlan, remote, { writesPerMinute: connection.writesPerMinute });
    const baseline = options.baseline;
    const attributed = baseline === undefined ? built : attributeOrigins(built, trackingPlan, baseline);
    const plan = classifyPlan(attributed, { today: todayUtc(), trackingPlan, remote, ...(baseline === undefined ? {} : { baseline }) });
    return { trackingPlan, remote, plan: options.names === undefined ? plan : { ...plan, names: options.names } };
  } finally {
    if (draws) io.stderr.write(ERASE_LINE);
  }
}
