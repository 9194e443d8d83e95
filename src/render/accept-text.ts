/**
 * What `tpsync accept` did, for the terminal: the values taken from Secoda (where each is written),
 * what was added, what was left for a person and why, and the notes (an override written for a
 * shared definition). Pure.
 */
import type { AcceptedChange, AcceptResult, LeftChange } from '../accept/types.js';
import type { Style } from '../style.js';
import { formatChange, pathText } from './describe-operation.js';
import { plural } from './plural.js';

export interface AcceptTextOptions {
  readonly style: Style;
  /** Whether the files were written (false: `--dry-run`). */
  readonly written: boolean;
}

/** The report, ending in a line break; "Nothing to accept" when Secoda matches the YAML. */
export function renderAcceptText(result: AcceptResult, options: AcceptTextOptions): string {
  const { style } = options;
  const lines: string[] = [];
  const taken = result.accepted.length + result.added.length;
  if (taken === 0 && result.left.length === 0) return 'Nothing to accept: Secoda matches the tracking plan.\n';
  if (taken > 0) {
    const files = [...new Set([...result.accepted.map((c) => c.file), ...result.added.map((a) => a.file)])].sort();
    const verb = options.written ? 'Accepted' : 'Would accept';
    lines.push(style.bold(`${verb} ${plural(taken, 'change')} from Secoda into ${files.join(', ')}:`));
    for (const change of result.accepted) lines.push(`  ${style.yellow('~')} ${acceptedLine(change)}`);
    for (const added of result.added)
      lines.push(`  ${style.green('+')} ${added.kind} ${pathText(added.path)}  ${style.dim(`(${added.file})`)}`);
  }
  for (const note of result.notes) lines.push(`${style.yellow('!')} ${note.message}`);
  if (result.left.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push(
      style.bold(
        `Left for a person (${plural(result.left.length, 'change')}; \`tpsync plan\` still shows ${result.left.length === 1 ? 'it' : 'them'}):`,
      ),
    );
    for (const left of result.left) lines.push(`  ${style.red('!')} ${leftLine(left)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `event Checkout › Order Completed: description "a" → "b"  (plan.yaml:12)` */
export function acceptedLine(change: AcceptedChange): string {
  const what =
    change.kind === 'definition'
      ? `shared property ${JSON.stringify(change.path[0] ?? '')} (every event that uses it)`
      : `${change.kind} ${pathText(change.path)}${change.via === 'override' ? ` (override beside \`use: ${change.definition ?? ''}\`)` : ''}`;
  const values = formatChange({ field: change.field, before: plain(change.before), after: plain(change.after) }, 'update', 80);
  return `${what}: ${change.field} ${values}  (${change.file}:${change.line})`;
}

/** `property Checkout › Order Completed › total: type — Secoda has …` */
export function leftLine(left: LeftChange): string {
  const what = left.kind === 'definition' ? `shared property ${JSON.stringify(left.path[0] ?? '')}` : `${left.kind} ${pathText(left.path)}`;
  return `${what}${left.field === undefined ? '' : ` ${left.field}`}: ${left.reason}`;
}

function plain(value: AcceptedChange['before']): string | boolean | string[] | null {
  return Array.isArray(value) ? [...(value as readonly string[])] : (value as string | boolean | null);
}
