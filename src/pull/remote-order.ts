/**
 * The orders `pull` works in: the planner's (oldest first, as it matches same-titled siblings),
 * so that the pulled plan plans as a no-op, and the YAML's (by title), so that the same Secoda
 * gives the same bytes. Pure.
 */
import { compareText, compareTimestamps } from '../plan/compare.js';

/** What the planner orders remote resources by. */
export interface Dated {
  readonly id: string;
  readonly title: string;
  readonly created_at: string | null;
}

/** The planner's order: oldest first (created_at, then id). */
export const oldestFirst = (a: Dated, b: Dated): number => compareTimestamps(a.created_at, b.created_at) || compareText(a.id, b.id);

/** The YAML's order: by title ignoring case, then exactly. Stable whatever order Secoda lists in. */
export const byTitle = (a: { title: string }, b: { title: string }): number =>
  compareText(a.title.toLowerCase(), b.title.toLowerCase()) || compareText(a.title, b.title);

/** `items` grouped by `key`, each group in the order of `items`, groups in the order of their first item. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
