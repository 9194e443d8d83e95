/**
 * What accept does with each thing `plan` shows: a managed field that Secoda changed is taken
 * (when `--fields` asks for it); an event or property that Secoda holds and the YAML lacks is
 * added (with `--new`); everything else is left for a person, said plainly — a changed type,
 * enum or required (tpsync replaces those), a move to another category, a duplicate, a category
 * (the API cannot change one), something the YAML has and Secoda does not. What an event's
 * replace or delete brings with it (its properties) is part of that event, not told apart. Pure.
 */
import type { AcceptOptions, DriftChange, DriftOperation, DriftValue, LeftChange, PlannedDrift } from './types.js';

/** A field to set to Secoda's value. */
export interface FieldIntent {
  readonly kind: 'event' | 'property';
  readonly path: readonly string[];
  readonly field: string;
  /** Secoda's value (to write) and the YAML's (what it replaces). */
  readonly secoda: DriftValue;
  readonly yaml: DriftValue;
}

/** A resource to add from Secoda (`--new`). */
export interface NewIntent {
  readonly kind: 'category' | 'event' | 'property';
  readonly path: readonly string[];
}

export interface Decisions {
  readonly fields: FieldIntent[];
  readonly additions: NewIntent[];
  readonly left: LeftChange[];
}

/** Fields tpsync replaces a property to change: the YAML's value is the contract, not Secoda's. */
const SHAPE_FIELDS: ReadonlySet<string> = new Set(['type', 'enum', 'required']);
const FLAGS: ReadonlySet<string> = new Set(['pii', 'verified', 'published']);

export function decide(planned: PlannedDrift, options: AcceptOptions): Decisions {
  const decisions: Decisions = { fields: [], additions: [], left: [] };
  const newCategories = new Set(planned.warnings.filter((w) => w.code === 'category-not-in-plan').map((w) => w.path[0] ?? ''));
  const consequence = consequences(planned.operations);
  for (const op of planned.operations) {
    if (consequence.has(op)) continue;
    if (op.kind === 'category') {
      left(decisions, op, `the YAML has this category and Secoda does not: apply creates it (the API cannot delete categories)`);
      continue;
    }
    const kind = op.kind;
    switch (op.action) {
      case 'update':
        for (const change of op.changes) takeField(decisions, kind, op.path, change, options);
        break;
      case 'replace':
        replaced(decisions, op, kind, options);
        break;
      case 'create':
        left(
          decisions,
          op,
          'the YAML has it and Secoda does not (deleted in Secoda, or not applied yet): remove it from the YAML to accept the deletion, or apply to create it',
        );
        break;
      case 'delete':
        if (op.duplicate_of !== null && op.duplicate_of !== undefined) {
          left(
            decisions,
            op,
            `a duplicate in Secoda (the YAML's is the oldest copy, ${op.duplicate_of}): delete it in Secoda, or let apply delete it`,
          );
        } else if (kind === 'event' && newCategories.has(op.path[0] ?? '')) {
          // Added with its category below, or left with it.
        } else if (options.newResources !== undefined) {
          decisions.additions.push({ kind, path: op.path });
        } else {
          decisions.left.push({
            kind,
            path: op.path,
            reason: 'in Secoda but not in the YAML: `--new` adds it; apply deletes it',
            cause: 'new',
          });
        }
        break;
    }
  }
  for (const warning of planned.warnings) {
    if (warning.code === 'category-not-in-plan' && options.newResources !== undefined) {
      decisions.additions.push({ kind: 'category', path: warning.path });
    } else if (warning.code === 'category-not-in-plan') {
      decisions.left.push({ kind: 'category', path: warning.path, reason: `${warning.message}: \`--new\` adds it`, cause: 'new' });
    } else {
      decisions.left.push({
        kind: 'category',
        path: warning.path,
        reason: `${warning.message}; the API cannot change categories, so accept leaves it: change the category in Secoda or in the YAML by hand`,
        cause: 'not-acceptable',
      });
    }
  }
  return decisions;
}

/** A replace: a move to another category is left whole; a changed type, enum or required is left, the other fields taken. */
function replaced(decisions: Decisions, op: DriftOperation, kind: 'event' | 'property', options: AcceptOptions): void {
  const move = op.changes.find((change) => change.field === 'parent');
  if (move !== undefined) {
    left(
      decisions,
      op,
      `Secoda holds it in category ${show(move.before)}, the YAML in ${show(move.after)}: a move is a replace, so accept leaves it; move it in the YAML by hand to keep Secoda's place, or apply to move it back`,
    );
    return;
  }
  for (const change of op.changes) {
    if (SHAPE_FIELDS.has(change.field)) {
      decisions.left.push({
        kind,
        path: op.path,
        field: change.field,
        reason: `Secoda has ${change.field} ${show(change.before)}, the YAML ${show(change.after)}: tpsync replaces a property to change its ${change.field}, so accept leaves it; write Secoda's in the YAML by hand to keep it, or apply to restore the YAML's`,
        cause: 'not-acceptable',
      });
    } else {
      takeField(decisions, kind, op.path, change, options);
    }
  }
}

function takeField(
  decisions: Decisions,
  kind: 'event' | 'property',
  path: readonly string[],
  change: DriftChange,
  options: AcceptOptions,
): void {
  const { field, before } = change;
  if (!options.fields.has(field)) {
    decisions.left.push({ kind, path, field, reason: `${field} differs; not taken (--fields)`, cause: 'fields' });
    return;
  }
  if (before === null && FLAGS.has(field)) {
    decisions.left.push({
      kind,
      path,
      field,
      reason: `Secoda holds no value for ${field}: remove the key from the YAML to stop managing it, or apply to set it`,
      cause: 'not-acceptable',
    });
    return;
  }
  if (typeof before === 'string' && /\p{Cs}/u.test(before)) {
    decisions.left.push({
      kind,
      path,
      field,
      reason: `Secoda's ${field} holds characters that cannot be written as UTF-8`,
      cause: 'not-acceptable',
    });
    return;
  }
  decisions.fields.push({ kind, path, field, secoda: before === null ? '' : before, yaml: change.after });
}

function left(decisions: Decisions, op: DriftOperation, reason: string): void {
  decisions.left.push({ kind: op.kind, path: op.path, reason, cause: 'not-acceptable' });
}

/**
 * Operations that come with an event's delete or replace: its properties deleted with it, or
 * re-created after it. They are the event's, not changes of their own.
 */
function consequences(operations: readonly DriftOperation[]): Set<DriftOperation> {
  const goneEvents = new Set<string>();
  const remade = new Set<string>();
  for (const op of operations) {
    if (op.kind !== 'event') continue;
    if ((op.action === 'delete' || op.action === 'replace') && op.remote_id !== null) goneEvents.add(op.remote_id);
    if (op.action === 'create' || op.action === 'replace') remade.add(key(op.path));
  }
  const found = new Set<DriftOperation>();
  for (const op of operations) {
    if (op.kind !== 'property') continue;
    if (op.action === 'delete' && op.parent_id !== null && op.parent_id !== undefined && goneEvents.has(op.parent_id)) found.add(op);
    if (op.action === 'create' && (op.parent_id === null || op.parent_id === undefined) && remade.has(key(op.path.slice(0, 2))))
      found.add(op);
  }
  return found;
}

function key(path: readonly string[]): string {
  return path.join('\u0000');
}

function show(value: DriftValue): string {
  return Array.isArray(value) ? `[${value.join(', ')}]` : JSON.stringify(value);
}
