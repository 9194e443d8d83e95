/**
 * `validate --baseline <git-ref>`: rule violations that the plan already had at the baseline
 * are not reported, so a team adopts a rule without renaming what exists (a rename re-creates
 * the resource in Secoda) and the rule holds for everything new or changed from then on.
 *
 * A violation is the same as one at the baseline when its rule and message are: messages name
 * the resource by its titles and say what is wrong, never where it is written, so moving an
 * event to another line or file keeps its violations matched. Counted as a multiset, so a
 * second violation with the same words is new.
 */
import type { Issue } from '../errors.js';

const keyOf = (issue: Issue): string => `${issue.rule ?? ''}\u0000${issue.message}`;

/** `current`'s issues without the rule violations that `atBaseline` holds too. Other issues pass through. */
export function withoutBaselineViolations(current: readonly Issue[], atBaseline: readonly Issue[]): Issue[] {
  const remaining = new Map<string, number>();
  for (const issue of atBaseline) {
    if (issue.rule === undefined) continue;
    const key = keyOf(issue);
    remaining.set(key, (remaining.get(key) ?? 0) + 1);
  }
  return current.filter((issue) => {
    if (issue.rule === undefined) return true;
    const key = keyOf(issue);
    const left = remaining.get(key) ?? 0;
    if (left === 0) return true;
    remaining.set(key, left - 1);
    return false;
  });
}
