/**
 * Text for a terminal or a CI log, where control characters act: ESC starts sequences that move
 * the cursor, erase lines, conceal text or set a window title; CR returns to the line's start;
 * bidirectional overrides reorder what is shown. Titles, enum values and payload event names come
 * from YAML, from Secoda and from production payloads, so any of them could rewrite what an
 * operator reads before typing "yes" (`"\u001b[1A\u001b[2K"` erases the line above: a delete).
 *
 * `neutraliseControls` shows every such character as its `\u00XX` escape, except the sequences
 * tpsync itself writes: the colours of `style.ts` (SGR 1, 2, 22, 31, 32, 33, 36, 39) and the
 * progress line's `\r` + erase-line. Text from data may use those too; they only colour text or
 * clear the progress line, and hide nothing.
 */

/* eslint-disable no-control-regex -- matching control characters is the point */
const CONTROL =
  /\r\u001b\[2K|\u001b\[(?:1|2|22|31|32|33|36|39)m|\r\n|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const ANY_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/* eslint-enable no-control-regex */

/** `text` with every control character but LF and TAB shown as `\u00XX`, tpsync's own colour and progress sequences kept. */
export function neutraliseControls(text: string): string {
  if (!ANY_CONTROL.test(text)) return text;
  return text.replace(CONTROL, (match) => (match.length > 1 ? match : `\\u${match.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

// eslint-disable-next-line no-control-regex -- escaping control characters is the point
const CONTROLS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * C0 and C1 control characters (but tab) — line feeds included — DEL, and the line and paragraph
 * separators, as `\uXXXX`: for text shown on one line (a line of a text diff, a debug log's body),
 * which must neither break the line nor move a terminal's cursor.
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
