/**
 * The mass-destroy guard: a plan that destroys more than `maxDeletes` events and properties, or
 * more than a quarter of those under the integration (surplus copies aside), is refused unless
 * deletes are allowed. It
 * catches the classic accidents — a wrong path, a file left out, a category renamed, an enum
 * edited across the board — before any write.
 *
 * What counts is what is destroyed, as Terraform counts `-/+` as a destroy: every delete and
 * every replace (a replace deletes the resource and creates another, with a new ID), children
 * included (a replaced event takes its properties with it; the plan lists them as deletes).
 * Surplus copies of resources the plan keeps (remote duplicates, e.g. left by two applies that ran
 * at once) are deleted without counting: removing them loses nothing the plan does not keep.
 *
 * The verdict groups the destruction by cause, so a refusal can say why in a line or two
 * (src/render/delete-guard-text.ts words it): an event moved to another category with its
 * properties, the enum of 160 properties changed, 5 duplicates, 12 events not in the tracking
 * plan (check the plan path).
 */
import { EVENT_REPLACED, NOT_IN_PLAN } from './delete-reasons.js';
import { idKey } from '../ids.js';
import type { DeleteOperation, Operation, Plan, ReplaceOperation } from './types.js';
import { appendAll } from '../arrays.js';

export interface GuardOptions {
  readonly maxDeletes: number;
  readonly allowDeletes: boolean;
}

/** Why a plan trips the guard: one reason or both. */
export interface GuardTrip {
  /** The `--max-deletes` the plan destroys more than; null when it does not. */
  readonly overMaxDeletes: number | null;
  /** The events and properties (surplus copies aside) a quarter of which the plan destroys more than; null when it does not. */
  readonly overQuarterOf: number | null;
  /** Whether surplus copies were left out of that base. */
  readonly copiesLeftOut: boolean;
}

/** One cause of destruction, with what it destroys. */
export type DestroyCause =
  /** Events moved from one category to another (re-created, with their properties). `from` is '' when unknown. */
  | { readonly kind: 'moved'; readonly events: readonly string[]; readonly from: string; readonly to: string; readonly properties: number }
  /** An event re-created because fields that cannot change in place change. */
  | {
      readonly kind: 'event-forced';
      readonly event: string;
      readonly category: string;
      readonly fields: readonly string[];
      readonly properties: number;
    }
  /** Properties re-created because the same fields change, from the same shared definition (if any). */
  | { readonly kind: 'properties-forced'; readonly fields: readonly string[]; readonly count: number; readonly shared: string | undefined }
  /** Events and properties the YAML does not name. */
  | { readonly kind: 'not-in-plan'; readonly events: number; readonly properties: number }
  /** Deletes of no other cause (no planner path makes them today; counted all the same). */
  | { readonly kind: 'other'; readonly count: number }
  /** Surplus copies deleted, not counted. */
  | { readonly kind: 'duplicates'; readonly count: number };

export interface GuardVerdict {
  /** Events and properties the plan destroys (deletes and replaces, children included), duplicates not counted. */
  readonly destroys: number;
  /** The same as `destroys` (the name it had when only deletes counted). */
  readonly deletes: number;
  /** Surplus copies (remote duplicates, with their children) that the plan deletes without counting them. */
  readonly duplicates: number;
  readonly managed: number;
  /** What the destruction is, grouped by cause (duplicates last); empty when nothing is destroyed. */
  readonly causes: readonly DestroyCause[];
  /** Why the plan trips the guard; null when it does not. */
  readonly trip: GuardTrip | null;
  /** Whether apply must refuse (tripped and not allowed). */
  readonly refused: boolean;
  /** Whether resources the YAML does not name are among those destroyed (then the plan path may be wrong). */
  readonly notInPlan: boolean;
}

/** The guard's verdict on `plan`: what it destroys, by cause, and whether apply must refuse it. */
export function checkDeleteGuard(plan: Plan, options: GuardOptions): GuardVerdict {
  const groups = groupDestruction(plan.operations);
  const destroys = groups.destroyed;
  const managed = plan.summary.managed_resources;
  // The quarter is of what the plan keeps or destroys: surplus copies (two applies at once can
  // leave one of each resource) would otherwise dilute it, and let a real mass destroy through.
  const base = Math.max(0, managed - groups.duplicates);
  const overMaxDeletes = destroys > options.maxDeletes ? options.maxDeletes : null;
  const overQuarterOf = base > 0 && destroys * 4 > base ? base : null;
  const trip =
    overMaxDeletes !== null || overQuarterOf !== null ? { overMaxDeletes, overQuarterOf, copiesLeftOut: groups.duplicates > 0 } : null;
  return {
    destroys,
    deletes: destroys,
    duplicates: groups.duplicates,
    managed,
    causes: groups.causes,
    trip,
    refused: trip !== null && !options.allowDeletes,
    notInPlan: groups.notInPlan > 0,
  };
}

interface Destruction {
  destroyed: number;
  duplicates: number;
  notInPlan: number;
  causes: DestroyCause[];
}

/** Sorts every destroying operation into exactly one cause. */
function groupDestruction(operations: readonly Operation[]): Destruction {
  const deletes = operations.filter((op): op is DeleteOperation => op.action === 'delete');
  const replaces = operations.filter((op): op is ReplaceOperation => op.action === 'replace');

  // Remote duplicates, and the properties of a duplicate event, which go with it.
  const duplicateEvents = new Set(deletes.filter((op) => op.kind === 'event' && op.duplicate_of !== null).map((op) => idKey(op.remote_id)));
  const isDuplicate = (op: DeleteOperation) =>
    op.duplicate_of !== null || (op.kind === 'property' && op.parent_id !== null && duplicateEvents.has(idKey(op.parent_id)));
  const duplicates = deletes.filter(isDuplicate);
  const counted = deletes.filter((op) => !isDuplicate(op));

  const childrenOf = new Map<string, number>();
  for (const op of counted) {
    if (op.kind !== 'property' || op.parent_id === null) continue;
    childrenOf.set(idKey(op.parent_id), (childrenOf.get(idKey(op.parent_id)) ?? 0) + 1);
  }
  const causes: DestroyCause[] = [];

  // Events re-created: moved to another category (grouped by the move), or forced by a field.
  const moves = new Map<string, { kind: 'moved'; from: string; to: string; events: string[]; properties: number }>();
  const forcedEvents: DestroyCause[] = [];
  for (const op of replaces.filter((r) => r.kind === 'event')) {
    const properties = childrenOf.get(idKey(op.remote_id)) ?? 0;
    const name = op.path[op.path.length - 1] ?? '';
    if (op.forced_by.includes('parent')) {
      const to = op.path[0] ?? '';
      const before = op.changes.find((c) => c.field === 'parent')?.before;
      const from = typeof before === 'string' ? before : '';
      const key = JSON.stringify([from, to]);
      const move = moves.get(key) ?? { kind: 'moved', from, to, events: [], properties: 0 };
      move.events.push(name);
      move.properties += properties;
      moves.set(key, move);
    } else {
      forcedEvents.push({ kind: 'event-forced', event: name, category: op.path[0] ?? '', fields: op.forced_by, properties });
    }
  }
  appendAll(causes, moves.values(), forcedEvents);

  // Properties re-created, grouped by the fields that force it, and by the shared definition they come from.
  const byFields = new Map<string, { kind: 'properties-forced'; fields: readonly string[]; shared: string | undefined; count: number }>();
  for (const op of replaces.filter((r) => r.kind === 'property')) {
    const key = JSON.stringify([op.forced_by.join(' and '), op.shared_definition ?? null]);
    const group = byFields.get(key) ?? { kind: 'properties-forced', fields: op.forced_by, shared: op.shared_definition, count: 0 };
    group.count++;
    byFields.set(key, group);
  }
  appendAll(causes, byFields.values());

  // Resources the YAML does not name, with their children.
  const notInPlanEvents = new Set(
    counted.filter((op) => op.kind === 'event' && op.reason === NOT_IN_PLAN).map((op) => idKey(op.remote_id)),
  );
  const inNotInPlan = (op: DeleteOperation) =>
    op.reason === NOT_IN_PLAN || (op.kind === 'property' && op.parent_id !== null && notInPlanEvents.has(idKey(op.parent_id)));
  const gone = counted.filter(inNotInPlan);
  if (gone.length > 0) {
    const events = gone.filter((op) => op.kind === 'event').length;
    causes.push({ kind: 'not-in-plan', events, properties: gone.length - events });
  }
  // Anything else (no planner path makes it today; counted all the same).
  const other = counted.filter((op) => !inNotInPlan(op) && op.reason !== EVENT_REPLACED).length;
  if (other > 0) causes.push({ kind: 'other', count: other });

  if (duplicates.length > 0) causes.push({ kind: 'duplicates', count: duplicates.length });
  return { destroyed: counted.length + replaces.length, duplicates: duplicates.length, notInPlan: gone.length, causes };
}
