/** The words compatibility messages share: titles and values quoted as code, lists, what a change is about. */
import type { ResourceKind } from '../plan/types.js';
import { largest } from '../arrays.js';

/**
 * `name` as a Markdown code span, as messages quote titles and values: on one line (a title
 * read from Secoda may hold a line break), fenced with more backticks than it contains.
 */
export function code(text: string): string {
  const line = text.replace(/\s*[\r\n]+\s*/g, ' ');
  const longest = largest(
    [...line.matchAll(/`+/g)].map((m) => m[0].length),
    0,
  );
  const fence = '`'.repeat(longest + 1);
  const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}

/** "a, b and c" (or "a, b or c" with `last` "or"). */
export function listText(items: readonly string[], last = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1] ?? ''}`;
}

/** "`coupon` of `Order Completed`", or "`Order Completed`" for an event. */
export function subjectOf(kind: ResourceKind, path: readonly string[]): string {
  const [category = '', event = '', property = ''] = path;
  if (kind === 'property') return `${code(property)} of ${code(event)}`;
  if (kind === 'event') return code(event);
  return code(category);
}
