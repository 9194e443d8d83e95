/** A problem found in a tracking plan, located in its file. Lines and columns are 1-based. */
export interface Issue {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** What is wrong, naming the offending key or value. */
  readonly message: string;
  /** How to fix it, when we can say. */
  readonly hint?: string;
  /** A stable machine-readable code, e.g. `unknown-key`. */
  readonly code: string;
  /** Absent means `error`: the plan is invalid. A warning is reported and the plan still loads. */
  readonly level?: 'error' | 'warning';
  /** The governance rule or check that found it (e.g. `description-required`), shown as `[rule-id]`. */
  readonly rule?: string;
}

/** Whether the issue makes the plan invalid (an issue without a level is an error). */
export function isError(issue: Issue): boolean {
  return issue.level !== 'warning';
}

/** Whether the issue is only a warning: reported, but the plan still loads. */
export function isWarning(issue: Issue): boolean {
  return issue.level === 'warning';
}

export function compareIssues(a: Issue, b: Issue): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** Sorted by file and position, with exact repeats removed. */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  const seen = new Set<string>();
  const unique: Issue[] = [];
  for (const issue of issues) {
    const key = `${issue.file}\0${issue.line}\0${issue.column}\0${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(issue);
  }
  return unique.sort(compareIssues);
}
