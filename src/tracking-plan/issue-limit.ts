/**
 * How many problems one file reports. A file with thousands of mistakes (a generated file gone
 * wrong, or one written to flood the output) would print, annotate and comment every one; the
 * first few hundred tell the author what is wrong, and the rest cost time and bury the summary.
 * Pure.
 */
import { isError, type Issue } from '../errors.js';

/** The problems reported per file; past them, one issue says how many more there are. */
export const MAX_ISSUES_PER_FILE = 500;

/**
 * `issues` (sorted, as sortIssues gives them) with at most MAX_ISSUES_PER_FILE per file, and for
 * a file that had more, an error at the first one left out that counts them. Warnings count as
 * problems too; a file cut short keeps its errors failing.
 */
export function limitIssuesPerFile(issues: readonly Issue[], max = MAX_ISSUES_PER_FILE): Issue[] {
  const perFile = new Map<string, number>();
  for (const issue of issues) perFile.set(issue.file, (perFile.get(issue.file) ?? 0) + 1);
  if ([...perFile.values()].every((count) => count <= max)) return [...issues];
  const shown = new Map<string, number>();
  const kept: Issue[] = [];
  for (const issue of issues) {
    const count = shown.get(issue.file) ?? 0;
    shown.set(issue.file, count + 1);
    if (count < max) kept.push(issue);
    else if (count === max) {
      const more = (perFile.get(issue.file) ?? 0) - max;
      kept.push({
        file: issue.file,
        line: issue.line,
        column: issue.column,
        code: 'too-many-problems',
        message: `${more.toLocaleString('en-US')} more ${more === 1 ? 'problem' : 'problems'} in this file, from here on, not shown (the first ${max.toLocaleString('en-US')} are)`,
        hint: 'fix the problems shown and run again',
        ...(issues.some((each) => each.file === issue.file && isError(each)) ? {} : { level: 'warning' as const }),
      });
    }
  }
  return kept;
}
