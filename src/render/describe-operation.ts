/**
 * How an operation and its changes are described, in the words and symbols the text and
 * Markdown renderings of a plan share, so both say the same thing the same way.
 */
import type { Action, FieldChange, FieldValue, Operation } from '../plan/types.js';
import { plural } from './plural.js';
import { diffText, type TextDiff } from './text-diff.js';

export const SYMBOL: Record<Action, string> = { create: '+', update: '~', replace: '-/+', delete: '-' };
export const ACTION_WORD: Record<Action, string> = { create: 'create', update: 'update', replace: 'replace', delete: 'delete' };
export const ACTION_ORDER: readonly Action[] = ['create', 'update', 'replace', 'delete'];

export function pathText(path: readonly string[]): string {
  return path.join(' › ');
}

export function operationTitle(op: Operation): string {
  return `${op.kind} ${pathText(op.path)}`;
}

/** Why an operation happens, when the action alone does not say it; and the shared definition it comes from. */
export function operationReason(op: Operation): string | null {
  const shared = op.shared_definition === undefined ? null : `shared property ${JSON.stringify(op.shared_definition)}`;
  if (op.action === 'replace') {
    const fields = op.forced_by.join(', ');
    const from = op.changes.find((c) => c.field === 'parent')?.before;
    const why = op.forced_by.includes('parent')
      ? `moves from ${typeof from === 'string' ? `category ${JSON.stringify(from)}` : 'another category'}; ${fields} cannot change in place`
      : `${fields} cannot change in place`;
    return shared === null ? why : `${why}; ${shared}`;
  }
  return op.reason === null ? shared : shared === null ? op.reason : `${op.reason}; ${shared}`;
}

const MAX_TEXT = 160;

export function formatScalar(value: FieldValue, limit = MAX_TEXT): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  const quoted = JSON.stringify(value);
  return quoted.length > limit ? `${quoted.slice(0, limit - 2)}…"` : quoted;
}

/** A create shows values; a change shows `before → after`, or `+added -removed` for sets (lists, enum values). */
export function formatChange(change: FieldChange, action: Action, limit = MAX_TEXT): string {
  if (action === 'create') return formatScalar(change.after, limit);
  if (Array.isArray(change.after) && (Array.isArray(change.before) || change.before === null)) {
    const before = change.before ?? [];
    const after = change.after;
    const added = after.filter((v) => !before.includes(v));
    const removed = before.filter((v) => !after.includes(v));
    const parts = [...added.map((v) => `+${v}`), ...removed.map((v) => `-${v}`)];
    return parts.length > 0 ? parts.join(' ') : '(the same values, written differently)';
  }
  return `${formatScalar(change.before, limit)} → ${formatScalar(change.after, limit)}`;
}

/** Fields whose values are free text, shown as a diff when a long or multi-line value changes. */
const TEXT_FIELDS: ReadonlySet<string> = new Set(['description', 'definition']);

/** How a field change is shown: one line, or a header and a text diff under it. */
export type ChangeDisplay = { readonly inline: string } | { readonly header: string; readonly diff: TextDiff };

/**
 * A change as the renderings show it. A text field whose values are long or span lines gets a
 * diff (see text-diff.ts), so that a change past the first 160 characters is never hidden; the
 * header says how long the text is on each side. Everything else is `formatChange`.
 */
export function describeChange(change: FieldChange, action: Action): ChangeDisplay {
  if (action !== 'create' && TEXT_FIELDS.has(change.field) && !Array.isArray(change.before) && !Array.isArray(change.after)) {
    const before = typeof change.before === 'string' ? change.before : null;
    const after = typeof change.after === 'string' ? change.after : null;
    const diff = diffText(before, after);
    if (diff !== null) return { header: `(${sizeText(before, diff.form)} → ${sizeText(after, diff.form)})`, diff };
  }
  return { inline: formatChange(change, action) };
}

/** "3 lines", "1 line", "412 characters", "empty": how much text a side holds. */
function sizeText(text: string | null, form: TextDiff['form']): string {
  const trimmed = (text ?? '').replace(/\r\n?/g, '\n').trim();
  if (trimmed === '') return 'empty';
  if (form === 'lines') {
    const lines = trimmed.split('\n').length;
    return plural(lines, 'line');
  }
  return plural([...trimmed].length, 'character');
}
