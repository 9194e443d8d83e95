/**
 * One plan file as accept edits it: its text exactly as read (a byte-order mark, CRLF line
 * endings and all), the `yaml` document parsed from it for the source ranges of its nodes, and
 * splices: byte ranges of the text replaced by new text. Nothing is ever re-stringified: every
 * character outside a splice stays as it was. Pure.
 */
import { parseDocument, type Document } from 'yaml';
import { InternalError } from '../errors.js';

/** A change to a file's text: `[start, end)` (UTF-16 offsets, as `yaml` counts them) becomes `text`. */
export interface Splice {
  readonly start: number;
  readonly end: number;
  /** With `\n` line endings: turned into the file's own when applied. */
  readonly text: string;
  /**
   * For lines inserted where others are inserted too (the end of nested lists): the column they
   * are written at. The deeper go first, so that what closes a list comes after what joins it.
   */
  readonly column?: number;
}

export interface YamlText {
  readonly path: string;
  readonly text: string;
  readonly doc: Document;
  /** The file's line ending, from its first line break (`\n` when it has none). */
  readonly newline: '\n' | '\r\n';
}

/**
 * Parses `text` as the loader does (merge keys on, unique keys), keeping every offset.
 * @throws InternalError when it does not parse: accept edits only files the loader accepted.
 */
export function readYamlText(path: string, text: string): YamlText {
  const doc = parseDocument(text, { merge: true, uniqueKeys: true, strict: true, prettyErrors: false, keepSourceTokens: true });
  if (doc.errors.length > 0) throw new InternalError(`${path} does not parse as YAML any more (${doc.errors[0]?.message ?? ''})`);
  const firstBreak = text.indexOf('\n');
  return { path, text, doc, newline: firstBreak > 0 && text[firstBreak - 1] === '\r' ? '\r\n' : '\n' };
}

/**
 * The text with every splice made, each one's `\n` written as the file's line ending.
 * @throws InternalError when two splices overlap (two edits of one place: a bug).
 */
export function applySplices(file: YamlText, splices: readonly Splice[]): string {
  const ordered = [...splices].sort((a, b) => a.start - b.start || a.end - b.end || (b.column ?? 0) - (a.column ?? 0));
  let out = '';
  let at = 0;
  for (const splice of ordered) {
    if (splice.start < at) throw new InternalError(`two edits of ${file.path} overlap at offset ${splice.start}`);
    out += file.text.slice(at, splice.start) + (file.newline === '\n' ? splice.text : splice.text.replace(/\n/g, '\r\n'));
    at = splice.end;
  }
  return out + file.text.slice(at);
}

/** The offset where the line holding `pos` starts. */
export function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

/** The offset of the line break ending the line that holds `pos` (`\r` of a CRLF), or the text's length. */
export function lineBreakAt(text: string, pos: number): number {
  const next = text.indexOf('\n', pos);
  if (next < 0) return text.length;
  return next > 0 && text[next - 1] === '\r' ? next - 1 : next;
}

/**
 * The offset just past the line that holds the last character before `end` (a node's end: a
 * block node ends past its newline, a scalar at its last character): where a line inserted
 * after the node goes. The text's length when that line has no line break.
 */
export function afterLine(text: string, end: number): number {
  if (end > 0 && text[end - 1] === '\n') return end;
  const next = text.indexOf('\n', end);
  return next < 0 ? text.length : next + 1;
}

/** The column (0-based) of `pos` on its line. */
export function columnOf(text: string, pos: number): number {
  return pos - lineStart(text, pos);
}

/** The position of the first character at or after `pos` that is not a space or tab. */
export function skipBlanks(text: string, pos: number): number {
  let at = pos;
  while (at < text.length && (text[at] === ' ' || text[at] === '\t')) at++;
  return at;
}

/** `lines` joined with `\n`, each but the empty ones indented by `indent` spaces. */
export function indentLines(lines: readonly string[], indent: number): string {
  const pad = ' '.repeat(indent);
  return lines.map((line) => (line === '' ? '' : pad + line)).join('\n');
}
