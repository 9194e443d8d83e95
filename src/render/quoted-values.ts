/**
 * Values quoted in messages ("unknown type "strnig"", "SECODA_API_URL is not a URL: "…"") are
 * cut to about 80 characters: a 10,000-character description pasted where a type belongs
 * should make a one-line error, not a page.
 */

/** The longest a quoted value may be in a message, quotes and "…" included. */
export const MAX_QUOTED_CHARS = 80;

/** `value` as a JSON string, cut to `max` characters with "…" before the closing quote. */
export function quote(value: unknown, max = MAX_QUOTED_CHARS): string {
  const text = typeof value === 'string' ? value : String(value);
  return cutQuoted(JSON.stringify(text), max);
}

/** Every double-quoted value in `message` longer than `max` characters, cut. */
export function cutQuotedValues(message: string, max = MAX_QUOTED_CHARS): string {
  if (message.length <= max) return message;
  return message.replace(/"(?:[^"\\\n]|\\.)*"/g, (quoted) => cutQuoted(quoted, max));
}

function cutQuoted(quoted: string, max: number): string {
  const chars = [...quoted];
  if (chars.length <= max) return quoted;
  return `${withoutPartialEscape(chars.slice(0, Math.max(2, max - 2)).join(''))}…"`;
}

/** Never end inside an escape: a lone `\` or a partial `\u00e9` (an escaped `\\` is whole). */
function withoutPartialEscape(text: string): string {
  const partial = /(\\+)(u[0-9a-fA-F]{0,3})?$/.exec(text);
  if (!partial) return text;
  const slashes = partial[1]?.length ?? 0;
  return slashes % 2 === 1 ? text.slice(0, partial.index + slashes - 1) : text;
}
