/**
 * Renders tracking-plan issues for people (`path:line:col  error|warning  message [rule-id]`,
 * then the hint) and for tools (JSON). Quoted values are cut to about 80 characters.
 */
import { isError, type Issue } from '../tracking-plan/issue.js';
import { cutQuotedValues } from './quoted-values.js';
import type { Style } from './style.js';

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

/** "3 problems in 2 files." when all are errors; "1 error and 2 warnings in 2 files." otherwise. */
function issuesSummary(issues: readonly Issue[], style: Style): string {
  const files = new Set(issues.map((i) => i.file)).size;
  const inFiles = `in ${files} ${files === 1 ? 'file' : 'files'}.`;
  const errors = issues.filter(isError).length;
  const warnings = issues.length - errors;
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (warnings === 0) return style.red(`${count(errors, 'problem')} ${inFiles}`);
  if (errors === 0) return style.yellow(`${count(warnings, 'warning')} ${inFiles}`);
  return style.red(`${count(errors, 'error')} and ${count(warnings, 'warning')} ${inFiles}`);
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
