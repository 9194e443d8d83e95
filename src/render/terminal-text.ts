/**
 * Text for a terminal or a CI log, where control characters act: ESC starts sequences that move
 * the cursor, erase lines, conceal text or set a window title; CR returns to the line's start;
 * bidirectional overrides reorder what is shown. Titles, enum values and payload event names come
 * from YAML, from Secoda and from production payloads, so any of them could rewrite what an
 * operator reads before typing "yes" (`"\u001b[1A\u001b[2K"` erases the line above: a delete).
 *
 * `neutraliseControls` shows every such character as its `\uXXXX` escape, except the sequences
 * tpsync itself writes: the colours of `style.ts` (SGR 1, 2, 22, 31, 32, 33, 36, 39) and the
 * progress line's `\r` + erase-line. Text from data may use those too; they only colour text or
 * clear the progress line, and hide nothing.
 */
import { ESCAPED_CHARACTER, hasEscapedCharacters } from '../tracking-plan/escaped-characters.js';

/** tpsync's own sequences, kept: the progress line's erase, its colours, CRLF. */
const OWN_SEQUENCES = String.raw`\r\u001b\[2K|\u001b\[(?:1|2|22|31|32|33|36|39)m|\r\n`;
const CONTROL = new RegExp(`${OWN_SEQUENCES}|${ESCAPED_CHARACTER}`, 'gu');

/** `text` with every character of ESCAPED_CHARACTER (escaped-characters.ts) shown as `\uXXXX` (each UTF-16 unit: also valid in JSON and YAML double quotes), tpsync's own colour and progress sequences kept. */
export function neutraliseControls(text: string): string {
  if (!hasEscapedCharacters(text)) return text;
  return text.replace(CONTROL, (match) => ((match[0] === '\r' || match[0] === '\u001b') && match.length > 1 ? match : unitEscapes(match)));
}

function unitEscapes(text: string): string {
  let escaped = '';
  for (let i = 0; i < text.length; i++) escaped += `\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return escaped;
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
