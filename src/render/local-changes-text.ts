/**
 * The changes to what only the plan says (`plan.local_changes`: nullable, ranges, patterns,
 * nested properties, kinds, … against `--baseline`), as the terminal and the Markdown comment
 * show them: apart from Secoda's changes, since applying writes none of them, each with its
 * verdict. Nothing for a plan without them.
 */
import type { FieldValue, LocalChange, Plan } from '../plan/types.js';
import type { Style } from '../style.js';
import { checkLine } from './compatibility-note.js';
import { escapeText } from './markdown-text.js';
import { plural } from './plural.js';
import { largest } from '../arrays.js';

const HEADING = 'Changes only the plan holds (Secoda receives none of them; apply writes nothing for them)';

/** `null` → "(none)", a list → "a, b", else the value as text. */
function valueText(value: FieldValue): string {
  if (value === null) return '(none)';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** "property Checkout › Order Completed › address.city", "event Checkout › Order Completed" */
function title(change: LocalChange): string {
  return `${change.kind} ${change.path.join(' › ')}`;
}

/** "1 breaking, 2 safe" over the local changes' verdicts. */
function counts(changes: readonly LocalChange[]): string {
  const count = (level: string) => changes.filter((c) => c.compatibility?.level === level).length;
  return [`${count('breaking')} breaking`, plural(count('warning'), 'warning'), `${count('safe')} safe`].join(', ');
}

/** Lines for the terminal, starting with an empty line; none without local changes. */
export function localChangesText(plan: Plan, style: Style): string[] {
  const changes = plan.local_changes ?? [];
  if (changes.length === 0) return [];
  const lines = ['', `${HEADING}:`];
  for (const change of changes) {
    lines.push(`  ${style.yellow('~')} ${title(change)}`);
    const width = largest(
      change.changes.map((c) => c.field.length),
      0,
    );
    for (const field of change.changes)
      lines.push(`      ${`${field.field}:`.padEnd(width + 1)} ${valueText(field.before)} → ${valueText(field.after)}`);
    for (const check of change.compatibility?.checks ?? [])
      if (check.level !== 'safe') lines.push(`      ${(check.level === 'breaking' ? style.red : style.yellow)(checkLine(check))}`);
  }
  lines.push(`${plural(changes.length, 'change')} only the plan holds. Compatibility: ${counts(changes)}.`);
  return lines;
}

/** A Markdown section; empty without local changes. Titles and values are text, never Markdown. */
export function localChangesMarkdown(plan: Plan): string[] {
  const changes = plan.local_changes ?? [];
  if (changes.length === 0) return [];
  const lines = [`#### ${HEADING} (${changes.length})`, '', `Compatibility: ${counts(changes)}.`, ''];
  for (const change of changes) {
    const fields = change.changes.map((c) => `${c.field}: ${valueText(c.before)} → ${valueText(c.after)}`).join('; ');
    lines.push(`- ${escapeText(`${title(change)} (${fields})`)}`);
    for (const check of change.compatibility?.checks ?? [])
      if (check.level !== 'safe') lines.push(`  ${check.level === 'breaking' ? '🛑' : '⚠️'} ${escapeText(checkLine(check))}`);
  }
  return lines;
}
