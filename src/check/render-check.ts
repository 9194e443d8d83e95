/** The check report for people (terminal text) and for tools (versioned JSON). */
import type { Style } from '../style.js';
import { MAX_LINES, VIOLATION_KINDS, type CheckReport, type LineSample } from './report.js';
import { appendAll } from '../arrays.js';

const n = (value: number): string => value.toLocaleString('en-US');
const plural = (count: number, one: string, many = `${one}s`): string => `${n(count)} ${count === 1 ? one : many}`;

/** "line 4", "lines 4, 9", "lines 1, 2, 3, 4, 5, …" */
export function linesText(sample: LineSample): string {
  if (sample.lines.length === 0) return '';
  const more = sample.count > sample.lines.length && sample.lines.length === MAX_LINES ? ', …' : '';
  return `${sample.lines.length === 1 && more === '' ? 'line' : 'lines'} ${sample.lines.join(', ')}${more}`;
}

function table(rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    `${indent}${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')}`.trimEnd(),
  );
}

/**
 * The report as text: a summary line, then each event with violations (its groups with counts
 * and first lines), unreadable lines, counts by kind, and a verdict.
 * @param input how the input is named to the user (a path, or "stdin")
 */
export function renderCheckText(report: CheckReport, input: string, style: Style): string {
  const out: string[] = [];
  const extras = [
    report.skipped > 0 ? `${plural(report.skipped, 'call')} of another type skipped` : '',
    report.blank > 0 ? `${plural(report.blank, 'blank line')} ignored` : '',
  ].filter((s) => s !== '');
  // "track calls" while every call checked was one (the plan has no other kinds, or none came).
  const calls = report.events.every((event) => event.type === undefined) ? 'track call' : 'call';
  out.push(
    `Checked ${plural(report.checked, calls)} from ${input} (${plural(report.lines, 'line')}): ${n(report.valid)} valid, ${n(report.invalid)} with violations${extras.length > 0 ? `; ${extras.join('; ')}` : ''}.`,
  );
  for (const event of report.events) {
    if (event.violations.length === 0) continue;
    out.push('');
    const type = event.type === undefined ? '' : `${event.type} call`;
    if (event.planned) {
      out.push(
        `${style.bold(event.event)} (${[type, ...event.categories].filter((part) => part !== '').join(', ')}): ${n(event.invalid)} of ${plural(event.checked, 'payload')} with violations`,
      );
    } else {
      out.push(
        `${style.bold(event.event)}${type === '' ? '' : ` (${type})`}: not in the plan${event.suggestion === undefined ? '' : ` (did you mean "${event.suggestion}"?)`}`,
      );
    }
    appendAll(
      out,
      table(
        event.violations.map((v) => [
          v.kind,
          v.property ?? '',
          n(v.count),
          linesText(v),
          v.expected === undefined ? '' : `expected ${v.expected}`,
        ]),
      ),
    );
  }
  if (report.unreadable.length > 0) {
    out.push('', `${style.bold('Unreadable lines')} (invalid-json):`);
    appendAll(out, table(report.unreadable.map((u) => [u.reason, n(u.count), linesText(u)])));
  }
  if (report.capped) {
    out.push('', style.yellow('Too many distinct event or property names to list each: the rest are counted under "(other …)".'));
  }
  if (report.violations === 0) {
    out.push('', style.green(`✓ No violations.`));
    return `${out.join('\n')}\n`;
  }
  out.push('', style.bold('By kind:'));
  appendAll(out, table(VIOLATION_KINDS.map((kind) => [kind, n(report.byKind[kind].count), linesText(report.byKind[kind])])));
  out.push('', style.red(`✗ ${plural(report.violations, 'violation')}.`));
  return `${out.join('\n')}\n`;
}

/** The JSON document of `check --format json` (`format_version` 1; fields documented in docs/schemas-checks-codegen.md). */
export function renderCheckJson(report: CheckReport, input: string): string {
  const document = {
    format_version: 1,
    input,
    clean: report.violations === 0,
    summary: {
      lines: report.lines,
      checked: report.checked,
      valid: report.valid,
      invalid: report.invalid,
      skipped: report.skipped,
      blank: report.blank,
      violations: report.violations,
    },
    by_kind: report.byKind,
    events: report.events,
    invalid_json: report.unreadable,
    capped: report.capped,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
