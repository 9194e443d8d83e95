/**
 * The few error classes tpsync throws, and the Issue: a problem found in a tracking plan,
 * located, which a PlanInvalidError carries (and a valid plan's warnings are). The CLI's single
 * top-level catch maps the errors to friendly text and exit codes; anything else is a bug and
 * asks for a report.
 */

/** A tracking plan that does not load: carries every issue found, located. */
export class PlanInvalidError extends Error {
  override readonly name = 'PlanInvalidError';
  constructor(readonly issues: readonly Issue[]) {
    super(`the tracking plan has ${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}`);
  }
}

/** Wrong usage or a refusal the user can act on (bad flag, missing token, guard, stale plan). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    readonly hint?: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Ends the run with a chosen exit code after the command has already said why. */
export class ExitError extends Error {
  override readonly name = 'ExitError';
  constructor(
    readonly exitCode: number,
    message = `exit ${exitCode}`,
  ) {
    super(message);
  }
}

/** A broken invariant inside tpsync: never the user's fault. */
export class InternalError extends Error {
  override readonly name = 'InternalError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(`${message} — this is a bug in tpsync; please report it with the command you ran`, options);
  }
}

/** Our errors carry a `userMessage` (and maybe a `hint`): the words to show a user. */
export interface DescribedError {
  readonly message: string;
  readonly hint?: string;
}

export function describeError(error: unknown): DescribedError | undefined {
  if (error instanceof Error && 'userMessage' in error && typeof (error as { userMessage: unknown }).userMessage === 'string') {
    const hint = (error as { hint?: unknown }).hint;
    return { message: (error as { userMessage: string }).userMessage, ...(typeof hint === 'string' ? { hint } : {}) };
  }
  return undefined;
}

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

/** Orders issues by file, line, column, then message. */
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
