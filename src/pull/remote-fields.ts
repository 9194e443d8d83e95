/**
 * A remote resource's fields as the YAML writes them. Only fields that carry information are
 * written: null (never set), "", [] and false flags are left out, which leaves them unmanaged (the plan
 * then leaves Secoda's value alone, so it stays a no-op). A value the YAML cannot hold is left
 * out too, and reported.
 */
import { idKey } from '../ids.js';
import { compareText } from '../plan/compare.js';
import { parseEnum } from '../plan/field-diff.js';
import type { RemoteCategory, RemoteCommon, RemoteProperty } from '../secoda/types.js';
import { LIST_FIELDS, type CommonFields, type PlanProperty } from '../tracking-plan/types.js';
import type { ReferenceWriter } from '../references/pull-names.js';
import type { ReferenceField } from '../secoda/directories.js';
import { readEnum } from './enum-text.js';
import type { PullNoteCode } from './pull-note.js';
import { isId, isKnownType, isWellFormed } from './representable.js';

/** Reports fields left out of the YAML: (code, the fields, what is wrong). */
export type FieldReport = (code: PullNoteCode, fields: readonly string[], problem: string) => void;

const TEXT_FIELDS = ['description', 'definition'] as const;
const FLAG_FIELDS = ['pii', 'verified', 'published'] as const;

/** `writer` writes references by name (`pull`); without one they are written as the IDs Secoda holds (`pull --ids`). */
export function commonFields(remote: RemoteCommon, report: FieldReport, writer?: ReferenceWriter): CommonFields {
  const fields: CommonFields = {};
  for (const field of TEXT_FIELDS) {
    const value = remote[field];
    if (value === null || value === '') continue;
    if (isWellFormed(value)) fields[field] = value;
    else report('text-not-writable', [field], `the ${field} holds characters that cannot be written as UTF-8`);
  }
  // Secoda's default for these flags is false: writing `false` on every resource would bury
  // the ones that say something. Only `true` is written; false stays unmanaged (and a no-op).
  for (const field of FLAG_FIELDS) {
    if (remote[field] === true) fields[field] = true;
  }
  for (const field of LIST_FIELDS) {
    const ids = idList(remote[field], field, report, writer);
    if (ids !== undefined) fields[field] = ids;
  }
  return fields;
}

export function categoryTeams(remote: RemoteCategory, report: FieldReport, writer?: ReferenceWriter): string[] | undefined {
  return idList(remote.teams, 'teams', report, writer);
}

/** `type`, `enum` and `required` (only when true): the fields that make a property's shape. */
export function propertyShape(remote: RemoteProperty, report: FieldReport): Pick<PlanProperty, 'type' | 'enum' | 'required'> {
  const shape: Pick<PlanProperty, 'type' | 'enum' | 'required'> = {};
  // Secoda's default is false (as for the flags): only `required: true` says something.
  if (remote.is_required === true) shape.required = true;
  const hasEnumText = parseEnum(remote.enum).length > 0;
  const type = remote.type;
  if (type === null) {
    if (hasEnumText)
      report(
        'enum-without-enum-type',
        ['enum'],
        `the property has enum values (${JSON.stringify(remote.enum)}) but no type, and a tracking plan writes "enum" only with \`type: enum\``,
      );
    return shape;
  }
  if (!isKnownType(type)) {
    report('unknown-type', hasEnumText ? ['type', 'enum'] : ['type'], `the type ${JSON.stringify(type)} is not one a tracking plan knows`);
    return shape;
  }
  if (type !== 'enum') {
    shape.type = type;
    if (hasEnumText)
      report(
        'enum-without-enum-type',
        ['enum'],
        `the property has type "${type}" and enum values (${JSON.stringify(remote.enum)}); a tracking plan writes "enum" only with \`type: enum\``,
      );
    return shape;
  }
  const reading = readEnum(remote.enum);
  if (!reading.ok) {
    report('enum-unreadable', ['type', 'enum'], reading.problem);
    return shape;
  }
  shape.type = type;
  shape.enum = reading.values;
  return shape;
}

/**
 * Non-empty lists of valid IDs, sorted and without repeats (the planner compares them as sets),
 * each written by `writer` (by name) when there is one.
 */
function idList(values: readonly string[], field: ReferenceField, report: FieldReport, writer?: ReferenceWriter): string[] | undefined {
  if (values.length === 0) return undefined;
  const invalid = values.filter((value) => !isId(value));
  if (invalid.length > 0) {
    report(
      'invalid-id',
      [field],
      `${field} holds ${invalid.map((v) => JSON.stringify(v)).join(', ')}, which ${invalid.length === 1 ? 'is not a Secoda ID' : 'are not Secoda IDs'} as a tracking plan writes them`,
    );
    return undefined;
  }
  const seen = new Set<string>();
  const unique: string[] = [];
  for (const value of [...values].sort(compareText)) {
    if (seen.has(idKey(value))) continue;
    seen.add(idKey(value));
    unique.push(value);
  }
  if (writer === undefined) return unique;
  const written: string[] = [];
  for (const id of unique) {
    const reference = writer.write(field, id);
    if (reference === undefined) {
      report(
        'unknown-reference',
        [field],
        `${field} holds ${JSON.stringify(id)}, which Secoda's directory does not list and a tracking plan would read as a name`,
      );
      return undefined;
    }
    written.push(reference.value);
  }
  return written.sort(compareText);
}
