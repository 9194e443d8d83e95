/**
 * What an operation *is* in its plan, which the checks judge: a resource added, changed (and
 * how, field by field), removed, or an operation that only follows another (a property created
 * or deleted with its event, a surplus copy removed). The planner lists a move or an
 * owners_groups change as a replace, with the event's properties deleted and created again;
 * this is where such operations are read back as what they mean to senders and readers.
 */
import { idKey } from '../ids.js';
import { titleIdentity } from '../plan/compare.js';
import { diffCommon, diffPropertyShape } from '../plan/field-diff.js';
import type { CreateOperation, DeleteOperation, FieldChange, Operation, Plan, ReplaceOperation } from '../plan/types.js';
import type { RemoteEvent, RemoteProperty, RemoteState } from '../secoda/types.js';
import type { Deprecation, TrackingPlan } from '../tracking-plan/types.js';
import { indexNodes, pathKey, type NodeIndex } from './plan-nodes.js';

export type Situation =
  /** A new category, event, or property of an event that exists (or that moves without it). */
  | { readonly kind: 'added' }
  /** A property of an event the plan creates. */
  | { readonly kind: 'added-with-event' }
  /**
   * Fields change: `changes` are what senders and readers see change (for a move, or a property
   * re-created with its event, against what Secoda held). `movedFrom` is set for an event that
   * moves category: the old category's title, null when it is not known.
   */
  | { readonly kind: 'changed'; readonly changes: readonly FieldChange[]; readonly movedFrom?: string | null }
  /** A property deleted and created again, unchanged, because its event is re-created. */
  | { readonly kind: 'recreated' }
  /** An event or property leaves the plan; `deprecation` as the baseline wrote it. */
  | { readonly kind: 'removed'; readonly deprecation: Deprecation | undefined }
  /** A property deleted because its event is deleted. */
  | { readonly kind: 'removed-with-event' }
  /** A surplus copy in Secoda is deleted; the oldest copy is kept. */
  | { readonly kind: 'duplicate-removed' };

/** What the situations are read from, besides the plan. */
export interface SituationInputs {
  /** The tracking plan the plan was made from. */
  readonly trackingPlan?: TrackingPlan | undefined;
  /** The tracking plan at the baseline git ref; null when it does not load. */
  readonly baseline?: TrackingPlan | null | undefined;
  /** The remote state the plan was made from: what properties re-created with their event were. */
  readonly remote?: RemoteState | undefined;
}

/** The situations of one plan's operations (the plan is indexed once). */
export class Situations {
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

  constructor(plan: Plan, inputs: SituationInputs) {
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

  /** What `op` is, as the checks see it. */
  of(op: Operation): Situation {
    if (op.kind === 'category') return { kind: 'added' };
    switch (op.action) {
      case 'update':
        return { kind: 'changed', changes: op.changes };
      case 'create':
        return op.kind === 'event' ? { kind: 'added' } : this.createdProperty(op);
      case 'replace':
        return op.kind === 'event' ? this.replacedEvent(op) : { kind: 'changed', changes: op.changes };
      case 'delete':
        return this.deleted(op);
    }
  }

  /** The deprecation of the resource an operation touches; for a removal, as the baseline wrote it. */
  deprecationOf(op: Operation): Deprecation | undefined {
    if (op.kind === 'category') return undefined;
    if (op.action === 'delete') return this.baselineDeprecation(op) ?? this.current.at(op.kind, op.path)?.deprecated;
    return this.current.at(op.kind, op.path)?.deprecated;
  }

  private baselineDeprecation(op: Operation): Deprecation | undefined {
    if (op.kind === 'category') return undefined;
    const node = this.baseline.at(op.kind, op.path) ?? (op.kind === 'event' ? this.baseline.eventTitled(op.path[1] ?? '') : undefined);
    return node?.deprecated;
  }

  private deleted(op: DeleteOperation): Situation {
    if (op.duplicate_of !== null) return { kind: 'duplicate-removed' };
    if (op.kind === 'property') {
      const parent = op.parent_id === null ? '' : idKey(op.parent_id);
      if (this.deletedEvents.has(parent)) return { kind: 'removed-with-event' };
      if (this.replacedEvents.has(parent) && this.newProperties.has(recreatedKey(parent, op.path))) return { kind: 'recreated' };
    }
    return { kind: 'removed', deprecation: this.baselineDeprecation(op) };
  }

  private replacedEvent(op: ReplaceOperation): Situation {
    let changes = op.changes.filter((c) => c.field !== 'parent');
    if (!op.forced_by.includes('parent')) return { kind: 'changed', changes };
    // A move lists only the parent; other fields the YAML changed at the same time ride on the re-create.
    const node = this.current.at('event', op.path);
    const was = this.remoteEvents.get(idKey(op.remote_id));
    if (node !== undefined && was !== undefined) changes = diffCommon(node, was);
    const before = op.changes.find((c) => c.field === 'parent')?.before;
    return { kind: 'changed', changes, movedFrom: before === null || before === undefined ? null : String(before) };
  }

  private createdProperty(op: CreateOperation): Situation {
    const eventPath = pathKey(op.path.slice(0, 2));
    if (op.parent_id === null && this.createdEventPaths.has(eventPath)) return { kind: 'added-with-event' };
    const replaced = op.parent_id === null ? this.replacedEventIds.get(eventPath) : undefined;
    const old = replaced === undefined ? undefined : this.oldProperties.get(recreatedKey(replaced, op.path));
    if (old === undefined) return { kind: 'added' };
    // Re-created with its event: compared with what it was, as the planner would have without the replace.
    const node = this.current.property(op.path);
    const was = this.remoteProperties.get(idKey(old.remote_id));
    if (node !== undefined && was !== undefined) {
      const changes = [...diffPropertyShape(node, was), ...diffCommon(node, was)];
      if (changes.length > 0) return { kind: 'changed', changes };
    }
    return { kind: 'recreated' };
  }
}

/** A property of a replaced event: the event's remote ID and the property's title (as the planner matches it, NFC). */
function recreatedKey(eventId: string, path: readonly string[]): string {
  return `${eventId}\u0000${titleIdentity(path[path.length - 1] ?? '')}`;
}
