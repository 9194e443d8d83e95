/**
 * Renders tracking-plan issues for people and for tools (JSON). The text form of one issue is
 * `file:line:col  error|warning  message [rule-id]`, then `    hint: …`.
 */
import { isWarning, type Issue } from '../tracking-plan/issue.js';
import type { Style } from './style.js';

export function renderIssuesText(issues: readonly Issue[], style: Style): string {
  const lines: string[] = [];
  for (const issue of issues) {
    const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
    const level = isWarning(issue) ? style.yellow('warning') : style.red('error');
    lines.push(`${style.bold(where)}  ${level}  ${issue.message}${issue.rule !== undefined ? ` [${issue.rule}]` : ''}`);
    if (issue.hint !== undefined) lines.push(`    ${style.dim('hint:')} ${issue.hint}`);
  }
  const warnings = issues.filter(isWarning).length;
  const errors = issues.length - warnings;
  const files = new Set(issues.map((i) => i.file)).size;
  const inFiles = `in ${files} ${files === 1 ? 'file' : 'files'}.`;
  lines.push('');
  if (errors === 0) lines.push(style.yellow(`${warnings} ${warnings === 1 ? 'warning' : 'warnings'} ${inFiles}`));
  else
    lines.push(
      style.red(
        `${errors} ${errors === 1 ? 'problem' : 'problems'}${warnings > 0 ? ` and ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}` : ''} ${inFiles}`,
      ),
    );
  return lines.join('\n') + '\n';
}

/** `{ valid, issues }`: valid when no issue is an error; warnings carry `level: "warning"`. */
export function renderIssuesJson(issues: readonly Issue[]): string {
  return JSON.stringify({ valid: issues.every(isWarning), issues }, null, 2) + '\n';
}
