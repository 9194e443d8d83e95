/**
 * A text or flag written as YAML where a value stands, in the style the value had there when the
 * new value fits it: plain stays plain while it reads back as the same text (else it is quoted
 * the way `yaml` quotes, as `pull` writes), single and double quotes stay, and a block scalar
 * (`definition: |`) stays a block with its indentation and chomping. A value that spans lines
 * becomes a literal block (`|`), or a double-quoted string where a block could not keep it exact.
 * Every inline rendering is read back before it is used. Pure.
 */
import { Document, parse, Scalar } from 'yaml';
import { hasEscapedCharacters } from '../tracking-plan/escaped-characters.js';

/** How a scalar is written: `literal` is `|`, `folded` is `>`. */
export type TextStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

/** What a block scalar's header says about its final line breaks: `|` clip, `|-` strip, `|+` keep. */
export type Chomping = 'clip' | 'strip' | 'keep';

/** Where the value goes. */
export interface ValuePlace {
  /** The column of the key whose value this is: a block's content goes deeper than it. */
  readonly keyColumn: number;
  /** The column of a block's content lines (a block already there keeps its own). */
  readonly contentColumn: number;
  /** Inside `[…]` or `{…}`: only an inline value fits. */
  readonly inFlow: boolean;
}

/** An inline value, or a block scalar: its header (`|`, `|-`, `|2`…) and its lines, indented, without line breaks. */
export type ValueText =
  { readonly kind: 'inline'; readonly text: string } | { readonly kind: 'block'; readonly header: string; readonly lines: string[] };

/** `value` written where `place` says, in `current`'s style when it fits (`chomping`: the block's, when it was one). */
export function renderText(value: string, current: TextStyle | undefined, place: ValuePlace, chomping: Chomping = 'clip'): ValueText {
  // The planner reads CRLF and CR as LF (textIdentity): the YAML need not keep them.
  const text = value.replace(/\r\n?/g, '\n');
  const multiline = text.includes('\n');
  if (!place.inFlow && (multiline || current === 'literal' || current === 'folded') && suitsBlockScalar(text)) {
    return blockText(text, current === 'folded' && !multiline ? 'folded' : 'literal', place, chomping);
  }
  if (multiline) return { kind: 'inline', text: doubleQuoted(text) };
  return { kind: 'inline', text: inlineText(text, current, place.inFlow) };
}

/** A flag as YAML writes it. */
export function renderFlag(value: boolean): ValueText {
  return { kind: 'inline', text: value ? 'true' : 'false' };
}

/**
 * Whether a block scalar keeps `text` exact through editors: some text that is not all white
 * space, no trailing spaces (often stripped on save), no control or invisible characters (which
 * YAML would normalise or cannot show).
 */
export function suitsBlockScalar(text: string): boolean {
  if (text.trim() === '') return false;
  if (/[ \t]$/m.test(text)) return false;
  return !hasEscapedCharacters(text.replace(/\n/g, ''));
}

/** The inline text in `current`'s style, or the nearest style that reads back as `text`. */
function inlineText(text: string, current: TextStyle | undefined, inFlow: boolean): string {
  // What the terminal guard writes as `\uXXXX` means the same only in double quotes (as pull writes it).
  if (hasEscapedCharacters(text) || current === 'double') return doubleQuoted(text);
  const candidates: Scalar.Type[] = current === 'single' ? [Scalar.QUOTE_SINGLE] : [Scalar.PLAIN, Scalar.QUOTE_SINGLE];
  for (const type of candidates) {
    const written = stringify(text, type, inFlow);
    if (written !== undefined && readsBack(written, text, inFlow)) return written;
  }
  return doubleQuoted(text);
}

function doubleQuoted(text: string): string {
  return stringify(text, Scalar.QUOTE_DOUBLE, false) ?? JSON.stringify(text);
}

/**
 * `text` as `yaml` writes a scalar of `type` (falling back as it does: a plain `true` is quoted,
 * as in `pull`), on one line; undefined when it would take more than one.
 */
function stringify(text: string, type: Scalar.Type, inFlow: boolean): string | undefined {
  const scalar = new Scalar(text);
  scalar.type = type;
  const doc = new Document(inFlow ? [scalar] : scalar);
  if (inFlow) (doc.contents as unknown as { flow: boolean }).flow = true;
  const out = doc
    .toString({ lineWidth: 0, flowCollectionPadding: false, doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER })
    .replace(/\n$/, '');
  const inline = inFlow ? out.slice(1, -1) : out;
  return inline.includes('\n') ? undefined : inline;
}

function readsBack(written: string, text: string, inFlow: boolean): boolean {
  try {
    const data = parse(inFlow ? `[${written}]` : `k: ${written}`) as unknown;
    const value = inFlow ? (data as unknown[])[0] : (data as Record<string, unknown>)['k'];
    return value === text;
  } catch {
    return false;
  }
}

/**
 * A block scalar for `text` with its content at `place.contentColumn`: literal lines as they are;
 * folded (a single line only) the same. Final line breaks are the header's business: the text's
 * own are dropped and the chomping says what the YAML adds (the planner ignores them).
 */
function blockText(text: string, style: 'literal' | 'folded', place: ValuePlace, chomping: Chomping): ValueText {
  const body = text.replace(/\n+$/, '');
  const lines = body.split('\n');
  const firstContent = lines.find((line) => line !== '') ?? '';
  const column = Math.max(place.contentColumn, place.keyColumn + 1);
  // Content that starts with a space needs the indentation said, relative to the key's column.
  const indicator = firstContent.startsWith(' ') ? String(Math.min(9, column - place.keyColumn)) : '';
  const content = indicator === '' ? column : place.keyColumn + Number(indicator);
  const header = `${style === 'literal' ? '|' : '>'}${indicator}${chomping === 'strip' ? '-' : chomping === 'keep' ? '+' : ''}`;
  const pad = ' '.repeat(content);
  return { kind: 'block', header, lines: lines.map((line) => (line === '' ? '' : pad + line)) };
}
