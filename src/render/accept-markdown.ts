/**
 * The body of the pull request "Accept edits made in Secoda": what changed (where it is written,
 * the YAML's value and Secoda's), what was added, what is left for a person, and — where the
 * audit log says — who changed it. Secoda's text stays text: values in code spans, everything
 * else escaped, no mention or reference that would ping or link. Pure.
 */
import type { AcceptedChange, AcceptResult } from '../accept/types.js';
import { formatChange, pathText } from './describe-operation.js';
import { leftLine } from './accept-text.js';
import { codeSpan, escapeText } from './markdown-text.js';
import { plural } from './plural.js';

/** GitHub's limit on a pull request body is 65,536 characters; the rest is cut with a pointer. */
const MAX_BODY = 60_000;

export interface AcceptMarkdownOptions {
  /** The hidden marker that identifies tpsync's pull request (first line of the body). */
  readonly marker: string;
  /** The workflow run that made it, linked at the end. */
  readonly runUrl?: string;
  /**
   * Who changed a value in Secoda and on which day ("ana@acme.com on 2026-12-01"), from its audit
   * log (`/activity_log/audit_logs/`, issue 23). Without it the column is not shown.
   */
  readonly changedBy?: (change: AcceptedChange) => string | undefined;
}

/** The pull request's body. */
export function renderAcceptMarkdown(result: AcceptResult, options: AcceptMarkdownOptions): string {
  const lines: string[] = [options.marker, '### Accept edits made in Secoda', ''];
  lines.push(
    'The catalog was edited in Secoda. This pull request writes those edits into the tracking plan, so that the next apply keeps them instead of undoing them. Merge it to keep them; close it, and the next apply restores what the YAML says.',
    '',
  );
  if (result.accepted.length > 0) {
    const who = options.changedBy;
    lines.push(`**${plural(result.accepted.length, 'value')} taken from Secoda**`, '');
    lines.push(who === undefined ? '| Where | Field | YAML → Secoda | File |' : '| Where | Field | YAML → Secoda | File | Changed by |');
    lines.push(who === undefined ? '| --- | --- | --- | --- |' : '| --- | --- | --- | --- | --- |');
    for (const change of result.accepted) {
      const cells = [where(change), codeSpan(change.field), codeSpan(values(change)), codeSpan(`${change.file}:${change.line}`)];
      if (who !== undefined) {
        // In a code span: an email stays readable and copyable, and pings no one.
        const text = who(change);
        cells.push(text === undefined ? '—' : codeSpan(text));
      }
      lines.push(`| ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  if (result.added.length > 0) {
    lines.push(`**${plural(result.added.length, 'resource')} added from Secoda**`, '');
    for (const added of result.added) lines.push(`- ${added.kind} ${codeSpan(pathText(added.path))} in ${codeSpan(added.file)}`);
    lines.push('');
  }
  for (const note of result.notes) lines.push(`> ${escapeText(note.message)}`, '');
  if (result.left.length > 0) {
    lines.push(
      `**Left for a person** (${plural(result.left.length, 'change')}; \`tpsync plan\` still shows ${result.left.length === 1 ? 'it' : 'them'})`,
      '',
    );
    for (const left of result.left) lines.push(`- ${escapeText(leftLine(left))}`);
    lines.push('');
  }
  lines.push(
    `_Made by ${options.runUrl === undefined ? 'the drift check' : `[the drift check](${options.runUrl})`} with \`tpsync accept\`; updated on every run, and closed when Secoda matches the tracking plan._`,
  );
  const body = `${lines.join('\n')}\n`;
  if (body.length <= MAX_BODY) return body;
  return `${body.slice(0, MAX_BODY)}\n\n_…cut: the run's log lists every change._\n`;
}

function where(change: AcceptedChange): string {
  if (change.kind === 'definition') return `shared property ${codeSpan(change.path[0] ?? '')} (every event that uses it)`;
  const override = change.via === 'override' ? ` (override beside ${codeSpan(`use: ${change.definition ?? ''}`)})` : '';
  return `${change.kind} ${codeSpan(pathText(change.path))}${override}`;
}

function values(change: AcceptedChange): string {
  const plain = (value: AcceptedChange['before']) =>
    Array.isArray(value) ? [...(value as readonly string[])] : (value as string | boolean | null);
  return formatChange({ field: change.field, before: plain(change.before), after: plain(change.after) }, 'update', 120);
}
