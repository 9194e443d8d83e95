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
 * `issues` (sorted, as sortIssues gives them) with at most `max` per file, errors before warnings
 * (a file's one error must not be hidden behind hundreds of warnings), still in their order; for
 * a file that had more, one issue where the first left out stands counts them (an error when the
 * file has errors).
 */
export function limitIssuesPerFile(issues: readonly Issue[], max = MAX_ISSUES_PER_FILE): Issue[] {
  const errors = new Map<string, number>();
  const all = new Map<string, number>();
  for (const issue of issues) {
    all.set(issue.file, (all.get(issue.file) ?? 0) + 1);
    if (isError(issue)) errors.set(issue.file, (errors.get(issue.file) ?? 0) + 1);
  }
  if ([...all.values()].every((count) => count <= max)) return [...issues];
  const shownErrors = new Map<string, number>();
  const shownWarnings = new Map<string, number>();
  const summarised = new Set<string>();
  const kept: Issue[] = [];
  for (const issue of issues) {
    const { file } = issue;
    const errorCount = errors.get(file) ?? 0;
    const shown = isError(issue) ? shownErrors : shownWarnings;
    const allowance = isError(issue) ? max : Math.max(0, max - errorCount);
    const count = shown.get(file) ?? 0;
    if (count < allowance) {
      shown.set(file, count + 1);
      kept.push(issue);
      continue;
    }
    if (summarised.has(file)) continue;
    summarised.add(file);
    const more = (all.get(file) ?? 0) - max;
    kept.push({
      file,
      line: issue.line,
      column: issue.column,
      code: 'too-many-problems',
      message: `${more.toLocaleString('en-US')} more ${more === 1 ? 'problem' : 'problems'} in this file not shown (the first ${max.toLocaleString('en-US')} are, errors first)`,
      hint: 'fix the problems shown and run again',
      ...(errorCount > 0 ? {} : { level: 'warning' as const }),
    });
  }
  return kept;
}
