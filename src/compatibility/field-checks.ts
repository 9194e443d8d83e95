/**
 * Checks on the fields an update or replace changes (the operation's `changes`, before →
 * after): a property's type, enum values and `required`, the PII flag, and the rest, which is
 * documentation.
 */
import type { FieldChange, FieldValue, ResourceKind } from '../plan/types.js';
import { code, listText, type Finding } from './finding.js';

/** Fields that say how an event or property is sent; all others are documentation. */
const SHAPE_FIELDS: ReadonlySet<string> = new Set(['type', 'enum', 'required', 'pii', 'parent']);

/** "`coupon` of `Order Completed`", or "`Order Completed`" for an event. */
export function subjectOf(kind: ResourceKind, path: readonly string[]): string {
  const [category = '', event = '', property = ''] = path;
  if (kind === 'property') return `${code(property)} of ${code(event)}`;
  if (kind === 'event') return code(event);
  return code(category);
}

const asList = (value: FieldValue): string[] => (Array.isArray(value) ? value : []);

/**
 * Findings for the field changes of an update or replace (or of a re-created property against
 * what it was): `type` → property-type-changed; `enum` (when the type stays) → enum-value-removed
 * and/or enum-value-added; `required` → property-became-required/-optional; `pii` → pii-changed;
 * everything else (and `required`/`pii` stated where Secoda had none) → one metadata-changed.
 */
export function fieldFindings(kind: ResourceKind, path: readonly string[], changes: readonly FieldChange[]): Finding[] {
  const findings: Finding[] = [];
  const subject = subjectOf(kind, path);
  const event = code(path[1] ?? '');
  const property = path[2] ?? '';
  const documentation: string[] = [];
  const change = (field: string) => changes.find((c) => c.field === field);

  const type = change('type');
  if (type) {
    const was = type.before === null ? 'none' : String(type.before);
    findings.push({
      id: 'property-type-changed',
      message:
        type.before === null
          ? `${subject} gets type ${String(type.after)} (it had none): apps that send anything else will send unplanned data`
          : `${subject} changes type from ${was} to ${String(type.after)}: apps that send ${was} values, and readers that expect them, will break`,
    });
  }
  // With the type changing, the values are part of that change, not a change of their own.
  const values = change('enum');
  if (values && !type) {
    const before = asList(values.before);
    const after = asList(values.after);
    const removed = before.filter((v) => !after.includes(v));
    const added = after.filter((v) => !before.includes(v));
    if (removed.length > 0) {
      findings.push({
        id: 'enum-value-removed',
        message: `apps that send ${listText(
          removed.map((v) => code(`${property}: ${v}`)),
          'or',
        )} will send ${removed.length === 1 ? 'an unplanned value' : 'unplanned values'}`,
      });
    }
    if (added.length > 0) {
      findings.push({
        id: 'enum-value-added',
        message: `dashboards and models that read ${code(property)} may get the new ${added.length === 1 ? 'value' : 'values'} ${listText(added.map(code))}`,
      });
    }
  }
  const required = change('required');
  if (required) {
    if (required.after === true && required.before !== true) {
      findings.push({
        id: 'property-became-required',
        message: `apps that send ${event} without ${code(property)} will send incomplete events`,
      });
    } else if (required.after === false && required.before === true) {
      findings.push({
        id: 'property-became-optional',
        message: `${event} may now arrive without ${code(property)}: dashboards and models that rely on it must handle it missing`,
      });
    } else {
      documentation.push('required');
    }
  }
  const pii = change('pii');
  if (pii) {
    if (pii.after === true && pii.before !== true) {
      findings.push({
        id: 'pii-changed',
        message: `${subject} is now marked as personal data: pipelines and dashboards that store or show it must handle it as PII`,
      });
    } else if (pii.after === false && pii.before === true) {
      findings.push({
        id: 'pii-changed',
        message: `${subject} is no longer marked as personal data: check that nothing relied on it being handled as PII`,
      });
    } else {
      documentation.push('pii');
    }
  }
  documentation.push(...changes.map((c) => c.field).filter((field) => !SHAPE_FIELDS.has(field)));
  if (documentation.length > 0) {
    const recreated = documentation.includes('owners_groups') ? `; Secoda re-creates ${subject} to change owners_groups` : '';
    findings.push({
      id: 'metadata-changed',
      message: `documentation only (${documentation.join(', ')})${recreated}: apps and readers are unaffected`,
    });
  }
  return findings;
}
