/**
 * IDs shown by name in a plan's renderings: an owner's email, a tag's name, a collection's title
 * (the plan carries them as `names`, from Secoda's directories), whether the YAML wrote the name
 * or the ID, and for values only Secoda holds too. Text and Markdown show the name alone, with the
 * ID after it only when two entries share the name; JSON keeps the ID beside the name. An ID no
 * directory lists is shown as it is. Pure.
 */
import { idKey } from '../ids.js';
import type { FieldChange, FieldValue, Operation, Plan, Warning } from '../plan/types.js';
import { REFERENCE_KIND, type DirectoryKind, type NamesById } from '../secoda/directories.js';

function kindOf(field: string): DirectoryKind | undefined {
  return Object.hasOwn(REFERENCE_KIND, field) ? REFERENCE_KIND[field as keyof typeof REFERENCE_KIND] : undefined;
}

/** The name of `id` in the directory `field` refers to, if it lists it. */
export function referenceName(names: NamesById | undefined, field: string, id: string): string | undefined {
  const kind = kindOf(field);
  if (names === undefined || kind === undefined) return undefined;
  const byId = names[kind];
  return byId !== undefined && Object.hasOwn(byId, idKey(id)) ? byId[idKey(id)] : undefined;
}

/** A reference value as JSON shows it: the ID as sent, and its name (null when no directory lists it). */
export interface NamedId {
  readonly id: string;
  readonly name: string | null;
}

/** A change as JSON shows it: a reference field's IDs as `{ id, name }`; any other field as it is. */
export function changeJson(names: NamesById | undefined, change: FieldChange): unknown {
  if (kindOf(change.field) === undefined) return change;
  const named = (value: FieldValue): unknown =>
    Array.isArray(value) ? value.map((id): NamedId => ({ id, name: referenceName(names, change.field, id) ?? null })) : value;
  return { field: change.field, before: named(change.before), after: named(change.after) };
}

/**
 * The plan as text and Markdown show it: each reference value of its changes (and the team IDs a
 * category warning quotes) replaced by its name — `name (id)` when two entries share the name.
 * Only for display: what the plan does is unchanged.
 */
export function withReferenceNames(plan: Plan): Plan {
  const names = plan.names;
  if (names === undefined) return plan;
  const display = displayNames(names);
  const shown = (field: string, id: string): string => {
    const kind = kindOf(field);
    const found = kind === undefined ? undefined : display.get(kind)?.get(idKey(id));
    return found === undefined ? id : found.shared ? `${found.name} (${id})` : found.name;
  };
  const change = (c: FieldChange): FieldChange => {
    if (kindOf(c.field) === undefined) return c;
    const named = (value: FieldValue): FieldValue => (Array.isArray(value) ? value.map((id) => shown(c.field, id)) : value);
    return { field: c.field, before: named(c.before), after: named(c.after) };
  };
  const operation = (op: Operation): Operation => ({ ...op, changes: op.changes.map(change) });
  const warning = (w: Warning): Warning =>
    w.code !== 'category-teams-differ'
      ? w
      : { ...w, message: w.message.replace(/\[([^\]]*)\]/g, (_, list: string) => `[${namedList(list)}]`) };
  const namedList = (list: string): string =>
    list === ''
      ? list
      : list
          .split(', ')
          .map((id) => shown('teams', id))
          .join(', ');
  return { ...plan, operations: plan.operations.map(operation), warnings: plan.warnings.map(warning) };
}

/** Per directory, idKey → the name, and whether another entry of the directory has it too. */
function displayNames(names: NamesById): Map<DirectoryKind, Map<string, { name: string; shared: boolean }>> {
  const display = new Map<DirectoryKind, Map<string, { name: string; shared: boolean }>>();
  for (const [kind, byId] of Object.entries(names) as [DirectoryKind, Readonly<Record<string, string>>][]) {
    const counts = new Map<string, number>();
    for (const name of Object.values(byId)) counts.set(name, (counts.get(name) ?? 0) + 1);
    const shown = new Map<string, { name: string; shared: boolean }>();
    for (const [key, name] of Object.entries(byId)) shown.set(key, { name, shared: (counts.get(name) ?? 0) > 1 });
    display.set(kind, shown);
  }
  return display;
}
