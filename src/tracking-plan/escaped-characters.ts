/**
 * The characters that text from a plan, from Secoda or from payloads is shown with only as
 * `\uXXXX` escapes, never as themselves: on a terminal or in a CI log they act (ESC starts
 * sequences that move the cursor or erase lines, CR returns to the line's start, bidirectional
 * overrides reorder what is shown), and in a file they hide a difference.
 *
 * One list for every place that must agree on it: the output guard writes these as escapes
 * (src/render/terminal-text.ts), so `pull` writes a text that holds one in double quotes
 * (src/pull/emit-yaml.ts), the one YAML style where the escape means the same character.
 */

/**
 * C0 and C1 controls but TAB and LF (CR only before LF), line and paragraph separators (U+2028,
 * U+2029: some terminals and log viewers break the line there), format characters (Cf:
 * bidirectional overrides that reorder what is shown, zero-width and invisible characters that
 * hide a difference, tag characters that carry hidden text), and lone surrogates. A regular
 * expression's source, for the `u` flag.
 */
export const ESCAPED_CHARACTER = String.raw`[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\p{Cf}\p{Cs}]`;

const ANY_ESCAPED = new RegExp(ESCAPED_CHARACTER, 'u');

/** Whether `text` holds a character of ESCAPED_CHARACTER. */
export function hasEscapedCharacters(text: string): boolean {
  return ANY_ESCAPED.test(text);
}
