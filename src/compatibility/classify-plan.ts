/**
 * The classification pass: Plan → the same Plan with a compatibility verdict on every
 * operation (`compatibility: { level, checks }`), the deprecation of what it touches, and the
 * summary's count per level. It reads the plan's operations and their `changes`, plus data the
 * CLI already holds (the tracking plan, its baseline version, the remote state); never the
 * network. The planner's decisions are not changed: operations keep their order and content.
 */
import { idKey } from '../ids.js';
import { titleIdentity } from '../plan/compare.js';
import { diffCommon, diffPropertyShape } from '../plan/field-diff.js';
import type {
  Compatibility,
  CompatibilityCheck,
  CompatibilitySummary,
  CreateOperation,
  DeleteOperation,
  LevelCounts,
  Operation,
  Plan,
  ReplaceOperation,
} from '../plan/types.js';
import type { RemoteEvent, RemoteProperty, RemoteState } from '../secoda/types.js';
import type { CompatibilityLevel, Deprecation, TrackingPlan } from '../tracking-plan/types.js';
import { checkDefinition, checkOrder } from './check-registry.js';
import { removalLevel, sunsetState } from './deprecation-lifecycle.js';
import { fieldFindings, subjectOf } from './field-checks.js';
import { code, type Finding } from './finding.js';
import { severity, worse } from './levels.js';
import { indexNodes, pathKey, type NodeIndex } from './plan-nodes.js';

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
  // Nothing to classify: skip indexing the tracking plan and the remote state (a no-op plan of
  // 10,000 properties spent about 40 ms of its run building indexes nothing read).
  if (plan.operations.length === 0) return { ...plan, summary: { ...plan.summary, compatibility: summarise([]) } };
  const context = new Context(plan, inputs);
  const operations = plan.operations.map((op) => {
    const deprecated = context.deprecationOf(op);
    return {
      ...op,
      compatibility: context.verdict(op),
      ...(deprecated === undefined ? {} : { deprecated }),
    } satisfies Operation;
  });
  return { ...plan, operations, summary: { ...plan.summary, compatibility: summarise(operations) } };
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

class Context {
  private readonly today: string;
  private readonly overrides: Readonly<Record<string, CompatibilityLevel>>;
  private readonly current: NodeIndex;
  private readonly baseline: NodeIndex;
  private readonly remoteEvents = new Map<string, RemoteEvent>();
  private readonly remoteProperties = new Map<string, RemoteProperty>();
  /** Events the plan deletes, by remote ID: their properties go with them. */
  private readonly deletedEvents = new Set<string>();
  /** Events the plan replaces (moved, or owners_groups changed), by remote ID. */
  private readonly replacedEvents = new Set<string>();
  private readonly createdEventPaths = new Set<string>();
  /** Replaced events' remote IDs, by their (new) path. */
  private readonly replacedEventIds = new Map<string, string>();
  /**
   * Properties deleted because their event is replaced, and those created with it, by the event's
   * remote ID and the property's title: a moved event's old properties are named under its old
   * category, the new ones under the new.
   */
  private readonly oldProperties = new Map<string, DeleteOperation>();
  private readonly newProperties = new Set<string>();

  constructor(plan: Plan, inputs: ClassifyInputs) {
    this.today = inputs.today;
    this.overrides = inputs.overrides ?? inputs.trackingPlan?.compatibility ?? {};
    this.current = indexNodes(inputs.trackingPlan);
    this.baseline = indexNodes(inputs.baseline);
    for (const event of inputs.remote?.events ?? []) this.remoteEvents.set(idKey(event.id), event);
    for (const property of inputs.remote?.properties ?? []) this.remoteProperties.set(idKey(property.id), property);
    for (const op of plan.operations) {
      if (op.kind !== 'event') continue;
      if (op.action === 'delete') this.deletedEvents.add(idKey(op.remote_id));
      if (op.action === 'replace') {
        this.replacedEvents.add(idKey(op.remote_id));
        this.replacedEventIds.set(pathKey(op.path), idKey(op.remote_id));
      }
      if (op.action === 'create') this.createdEventPaths.add(pathKey(op.path));
    }
    for (const op of plan.operations) {
      if (op.kind !== 'property') continue;
      if (op.action === 'delete' && op.parent_id !== null && this.replacedEvents.has(idKey(op.parent_id)))
        this.oldProperties.set(recreatedKey(idKey(op.parent_id), op.path), op);
      const replaced =
        op.action === 'create' && op.parent_id === null ? this.replacedEventIds.get(pathKey(op.path.slice(0, 2))) : undefined;
      if (replaced !== undefined) this.newProperties.add(recreatedKey(replaced, op.path));
    }
  }

  verdict(op: Operation): Compatibility {
    const findings = this.findings(op);
    const checks: CompatibilityCheck[] = (
      findings.length > 0 ? findings : [{ id: 'metadata-changed', message: 'no change that apps or readers can see' } satisfies Finding]
    )
      .map((finding) => ({ finding, level: this.levelOf(finding) }))
      .sort((a, b) => severity(b.level) - severity(a.level) || checkOrder(a.finding.id) - checkOrder(b.finding.id))
      .map(({ finding, level }) => ({ id: finding.id, level, message: finding.message }));
    return { level: checks.reduce<CompatibilityLevel>((level, check) => worse(level, check.level), 'safe'), checks };
  }

  /** The deprecation of the resource an operation touches; for a removal, as the baseline wrote it. */
  deprecationOf(op: Operation): Deprecation | undefined {
    if (op.kind === 'category') return undefined;
    if (op.action === 'delete') return this.baselineDeprecation(op) ?? this.current.at(op.kind, op.path)?.deprecated;
    return this.current.at(op.kind, op.path)?.deprecated;
  }

  private levelOf(finding: Finding): CompatibilityLevel {
    const configured = this.overrides[finding.id] ?? checkDefinition(finding.id).level;
    return finding.removal ? removalLevel(configured, finding.removal.deprecation, this.today) : configured;
  }

  private baselineDeprecation(op: Operation): Deprecation | undefined {
    if (op.kind === 'category') return undefined;
    const node = this.baseline.at(op.kind, op.path) ?? (op.kind === 'event' ? this.baseline.eventTitled(op.path[1] ?? '') : undefined);
    return node?.deprecated;
  }

  private findings(op: Operation): Finding[] {
    const [category = '', event = '', property = ''] = op.path;
    if (op.kind === 'category') {
      return [{ id: 'category-added', message: `new category ${code(category)}: a folder in Secoda; apps and readers are unaffected` }];
    }
    if (op.action === 'update') return fieldFindings(op.kind, op.path, op.changes);
    if (op.kind === 'event') {
      switch (op.action) {
        case 'create':
          return [
            {
              id: 'event-added',
              message: `new event ${code(event)} in ${code(category)}: apps can start sending it; nothing that exists changes`,
            },
          ];
        case 'replace':
          return this.replacedEvent(op);
        case 'delete':
          return op.duplicate_of !== null ? [this.duplicate(op)] : [this.removal(op)];
      }
    }
    switch (op.action) {
      case 'create':
        return this.createdProperty(op);
      case 'replace':
        return fieldFindings(op.kind, op.path, op.changes);
      case 'delete': {
        if (op.duplicate_of !== null) return [this.duplicate(op)];
        const parent = op.parent_id === null ? '' : idKey(op.parent_id);
        if (this.deletedEvents.has(parent)) {
          return [
            {
              id: 'property-removed-with-event',
              message: `${code(property)} goes with its event ${code(event)}: the event's verdict covers it`,
            },
          ];
        }
        if (this.replacedEvents.has(parent) && this.newProperties.has(recreatedKey(parent, op.path))) {
          return [{ id: 'property-recreated', message: recreatedMessage(property, event) }];
        }
        return [this.removal(op)];
      }
    }
  }

  private replacedEvent(op: ReplaceOperation): Finding[] {
    const findings: Finding[] = [];
    const parent = op.changes.find((c) => c.field === 'parent');
    let changes = op.changes.filter((c) => c.field !== 'parent');
    if (op.forced_by.includes('parent')) {
      // A move lists only the parent; other fields the YAML changed at the same time ride on the re-create.
      const node = this.current.at('event', op.path);
      const was = this.remoteEvents.get(idKey(op.remote_id));
      if (node !== undefined && was !== undefined) changes = diffCommon(node, was);
      const from = parent?.before === null || parent?.before === undefined ? 'another category' : code(String(parent.before));
      findings.push({
        id: 'event-moved',
        message: `${code(op.path[1] ?? '')} moves from ${from} to ${code(op.path[0] ?? '')}: apps are unaffected; Secoda re-creates it, so links and comments on the old entry are lost`,
      });
    }
    return [...findings, ...fieldFindings(op.kind, op.path, changes)];
  }

  private createdProperty(op: CreateOperation): Finding[] {
    const [, event = '', property = ''] = op.path;
    const eventPath = pathKey(op.path.slice(0, 2));
    if (op.parent_id === null && this.createdEventPaths.has(eventPath)) {
      return [
        { id: 'property-added-with-event', message: `${code(property)} comes with the new event ${code(event)}: nothing sends it yet` },
      ];
    }
    const replaced = op.parent_id === null ? this.replacedEventIds.get(eventPath) : undefined;
    const old = replaced === undefined ? undefined : this.oldProperties.get(recreatedKey(replaced, op.path));
    if (old !== undefined) {
      // Re-created with its event: compare with what it was, as the planner would have without the replace.
      const node = this.current.property(op.path);
      const was = this.remoteProperties.get(idKey(old.remote_id));
      if (node !== undefined && was !== undefined) {
        const changes = [...diffPropertyShape(node, was), ...diffCommon(node, was)];
        if (changes.length > 0) return fieldFindings('property', op.path, changes);
      }
      return [{ id: 'property-recreated', message: recreatedMessage(property, event) }];
    }
    return op.body.is_required === true
      ? [{ id: 'property-added-required', message: `apps that send ${code(event)} without ${code(property)} will send incomplete events` }]
      : [
          {
            id: 'property-added-optional',
            message: `${code(event)} may now carry ${code(property)}; apps that do not send it still conform`,
          },
        ];
  }

  private duplicate(op: DeleteOperation): Finding {
    return {
      id: 'duplicate-removed',
      message: `an extra copy of ${subjectOf(op.kind, op.path)} in Secoda (${op.remote_id}) is deleted; the oldest, ${op.duplicate_of ?? ''}, is kept`,
    };
  }

  private removal(op: DeleteOperation): Finding {
    const id = op.kind === 'event' ? 'event-removed' : 'property-removed';
    const deprecation = this.baselineDeprecation(op);
    const subject = subjectOf(op.kind, op.path);
    const noun = op.kind === 'event' ? 'event' : 'property';
    const instead = deprecation?.replacement !== undefined ? `; they should send ${code(deprecation.replacement)} instead` : '';
    let message: string;
    if (deprecation === undefined) {
      message =
        op.kind === 'event'
          ? `apps that send ${subject} will send an unplanned event; dashboards and models that read it lose it`
          : `apps that send ${code(op.path[2] ?? '')} with ${code(op.path[1] ?? '')} will send an unplanned property; dashboards and models that read it lose it`;
    } else {
      switch (sunsetState(deprecation, this.today)) {
        case 'reached':
          message = `${subject} reached its sunset on ${deprecation.sunset ?? ''} (deprecated since ${deprecation.since}): apps had until then to stop sending it${instead}`;
          break;
        case 'ahead':
          message = `${subject} is removed before its sunset on ${deprecation.sunset ?? ''} (deprecated since ${deprecation.since}): apps may still send it until then${instead}`;
          break;
        case 'none':
          message = `${subject} was deprecated on ${deprecation.since} with no sunset: apps that still send it will send an unplanned ${noun}${instead}`;
          break;
      }
    }
    return { id, message, removal: { deprecation } };
  }
}

/** A property of a replaced event: the event's remote ID and the property's title (as the planner matches it, NFC). */
function recreatedKey(eventId: string, path: readonly string[]): string {
  return `${eventId}\u0000${titleIdentity(path[path.length - 1] ?? '')}`;
}

function recreatedMessage(property: string, event: string): string {
  return `${code(property)} is re-created unchanged with its event ${code(event)}: apps and readers are unaffected`;
}
