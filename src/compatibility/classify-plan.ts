/**
 * The classification pass: Plan → the same Plan with a compatibility verdict on every
 * operation (`compatibility: { level, checks }`), the deprecation of what it touches, and the
 * summary's count per level. It reads the plan's operations and their `changes`, plus data the
 * CLI already holds (the tracking plan, its baseline version, the remote state); never the
 * network. The planner's decisions are not changed: operations keep their order and content.
 *
 * Each operation's situation (situation.ts) is judged by every check of the registry; the
 * verdict is the worst level among those that apply. With a baseline, the changes to what only
 * the plan says (local-diff.ts: `nullable`, ranges, patterns, nested properties, kinds, …) are
 * judged the same way and listed apart, as `local_changes`: they plan no write.
 */
import type { Compatibility, CompatibilityCheck, CompatibilitySummary, LevelCounts, LocalChange, Operation, Plan } from '../plan/types.js';
import type { RemoteState } from '../secoda/types.js';
import type { CompatibilityLevel, TrackingPlan } from '../tracking-plan/types.js';
import type { CheckContext, Finding } from './check.js';
import { CHECKS, checkOrder, type RegisteredCheck } from './check-registry.js';
import { removalLevel } from './deprecation-lifecycle.js';
import { metadataChanged } from './field-checks.js';
import { severity, worse } from './levels.js';
import { localChanges } from './local-diff.js';
import { Situations, type Situation } from './situation.js';

export interface ClassifyInputs {
  /** Today as YYYY-MM-DD: a deprecation sunset on or before it has passed. */
  readonly today: string;
  /** The tracking plan the plan was made from: deprecation marks, and its `compatibility:` levels. */
  readonly trackingPlan?: TrackingPlan;
  /**
   * The tracking plan at the baseline git ref (`--baseline`): the deprecation of what the plan
   * removes, which the current YAML no longer holds. null when it does not load. Without it a
   * removal counts as never deprecated.
   */
  readonly baseline?: TrackingPlan | null;
  /** The remote state the plan was made from: what properties re-created with their event were. */
  readonly remote?: RemoteState;
  /** Levels per check id; by default the tracking plan's `compatibility:`. */
  readonly overrides?: Readonly<Record<string, CompatibilityLevel>>;
}

/**
 * The plan with `compatibility` (and `deprecated`, when the resource is) on every operation and
 * `summary.compatibility` counted. Operations keep their order; nothing the planner decided changes.
 */
export function classifyPlan(plan: Plan, inputs: ClassifyInputs): Plan {
  const context: CheckContext = { today: inputs.today };
  const overrides = inputs.overrides ?? inputs.trackingPlan?.compatibility ?? {};
  const local = localVerdicts(inputs, context, overrides);
  const withLocal = local.length === 0 ? {} : { local_changes: local };
  if (plan.operations.length === 0) return { ...plan, ...withLocal, summary: { ...plan.summary, compatibility: summarise([]) } };
  const situations = new Situations(plan, inputs);
  const operations = plan.operations.map((op) => {
    const deprecated = situations.deprecationOf(op);
    return {
      ...op,
      compatibility: verdict(op, situations, context, overrides),
      ...(deprecated === undefined ? {} : { deprecated }),
    } satisfies Operation;
  });
  return { ...plan, operations, ...withLocal, summary: { ...plan.summary, compatibility: summarise(operations) } };
}

/** With a baseline: the changes to what only the plan says, each with its verdict. */
function localVerdicts(
  inputs: ClassifyInputs,
  context: CheckContext,
  overrides: Readonly<Record<string, CompatibilityLevel>>,
): LocalChange[] {
  if (inputs.trackingPlan === undefined || inputs.baseline === undefined || inputs.baseline === null) return [];
  return localChanges(inputs.trackingPlan, inputs.baseline).map((change) => ({
    ...change,
    compatibility: judge(change, { kind: 'changed', changes: change.changes }, context, overrides),
  }));
}

/** Operations counted per level; with a baseline, those that come from drift again apart. */
export function summarise(operations: readonly Operation[]): CompatibilitySummary {
  const count = (ops: readonly Operation[]): LevelCounts => ({
    breaking: ops.filter((op) => op.compatibility?.level === 'breaking').length,
    warning: ops.filter((op) => op.compatibility?.level === 'warning').length,
    safe: ops.filter((op) => op.compatibility?.level === 'safe').length,
  });
  const withBaseline = operations.some((op) => op.origin !== undefined);
  return {
    ...count(operations),
    ...(withBaseline ? { drift: count(operations.filter((op) => op.origin === 'secoda')) } : {}),
  };
}

/** What every check finds on `op`, worst first (then in registry order), and the worst level. */
function verdict(
  op: Operation,
  situations: Situations,
  context: CheckContext,
  overrides: Readonly<Record<string, CompatibilityLevel>>,
): Compatibility {
  return judge(op, situations.of(op), context, overrides);
}

function judge(
  op: Operation | LocalChange,
  situation: Situation,
  context: CheckContext,
  overrides: Readonly<Record<string, CompatibilityLevel>>,
): Compatibility {
  const found: { check: RegisteredCheck; finding: Finding }[] = [];
  for (const check of CHECKS) {
    const finding = check.detect(op, situation, context);
    if (finding !== null) found.push({ check, finding });
  }
  // An operation no check speaks to changes nothing apps or readers see.
  if (found.length === 0) found.push({ check: metadataChanged, finding: { message: 'no change that apps or readers can see' } });
  const checks: CompatibilityCheck[] = found
    .map(({ check, finding }) => ({ check, finding, level: levelOf(check, finding, overrides, context.today) }))
    .sort((a, b) => severity(b.level) - severity(a.level) || checkOrder(a.check.id) - checkOrder(b.check.id))
    .map(({ check, finding, level }) => ({ id: check.id, level, message: finding.message }));
  return { level: checks.reduce<CompatibilityLevel>((level, check) => worse(level, check.level), 'safe'), checks };
}

/** The check's level as configured (an override, or its default); a removal's as its deprecation leaves it. */
function levelOf(
  check: RegisteredCheck,
  finding: Finding,
  overrides: Readonly<Record<string, CompatibilityLevel>>,
  today: string,
): CompatibilityLevel {
  const configured = overrides[check.id] ?? check.level;
  return finding.removal ? removalLevel(configured, finding.removal.deprecation, today) : configured;
}
