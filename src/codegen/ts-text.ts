/** Text pieces of generated TypeScript: string literals, property keys and JSDoc comments, escaped. */
import type { Deprecation } from '../tracking-plan/types.js';
import { isIdentifier } from './identifiers.js';

/** A single-quoted string literal: `'Order Completed'`, with `\`, `'`, line breaks and control characters escaped. */
export function stringLiteral(value: string): string {
  // JSON escapes backslashes, quotes, controls and lone surrogates; then swap the quote style.
  const body = JSON.stringify(value)
    .slice(1, -1)
    .replace(/\\"/g, '"')
    .replace(/'/g, "\\'")
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `'${body}'`;
}

/** A property key: bare when it is an identifier, else quoted (`'order-id'`). */
export function propertyKey(name: string): string {
  return isIdentifier(name) ? name : stringLiteral(name);
}

/** "Since 2025-01-01; sunset 2025-06-30. Use "Order Placed" instead." */
export function deprecationText(deprecation: Deprecation): string {
  const when = `Since ${deprecation.since}${deprecation.sunset === undefined ? '' : `; sunset ${deprecation.sunset}`}.`;
  return deprecation.replacement === undefined ? when : `${when} Use "${deprecation.replacement}" instead.`;
}

/**
 * A JSDoc block: paragraphs (each may hold line breaks; `''` for a blank line) then tags. A star-slash
 * in the text cannot close the comment, and a line starting with `@` cannot become a tag.
 * @returns the lines, each indented by `indent`.
 */
export function jsdoc(paragraphs: readonly string[], tags: readonly string[], indent: string): string[] {
  const escape = (line: string) => line.replace(/\*\//g, '*\\/').replace(/^(\s*)@/, '$1\\@');
  const body = paragraphs.flatMap((p) => p.split(/\r\n|\r|\n|\u2028|\u2029/)).map(escape);
  while (body.length > 0 && body[body.length - 1]?.trim() === '') body.pop();
  const tagLines = tags.map((tag) => tag.replace(/\*\//g, '*\\/').replace(/[\r\n\u2028\u2029]+/g, ' '));
  const lines = [...body, ...(body.length > 0 && tagLines.length > 0 ? [''] : []), ...tagLines];
  if (lines.length === 0) return [];
  if (lines.length === 1) return [`${indent}/** ${lines[0] ?? ''} */`];
  return [`${indent}/**`, ...lines.map((line) => (line === '' ? `${indent} *` : `${indent} * ${line}`)), `${indent} */`];
}
