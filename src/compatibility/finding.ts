/** What a check found on one operation, before its level is settled (overrides, deprecation). */
import type { Deprecation } from '../tracking-plan/types.js';
import type { CheckId } from './check-registry.js';

export interface Finding {
  readonly id: CheckId;
  /** What breaks for whom, in one line. */
  readonly message: string;
  /** For a removal (event-removed, property-removed): whether and how the item was deprecated. */
  readonly removal?: { readonly deprecation: Deprecation | undefined };
}

/**
 * `name` as a Markdown code span, as messages quote titles and values: on one line (a title
 * read from Secoda may hold a line break), fenced with more backticks than it contains.
 */
export function code(text: string): string {
  const line = text.replace(/\s*[\r\n]+\s*/g, ' ');
  const longest = Math.max(0, ...[...line.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}

/** "a, b and c" */
export function listText(items: readonly string[], last = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1] ?? ''}`;
}
