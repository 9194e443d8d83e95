/**
 * Comparing what the YAML states with what Secoda holds, field by field. Only fields the
 * YAML states are compared ("a field that the YAML leaves out is not managed").
 */
import { idKey } from '../ids.js';
import type { PatchFields, RemoteCommon, RemoteProperty } from '../secoda/types.js';
import { COMMON_FIELDS, LIST_FIELDS, type CommonFields, type PlanProperty } from '../tracking-plan/types.js';
import { textIdentity } from './compare.js';
import type { CreateBody, FieldChange, FieldValue } from './types.js';

/** Fields the API cannot change in place: a change replaces the resource. */
export const REPLACE_FIELDS: ReadonlySet<string> = new Set(['owners_groups', 'type', 'enum', 'required']);

const LIST_FIELD_SET: ReadonlySet<string> = new Set(LIST_FIELDS);

/** `enum` is one comma-separated string in the API: "red, green, yellow". */
export function parseEnum(value: string | null): string[] {
  if (value === null) return [];
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

export function joinEnum(values: readonly string[]): string {
  return values.join(', ');
}

/**
 * Whether `text` is exactly how the API writes `values` (what tpsync sent), so that parsing it
 * would give `values` back: the common case of a plan with nothing to do, answered without
 * splitting 10,000 strings. Values with surrounding space or none at all take the full comparison.
 */
function sameEnumText(values: readonly string[], text: string | null): boolean {
  if (text === null || text !== joinEnum(values)) return false;
  return values.every((value) => value !== '' && value === value.trim());
}

function sameSet(a: readonly string[], b: readonly string[], key: (value: string) => string): boolean {
  // The usual case, a list that matches as written and in order, needs no keys and no sets.
  if (a.length === b.length && a.every((value, i) => value === b[i])) return true;
  const left = new Set(a.map(key));
  const right = new Set(b.map(key));
  if (left.size !== right.size) return false;
  for (const value of left) if (!right.has(value)) return false;
  return true;
}

/** Changes to the common fields the YAML states. */
export function diffCommon(wanted: CommonFields, remote: RemoteCommon): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of COMMON_FIELDS) {
    const after = wanted[field];
    if (after === undefined) continue;
    if (LIST_FIELD_SET.has(field)) {
      const before = remote[field as (typeof LIST_FIELDS)[number]];
      if (!sameSet(before, after as string[], idKey)) changes.push({ field, before: [...before], after: [...(after as string[])] });
    } else if (typeof after === 'string') {
      // Secoda may hold null where nothing was ever written; the YAML's "" means the same. Line
      // endings and surrounding whitespace do not count (see textIdentity).
      const before = remote[field as 'description' | 'definition'];
      if (before !== after && textIdentity(before) !== textIdentity(after)) changes.push({ field, before, after });
    } else {
      const before = remote[field as 'pii' | 'verified' | 'published'];
      if (before !== after) changes.push({ field, before, after });
    }
  }
  return changes;
}

/**
 * Whether two values of a common field are the same to the planner, as diffCommon compares them:
 * lists as sets of IDs, text by textIdentity, flags exactly. `accept` groups Secoda's values with it.
 */
export function sameFieldValue(field: string, a: FieldValue | readonly string[], b: FieldValue | readonly string[]): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && sameSet(a, b, idKey);
  if (typeof a === 'string' || typeof b === 'string')
    return LIST_FIELD_SET.has(field) ? false : a === b || textIdentity(a as string | null) === textIdentity(b as string | null);
  return a === b;
}

/** Changes to a property's own fields (type, enum, required), all of which force a replace. */
export function diffPropertyShape(wanted: PlanProperty, remote: RemoteProperty): FieldChange[] {
  const changes: FieldChange[] = [];
  if (wanted.type !== undefined && wanted.type !== remote.type) changes.push({ field: 'type', before: remote.type, after: wanted.type });
  if (wanted.enum !== undefined && !sameEnumText(wanted.enum, remote.enum)) {
    const before = parseEnum(remote.enum);
    if (!sameSet(before, wanted.enum, (v) => v)) changes.push({ field: 'enum', before, after: [...wanted.enum] });
  }
  if (wanted.required !== undefined && wanted.required !== remote.is_required) {
    changes.push({ field: 'required', before: remote.is_required, after: wanted.required });
  }
  return changes;
}

/** The fields a create sends for what the YAML states. */
export function createFields(wanted: CommonFields): Omit<CreateBody, 'title'> {
  const body: Omit<CreateBody, 'title'> = {};
  for (const field of COMMON_FIELDS) {
    const value = wanted[field];
    if (value !== undefined) (body as Record<string, FieldValue>)[field] = Array.isArray(value) ? [...value] : value;
  }
  return body;
}

export function propertyCreateFields(wanted: PlanProperty): Omit<CreateBody, 'title'> {
  return {
    ...createFields(wanted),
    ...(wanted.type === undefined ? {} : { type: wanted.type }),
    ...(wanted.enum === undefined ? {} : { enum: joinEnum(wanted.enum) }),
    ...(wanted.required === undefined ? {} : { is_required: wanted.required }),
  };
}

/**
 * A replace re-creates the resource: fields the YAML does not manage keep their remote value,
 * so that replacing never loses what someone set in Secoda's UI.
 */
export function carryOver(remote: RemoteCommon | RemoteProperty, body: Omit<CreateBody, 'title'>): Omit<CreateBody, 'title'> {
  const kept: Omit<CreateBody, 'title'> = { ...body };
  const record = kept as Record<string, FieldValue>;
  for (const field of COMMON_FIELDS) {
    if (record[field] !== undefined) continue;
    const value = remote[field];
    if (Array.isArray(value)) {
      if (value.length > 0) record[field] = [...value];
    } else if (value !== null) {
      record[field] = value;
    }
  }
  if ('type' in remote) {
    if (kept.type === undefined && remote.type !== null) kept.type = remote.type;
    if (kept.enum === undefined && remote.enum !== null && remote.enum !== '') kept.enum = remote.enum;
    if (kept.is_required === undefined && remote.is_required !== null) kept.is_required = remote.is_required;
  }
  return kept;
}

/** The create body as a list of changes from nothing, for rendering. */
export function bodyAsChanges(body: Omit<CreateBody, 'title'>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, value] of Object.entries(body) as [string, FieldValue | undefined][]) {
    if (value === undefined) continue;
    // Shown with the YAML's names: `required`, and enum values as a list.
    const name = field === 'is_required' ? 'required' : field;
    changes.push({ field: name, before: null, after: field === 'enum' && typeof value === 'string' ? parseEnum(value) : value });
  }
  return changes;
}

/** An update's changes as the PATCH body that makes them (every change of an update is a patchable field). */
export function toPatch(changes: readonly FieldChange[]): PatchFields {
  const patch: Record<string, unknown> = {};
  for (const change of changes) patch[change.field] = Array.isArray(change.after) ? [...change.after] : change.after;
  return patch;
}
