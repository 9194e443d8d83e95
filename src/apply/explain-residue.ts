/**
 * After an apply, the verification plan should be empty. When it is not, this says why in
 * words a user can act on: a field that tpsync wrote and Secoda stored differently ("Secoda cut
 * description to 255 characters"), a create that Secoda does not list, surplus copies that another
 * run made at the same time. Pure: the steps that ran and the verification plan in, lines out.
 */
import { plural } from '../render/plural.js';
import { parseEnum } from '../plan/field-diff.js';
import type { FieldValue, Operation, Plan } from '../plan/types.js';
import type { StepResult } from './execute-plan.js';

/** What an explanation found, line by line, and whether running apply again would fix it. */
export interface ResidueExplanation {
  /** One line per field Secoda changed: "event A › B: description: Secoda …". */
  readonly normalised: readonly string[];
  /** Lines about writes that did not stick in another way (a create not listed, a delete still listed). */
  readonly lost: readonly string[];
  /** Surplus copies another run made at the same time (the next apply deletes them). */
  readonly duplicates: number;
}

export function explainResidue(steps: readonly StepResult[], verification: Plan): ResidueExplanation {
  const written = new Map<string, { action: Operation['action']; fields: Record<string, FieldValue>; id: string | null }>();
  for (const step of steps) {
    if (step.status !== 'done') continue;
    const op = step.operation;
    const fields: Record<string, FieldValue> =
      op.action === 'update'
        ? (op.patch as Record<string, FieldValue>)
        : op.action === 'create' || op.action === 'replace'
          ? (op.body as unknown as Record<string, FieldValue>)
          : {};
    written.set(key(op), { action: op.action, fields, id: step.createdId });
  }

  const normalised: string[] = [];
  const lost: string[] = [];
  let duplicates = 0;
  for (const op of verification.operations) {
    const where = `${op.kind} ${op.path.join(' › ')}`;
    if (op.action === 'delete' && op.duplicate_of !== null) {
      duplicates++;
      continue;
    }
    const wrote = written.get(key(op));
    if (wrote === undefined) continue;
    if (op.action === 'create') {
      if (wrote.action === 'create' || wrote.action === 'replace')
        lost.push(`${where}: created${wrote.id === null ? '' : ` (id ${wrote.id})`}, but Secoda does not list it`);
      continue;
    }
    if (op.action === 'delete') {
      if (wrote.action === 'delete') lost.push(`${where}: deleted, but Secoda still lists it`);
      continue;
    }
    for (const change of op.changes) {
      const field = change.field === 'required' ? 'is_required' : change.field;
      if (!(field in wrote.fields)) continue;
      const sent = wrote.fields[field] ?? null;
      normalised.push(`${where}: ${change.field}: ${describeChange(change.field, sent, change.before)}`);
    }
  }
  return { normalised, lost, duplicates };
}

function key(op: Operation): string {
  return JSON.stringify([op.kind, op.path]);
}

/** How Secoda's stored value differs from what tpsync sent, in words. */
export function describeChange(field: string, sent: FieldValue, stored: FieldValue): string {
  if (field === 'enum') {
    const wrote = typeof sent === 'string' ? parseEnum(sent) : Array.isArray(sent) ? sent : [];
    const holds = Array.isArray(stored) ? stored : typeof stored === 'string' ? parseEnum(stored) : [];
    return describeSet(wrote, holds);
  }
  if (Array.isArray(sent) || Array.isArray(stored))
    return describeSet(Array.isArray(sent) ? sent : [], Array.isArray(stored) ? stored : []);
  if (typeof sent === 'string') return describeText(sent, typeof stored === 'string' ? stored : null);
  return `Secoda kept ${show(stored)} (tpsync wrote ${show(sent)})`;
}

function describeSet(sent: readonly string[], stored: readonly string[]): string {
  const dropped = sent.filter((value) => !stored.includes(value));
  const added = stored.filter((value) => !sent.includes(value));
  const parts = [dropped.length > 0 ? `dropped ${dropped.join(', ')}` : '', added.length > 0 ? `added ${added.join(', ')}` : ''].filter(
    (part) => part !== '',
  );
  return parts.length > 0 ? `Secoda ${parts.join(' and ')}` : 'Secoda stored the same values differently';
}

function describeText(sent: string, stored: string | null): string {
  if (stored === null || stored === '') return `Secoda stored it empty (tpsync wrote ${plural(sent.length, 'character')})`;
  if (sent.normalize('NFC') === stored.normalize('NFC')) return 'Secoda changed how accented letters are encoded (Unicode normalisation)';
  if (sent.replace(/\s+/g, ' ').trim() === stored.replace(/\s+/g, ' ').trim())
    return 'Secoda changed the spaces and line breaks inside the text';
  if (sent.startsWith(stored) || sent.trim().startsWith(stored.replace(/…$/, '').trim()))
    return `Secoda cut it to ${plural(stored.length, 'character')} (tpsync wrote ${sent.length})`;
  const escaped = sent.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (escaped === stored || escaped.replace(/"/g, '&quot;') === stored) return 'Secoda escaped HTML characters (<, >, &)';
  if (sent.replace(/<[^>]*>/g, '') === stored) return 'Secoda removed HTML tags';
  return `Secoda stored ${show(stored)} (tpsync wrote ${show(sent)})`;
}

function show(value: FieldValue): string {
  if (value === null) return 'nothing';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  const quoted = JSON.stringify(value);
  return quoted.length > 80 ? `${quoted.slice(0, 78)}…"` : quoted;
}
