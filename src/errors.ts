/**
 * The few error classes tpsync throws. The CLI's single top-level catch maps them to
 * friendly text and exit codes; anything else is a bug and asks for a report.
 */
import type { Issue } from './tracking-plan/issue.js';

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
