import { appendAll, largest } from '../arrays.js';
/**
 * Help as a terminal shows it: every line at most 80 columns, none ending in a space, as
 * `git help` and `terraform -help` keep theirs. Usage lines break between their bracketed
 * parts; option descriptions hang under their column; paragraphs wrap at word boundaries.
 */

/** The widest a help line may be. */
export const HELP_WIDTH = 80;

/**
 * `text` wrapped at spaces to `width` columns: the first line starts with `first`, the others
 * with `rest`. A word longer than a line stays whole on its own line. Never a trailing space.
 */
export function wrapWords(text: string, width: number, first = '', rest = first): string[] {
  const words = text.split(/\s+/).filter((w) => w !== '');
  return wrapTokens(words, width, first, rest);
}

/** As wrapWords, for tokens that must not be broken (a usage line's `[--out plan.json]`). */
export function wrapTokens(tokens: readonly string[], width: number, first = '', rest = first): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const token of tokens) {
    const candidate = empty ? `${line}${token}` : `${line} ${token}`;
    if (!empty && candidate.length > width) {
      lines.push(line);
      line = `${rest}${token}`;
    } else line = candidate;
    empty = false;
  }
  if (!empty || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

/**
 * A usage string split where a line may break: between words outside brackets, so that
 * `[--fail-on breaking|warning]` stays together.
 */
export function usageTokens(usage: string): string[] {
  const tokens: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of usage) {
    if (char === '[' || char === '<') depth++;
    if (char === ']' || char === '>') depth = Math.max(0, depth - 1);
    if (char === ' ' && depth === 0) {
      if (current !== '') tokens.push(current);
      current = '';
    } else current += char;
  }
  if (current !== '') tokens.push(current);
  return tokens;
}

/** `tpsync plan <plan> [...]` wrapped, continuation lines indented under the first argument. */
export function usageLines(usage: string, indent: string, width = HELP_WIDTH): string[] {
  const tokens = usageTokens(usage);
  const head = tokens.slice(0, 2).join(' ');
  const hang = `${indent}${' '.repeat(head.length + 1)}`;
  return wrapTokens([head, ...tokens.slice(2)], width, indent, hang);
}

/**
 * Rows of `name  description`, the descriptions in one column that wraps under itself. A name
 * too wide for the column (more than `maxColumn`) gets its description on the next line.
 */
export function definitionRows(rows: readonly (readonly [string, string])[], indent: string, maxColumn = 30, width = HELP_WIDTH): string[] {
  const column = Math.min(maxColumn, largest(rows.map(([name]) => name.length)) + 2);
  const pad = `${indent}${' '.repeat(column)}`;
  const lines: string[] = [];
  for (const [name, description] of rows) {
    if (name.length + 2 > column) {
      lines.push(`${indent}${name}`);
      appendAll(lines, wrapWords(description, width, pad));
    } else appendAll(lines, wrapWords(description, width, `${indent}${name.padEnd(column)}`, pad));
  }
  return lines;
}

/**
 * A command's details: each line a paragraph, wrapped; a line that starts with spaces (an example
 * command) is kept as written; a blank line stays.
 */
export function paragraphLines(text: string, width = HELP_WIDTH): string[] {
  return text.split('\n').flatMap((line) => {
    if (line.trim() === '') return [''];
    if (/^\s/.test(line)) return [line.trimEnd()];
    return wrapWords(line, width);
  });
}
