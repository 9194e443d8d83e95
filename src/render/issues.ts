/** Renders tracking-plan issues for people (`path:line:col  message`) and for tools (JSON). */
import type { Issue } from '../tracking-plan/issue.js';
import { cutQuotedValues } from './quoted-values.js';
import type { Style } from './style.js';

export function renderIssuesText(issues: readonly Issue[], style: Style): string {
  const lines: string[] = [];
  for (const issue of issues) {
    const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
    lines.push(`${style.bold(where)}  ${style.red('error')}  ${cutQuotedValues(issue.message)}`);
    if (issue.hint !== undefined) lines.push(`    ${style.dim('hint:')} ${cutQuotedValues(issue.hint)}`);
  }
  const files = new Set(issues.map((i) => i.file)).size;
  lines.push('');
  lines.push(style.red(`${issues.length} ${issues.length === 1 ? 'problem' : 'problems'} in ${files} ${files === 1 ? 'file' : 'files'}.`));
  return lines.join('\n') + '\n';
}

export function renderIssuesJson(issues: readonly Issue[]): string {
  const shown = issues.map((issue) => ({
    ...issue,
    message: cutQuotedValues(issue.message),
    ...(issue.hint === undefined ? {} : { hint: cutQuotedValues(issue.hint) }),
  }));
  return JSON.stringify({ valid: issues.length === 0, issues: shown }, null, 2) + '\n';
}
