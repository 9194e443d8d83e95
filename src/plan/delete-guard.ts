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
 * The verdict groups the destruction by cause, so a refusal says why in a line or two:
 * "event "X" moves to category "Y": it and its 16 properties are re-created", "enum of 160
 * properties changed", "5 duplicates", "12 events … not in the tracking plan: check the plan path".
 */
import { EVENT_REPLACED, NOT_IN_PLAN } from './delete-reasons.js';
import { idKey } from '../ids.js';
import type { DeleteOperation, Operation, Plan, ReplaceOperation } from './types.js';

export interface GuardOptions {
  readonly maxDeletes: number;
  readonly allowDeletes: boolean;
}

export interface GuardVerdict {
  /** Events and properties the plan destroys (deletes and replaces, children included), duplicates not counted. */
  readonly destroys: number;
  /** The same as `destroys` (the name it had when only deletes counted). */
  readonly deletes: number;
  /** Surplus copies (remote duplicates, with their children) that the plan deletes without counting them. */
  readonly duplicates: number;
  readonly managed: number;
  /** What the destruction is, grouped by cause, one line each (duplicates last); empty when nothing is destroyed. */
  readonly causes: readonly string[];
  /** Why the plan trips the guard; null when it does not. */
  readonly tripped: string | null;
  /** Whether apply must refuse (tripped and not allowed). */
  readonly refused: boolean;
  /** Whether resources the YAML does not name are among those destroyed (then the plan path may be wrong). */
  readonly notInPlan: boolean;
}

export function checkDeleteGuard(plan: Plan, options: GuardOptions): GuardVerdict {
  const groups = groupDestruction(plan.operations);
  const destroys = groups.destroyed;
  const managed = plan.summary.managed_resources;
  // The quarter is of what the plan keeps or destroys: surplus copies (two applies at once can
  // leave one of each resource) would otherwise dilute it, and let a real mass destroy through.
  const base = Math.max(0, managed - groups.duplicates);
  const reasons: string[] = [];
  if (destroys > options.maxDeletes) reasons.push(`more than --max-deletes ${options.maxDeletes}`);
  if (base > 0 && destroys * 4 > base)
    reasons.push(
      `more than a quarter of the ${base} ${base === 1 ? 'event or property' : 'events and properties'} under the integration${groups.duplicates > 0 ? ' that are not surplus copies' : ''}`,
    );
  const tripped =
    reasons.length > 0
      ? `this plan destroys ${destroys} ${destroys === 1 ? 'event or property' : 'events and properties'} (deleted, or deleted and re-created): ${reasons.join(', and ')}`
      : null;
  return {
    destroys,
    deletes: destroys,
    duplicates: groups.duplicates,
    managed,
    causes: groups.causes,
    tripped,
    refused: tripped !== null && !options.allowDeletes,
    notInPlan: groups.notInPlan > 0,
  };
}

interface Destruction {
  destroyed: number;
  duplicates: number;
  notInPlan: number;
  causes: string[];
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
  const causes: string[] = [];

  // Events re-created: moved to another category (grouped by the move), or forced by a field.
  const moves = new Map<string, { from: string; to: string; events: string[]; properties: number }>();
  const forcedEvents: string[] = [];
  for (const op of replaces.filter((r) => r.kind === 'event')) {
    const properties = childrenOf.get(idKey(op.remote_id)) ?? 0;
    const name = op.path[op.path.length - 1] ?? '';
    if (op.forced_by.includes('parent')) {
      const to = op.path[0] ?? '';
      const before = op.changes.find((c) => c.field === 'parent')?.before;
      const from = typeof before === 'string' ? before : '';
      const key = JSON.stringify([from, to]);
      const move = moves.get(key) ?? { from, to, events: [], properties: 0 };
      move.events.push(name);
      move.properties += properties;
      moves.set(key, move);
    } else {
      forcedEvents.push(
        `event ${quote(name)} in category ${quote(op.path[0] ?? '')}: ${op.forced_by.join(' and ')} cannot change in place: ${itAnd(properties)} re-created`,
      );
    }
  }
  for (const move of moves.values()) {
    causes.push(
      move.events.length === 1
        ? `event ${quote(move.events[0] ?? '')} moves to category ${quote(move.to)}: ${itAnd(move.properties)} re-created`
        : `${move.events.length} events move${move.from === '' ? '' : ` from category ${quote(move.from)}`} to category ${quote(move.to)}: they and their ${plural(move.properties, 'property', 'properties')} are re-created`,
    );
  }
  causes.push(...forcedEvents);

  // Properties re-created, grouped by the fields that force it, and by the shared definition they come from.
  const byFields = new Map<string, { fields: string; shared: string | undefined; count: number }>();
  for (const op of replaces.filter((r) => r.kind === 'property')) {
    const fields = op.forced_by.join(' and ');
    const key = JSON.stringify([fields, op.shared_definition ?? null]);
    const group = byFields.get(key) ?? { fields, shared: op.shared_definition, count: 0 };
    group.count++;
    byFields.set(key, group);
  }
  for (const { fields, shared, count } of byFields.values()) {
    causes.push(
      `${fields} of ${plural(count, 'property', 'properties')} changed (${count === 1 ? 'it is' : 'each is'} re-created)` +
        (shared === undefined ? '' : `, from shared property ${quote(shared)}`),
    );
  }

  // Resources the YAML does not name, with their children.
  const notInPlanEvents = new Set(
    counted.filter((op) => op.kind === 'event' && op.reason === NOT_IN_PLAN).map((op) => idKey(op.remote_id)),
  );
  const inNotInPlan = (op: DeleteOperation) =>
    op.reason === NOT_IN_PLAN || (op.kind === 'property' && op.parent_id !== null && notInPlanEvents.has(idKey(op.parent_id)));
  const gone = counted.filter(inNotInPlan);
  if (gone.length > 0) {
    const events = gone.filter((op) => op.kind === 'event').length;
    const properties = gone.length - events;
    const what = [events > 0 ? plural(events, 'event', 'events') : '', properties > 0 ? plural(properties, 'property', 'properties') : '']
      .filter((part) => part !== '')
      .join(' and ');
    causes.push(
      `${what} ${gone.length === 1 ? 'is' : 'are'} not in the tracking plan: check the plan path (a wrong directory, a file left out)`,
    );
  }
  // Anything else (no planner path makes it today; counted all the same).
  const other = counted.filter((op) => !inNotInPlan(op) && op.reason !== EVENT_REPLACED).length;
  if (other > 0) causes.push(`${plural(other, 'other delete', 'other deletes')}`);

  if (duplicates.length > 0) {
    causes.push(
      `${plural(duplicates.length, 'duplicate', 'duplicates')} (surplus copies of resources the plan keeps, e.g. from two applies at once; not counted)`,
    );
  }
  return { destroyed: counted.length + replaces.length, duplicates: duplicates.length, notInPlan: gone.length, causes };
}

function itAnd(properties: number): string {
  return properties === 0 ? 'it is' : `it and its ${plural(properties, 'property', 'properties')} are`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function quote(text: string): string {
  return JSON.stringify(text);
}
