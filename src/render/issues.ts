/**
 * Renders tracking-plan issues for people (`path:line:col  error|warning  message [rule-id]`,
 * then the hint) and for tools (JSON). Quoted values are cut to about 80 characters.
 */
import { isError, type Issue } from '../errors.js';
import { plural } from './plural.js';
import { cutQuotedValues } from './quoted-values.js';
import type { Style } from '../style.js';

export function renderIssuesText(issues: readonly Issue[], style: Style): string {
  const lines: string[] = [];
  for (const issue of issues) {
    const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
    const level = isError(issue) ? style.red('error') : style.yellow('warning');
    lines.push(
      `${style.bold(where)}  ${level}  ${cutQuotedValues(issue.message)}${issue.rule === undefined ? '' : ` ${style.dim(`[${issue.rule}]`)}`}`,
    );
    if (issue.hint !== undefined) lines.push(`    ${style.dim('hint:')} ${cutQuotedValues(issue.hint)}`);
  }
  lines.push('');
  lines.push(issuesSummary(issues, style));
  return lines.join('\n') + '\n';
}

/**
 * "3 problems in 2 files." when all are errors; "1 error and 2 warnings in 2 files." otherwise. The
 * counts add up to the lines above: files are those the issues point into (a line of theirs); an
 * issue about the plan's path itself (no such file, an empty directory) is counted apart.
 */
export function issuesSummary(issues: readonly Issue[], style: Style): string {
  const located = issues.filter((i) => i.line > 0);
  const files = new Set(located.map((i) => i.file)).size;
  const unlocated = issues.length - located.length;
  const where =
    unlocated === 0
      ? ` in ${plural(files, 'file')}`
      : located.length === 0
        ? ''
        : ` (${located.length} in ${plural(files, 'file')}, ${unlocated} about the plan's path)`;
  const errors = issues.filter(isError).length;
  const warnings = issues.length - errors;
  if (warnings === 0) return style.red(`${plural(errors, 'problem')}${where}.`);
  if (errors === 0) return style.yellow(`${plural(warnings, 'warning')}${where}.`);
  return style.red(`${plural(errors, 'error')} and ${plural(warnings, 'warning')}${where}.`);
}

/** `valid` is false only when an issue is an error; warnings are listed with `"level": "warning"`. */
export function renderIssuesJson(issues: readonly Issue[]): string {
  const shown = issues.map((issue) => ({
    ...issue,
    message: cutQuotedValues(issue.message),
    ...(issue.hint === undefined ? {} : { hint: cutQuotedValues(issue.hint) }),
  }));
  return JSON.stringify({ valid: !issues.some(isError), issues: shown }, null, 2) + '\n';
}
