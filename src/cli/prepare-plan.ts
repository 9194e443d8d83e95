/** The steps plan and apply share: load the YAML, read Secoda, build the plan. */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { classifyPlan } from '../compatibility/classify-plan.js';
import { PlanInvalidError } from '../errors.js';
import { attributeOrigins } from '../plan/attribute-origins.js';
import { buildPlan } from '../plan/build-plan.js';
import type { Plan } from '../plan/types.js';
import { renderIssuesText } from '../render/issues.js';
import type { RemoteState } from '../secoda/types.js';
import { loadTrackingPlanSteps, type LoadOptions, type LoadResult, type PlanFileInput } from '../tracking-plan/load-plan.js';
import { readPlanFiles } from '../tracking-plan/read-plan-files.js';
import { checkSchema } from '../tracking-plan/schema-check.js';
import { checkSemantics } from '../tracking-plan/semantic-rules.js';
import type { TrackingPlan } from '../tracking-plan/types.js';
import { parseYamlSource } from '../tracking-plan/yaml-source.js';
import type { Connection } from './connection.js';
import { reportIssuesToGitHub } from './github-annotations.js';
import { ERASE_LINE, drawsOnTerminal, redactorOf, styleFor, type Io } from './io.js';
import { todayUtc } from './today.js';

/** What the schema accepts as an integration ID (schemas/tracking-plan.schema.json, `integrationId`): a UUID, with or without dashes. */
const INTEGRATION_ID = /^(?:[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}|[0-9A-Fa-f]{32})$/;
const HEADER_LINE = /^integration[ ]*:/m;

/**
 * Loads the plan; `onIntegration` is called as soon as the header file is parsed (and passes its
 * own checks), before the other files are, so that reading Secoda overlaps the rest of the load;
 * the promise it may return (the read is under way) is awaited before the other files are parsed.
 * The load then runs a file at a time (`loadTrackingPlanSteps`), giving the event loop a turn
 * between files so that answers are taken in and the next requests go out meanwhile; no step
 * holds the thread for long. The result is that of `readTrackingPlan`: the files are the same,
 * only the order of the work differs.
 */
export async function loadTrackingPlanOverlapped(
  planPath: string,
  onIntegration?: (integration: string) => void | Promise<void>,
  options: LoadOptions = {},
): Promise<LoadResult> {
  const read = await readPlanFiles(planPath);
  if (!read.ok) return read;
  let files: readonly PlanFileInput[] = read.files;
  const decoder = new TextDecoder();
  const header = read.files.find((file) => HEADER_LINE.test(decoder.decode(file.bytes.subarray(0, 64 * 1024))));
  if (onIntegration !== undefined && header !== undefined) {
    const parsed = parseYamlSource(header.path, header.bytes);
    files = read.files.map((file) => (file === header ? { ...file, parsed } : file));
    const integration = parsed.ok ? (parsed.source.data as { integration?: unknown } | null)?.integration : undefined;
    // Only for a header file that passes its own checks: a plan that is plainly invalid never reaches Secoda.
    if (parsed.ok && typeof integration === 'string' && INTEGRATION_ID.test(integration)) {
      // Waits until the connection is open (its client loaded) and the first requests are out:
      // parsing the other files first would hold the thread the client's loading needs.
      if (checkSchema(parsed.source).length === 0 && checkSemantics(parsed.source).length === 0) await onIntegration(integration);
    }
  }
  const steps = loadTrackingPlanSteps(files, options);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
    if (files.length > 1) await nextTurn();
  }
}

/**
 * Loads the plan for `plan` and `apply`. Rule violations are shown as warnings (on stderr, and as
 * annotations in GitHub Actions) and do not stop them: `validate` is where rules are enforced,
 * so adopting a rule never blocks a deploy. `onIntegration` starts the early read of Secoda.
 */
export async function loadTrackingPlanOrThrow(
  planPath: string,
  io?: Io,
  onIntegration?: (integration: string) => void | Promise<void>,
): Promise<TrackingPlan> {
  const loaded = await loadTrackingPlanOverlapped(planPath, onIntegration, { ruleErrors: 'report', today: todayUtc() });
  if (!loaded.ok) throw new PlanInvalidError(loaded.issues);
  if (io !== undefined && loaded.warnings.length > 0) {
    // Secrets out before the issues are cut, escaped or annotated (a token pasted into the YAML).
    const warnings = redactorOf(io).redactDeep(loaded.warnings);
    io.stderr.write(renderIssuesText(warnings, styleFor(io.stderr, io.env)));
    await reportIssuesToGitHub(warnings, io);
  }
  return loaded.plan;
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

/**
 * A read of Secoda started before the plan was known to be valid (see `startEarlyRead`). Its
 * failure is kept for whoever awaits it, and is never reported on its own.
 */
export interface EarlyRead {
  readonly integration: string;
  readonly connection: Promise<Connection>;
  readonly remote: Promise<RemoteState>;
}

/**
 * Opens the connection and starts reading `integration` at once. Nothing is reported from here:
 * an invalid plan, a wrong --baseline and a missing token are still reported in today's order,
 * because the caller awaits this only after them (and drops it when the plan is invalid).
 */
export function startEarlyRead(integration: string, open: () => Promise<Connection>): EarlyRead {
  const connection = open();
  const remote = connection.then((c) => c.client.readState(integration));
  // Awaited later, or never (an invalid plan): a failure must not surface as an unhandled rejection.
  connection.catch(() => {});
  remote.catch(() => {});
  return { integration, connection, remote };
}

/** What `readRemoteAndPlan` may be given besides the plan and the connection. */
export interface ReadOptions {
  /** The YAML at `--baseline` (null when it does not load): each operation's origin is told (drift or not). */
  readonly baseline?: TrackingPlan | null;
  /** A read of Secoda already in flight for this integration (the early read). */
  readonly started?: Promise<RemoteState>;
}

/**
 * Reads Secoda (or takes the read already started) and builds the plan. With `baseline` (the YAML at `--baseline`; null when it does
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
    const remote = await (options.started ?? connection.client.readState(trackingPlan.integration));
    const built = buildPlan(trackingPlan, remote, { writesPerMinute: connection.writesPerMinute });
    const baseline = options.baseline;
    const attributed = baseline === undefined ? built : attributeOrigins(built, trackingPlan, baseline);
    const plan = classifyPlan(attributed, { today: todayUtc(), trackingPlan, remote, ...(baseline === undefined ? {} : { baseline }) });
    return { trackingPlan, remote, plan };
  } finally {
    if (draws) io.stderr.write(ERASE_LINE);
  }
}
