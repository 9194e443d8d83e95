/**
 * Field changes (an update, a replace, or a re-created property against what it was): a
 * property's type, its enum values and `required`, the PII flag — and the rest, which is
 * documentation. `required` or `pii` stated where Secoda had none is documentation too.
 */
import type { FieldChange, FieldValue } from '../plan/types.js';
import type { Check } from './check.js';
import { code, listText, subjectOf } from './message-words.js';
import type { Situation } from './situation.js';
import { appendAll } from '../arrays.js';

/** Fields that say how an event or property is sent (Secoda's, and the plan's own: local-diff.ts); all others are documentation. */
const SHAPE_FIELDS: ReadonlySet<string> = new Set([
  'type',
  'enum',
  'required',
  'pii',
  'parent',
  'kind',
  'nullable',
  'minimum',
  'maximum',
  'min_length',
  'max_length',
  'pattern',
  'format',
  'additional_properties',
]);

/** The change of `field` among the situation's changes, when fields change. */
function changeOf(situation: Situation, field: string): FieldChange | undefined {
  return situation.kind === 'changed' ? situation.changes.find((c) => c.field === field) : undefined;
}

const asList = (value: FieldValue): string[] => (Array.isArray(value) ? value : []);

/** Enum values removed and added, when the enum changes and the type does not (a type change covers its values). */
function enumDelta(situation: Situation): { removed: string[]; added: string[] } | undefined {
  const values = changeOf(situation, 'enum');
  if (values === undefined || changeOf(situation, 'type') !== undefined) return undefined;
  const before = asList(values.before);
  const after = asList(values.after);
  return { removed: before.filter((v) => !after.includes(v)), added: after.filter((v) => !before.includes(v)) };
}

const turnsOn = (change: FieldChange | undefined): boolean => change?.after === true && change.before !== true;
const turnsOff = (change: FieldChange | undefined): boolean => change?.after === false && change.before === true;

export const propertyTypeChanged = {
  id: 'property-type-changed',
  level: 'breaking',
  description: "A property's type changes: senders send, and readers parse, the old type.",
  detect: (op, situation) => {
    const type = changeOf(situation, 'type');
    if (type === undefined) return null;
    const subject = subjectOf(op.kind, op.path);
    const was = type.before === null ? 'none' : String(type.before);
    return {
      message:
        type.before === null
          ? `${subject} gets type ${String(type.after)} (it had none): apps that send anything else will send unplanned data`
          : `${subject} changes type from ${was} to ${String(type.after)}: apps that send ${was} values, and readers that expect them, will break`,
    };
  },
} as const satisfies Check;

export const enumValueRemoved = {
  id: 'enum-value-removed',
  level: 'breaking',
  description: 'Enum values are removed: senders that send them send unplanned values.',
  detect: (op, situation) => {
    const removed = enumDelta(situation)?.removed ?? [];
    if (removed.length === 0) return null;
    const property = op.path[2] ?? '';
    return {
      message: `apps that send ${listText(
        removed.map((v) => code(`${property}: ${v}`)),
        'or',
      )} will send ${removed.length === 1 ? 'an unplanned value' : 'unplanned values'}`,
    };
  },
} as const satisfies Check;

export const enumValueAdded = {
  id: 'enum-value-added',
  level: 'safe',
  description: 'Enum values are added: senders are unaffected; readers that list the values see new ones.',
  detect: (op, situation) => {
    const added = enumDelta(situation)?.added ?? [];
    if (added.length === 0) return null;
    return {
      message: `dashboards and models that read ${code(op.path[2] ?? '')} may get the new ${added.length === 1 ? 'value' : 'values'} ${listText(added.map(code))}`,
    };
  },
} as const satisfies Check;

export const propertyBecameRequired = {
  id: 'property-became-required',
  level: 'breaking',
  description: 'An optional property becomes required: senders that leave it out send incomplete events.',
  detect: (op, situation) =>
    turnsOn(changeOf(situation, 'required'))
      ? { message: `apps that send ${code(op.path[1] ?? '')} without ${code(op.path[2] ?? '')} will send incomplete events` }
      : null,
} as const satisfies Check;

export const propertyBecameOptional = {
  id: 'property-became-optional',
  level: 'warning',
  description: 'A required property becomes optional: senders are unaffected; readers may now get events without it.',
  detect: (op, situation) =>
    turnsOff(changeOf(situation, 'required'))
      ? {
          message: `${code(op.path[1] ?? '')} may now arrive without ${code(op.path[2] ?? '')}: dashboards and models that rely on it must handle it missing`,
        }
      : null,
} as const satisfies Check;

export const piiChanged = {
  id: 'pii-changed',
  level: 'warning',
  description: 'The PII flag changes: whoever stores or reads the data must handle it as personal data, or may stop doing so.',
  detect: (op, situation) => {
    const pii = changeOf(situation, 'pii');
    const subject = subjectOf(op.kind, op.path);
    if (turnsOn(pii))
      return { message: `${subject} is now marked as personal data: pipelines and dashboards that store or show it must handle it as PII` };
    if (turnsOff(pii))
      return { message: `${subject} is no longer marked as personal data: check that nothing relied on it being handled as PII` };
    return null;
  },
} as const satisfies Check;

export const metadataChanged = {
  id: 'metadata-changed',
  level: 'safe',
  description:
    'Documentation only: description, definition, owners, owners_groups, teams, tags, collections, subscribers, verified, published.',
  detect: (op, situation) => {
    if (situation.kind !== 'changed') return null;
    const documentation = documentationFields(situation.changes);
    if (documentation.length === 0) return null;
    const recreated = documentation.includes('owners_groups')
      ? `; Secoda re-creates ${subjectOf(op.kind, op.path)} to change owners_groups`
      : '';
    return { message: `documentation only (${documentation.join(', ')})${recreated}: apps and readers are unaffected` };
  },
} as const satisfies Check;

/** The fields that change only documentation: `required` and `pii` when they flip neither way, then the non-shape fields. */
function documentationFields(changes: readonly FieldChange[]): string[] {
  const fields: string[] = [];
  for (const field of ['required', 'pii']) {
    const change = changes.find((c) => c.field === field);
    if (change !== undefined && !turnsOn(change) && !turnsOff(change)) fields.push(field);
  }
  appendAll(
    fields,
    changes.map((c) => c.field).filter((field) => !SHAPE_FIELDS.has(field)),
  );
  return fields;
}

/** The checks of this family, for its test table. */
export const FIELD_CHECKS = [
  propertyTypeChanged,
  enumValueRemoved,
  enumValueAdded,
  propertyBecameRequired,
  propertyBecameOptional,
  piiChanged,
  metadataChanged,
] as const;
