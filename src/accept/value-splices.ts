/**
 * The splices that write one value where a field's value stands: over the value already there
 * (its style kept where the new value fits: scalar-text.ts; a list edited item by item:
 * list-edit.ts), in place of an alias (`*name`), or as a new key of a mapping. Only the value's
 * own characters change; a comment after it stays on its line. Pure.
 */
import { isScalar, isSeq, Scalar, type Node, type Pair, type YAMLMap } from 'yaml';
import { inlineItem, listSplices } from './list-edit.js';
import type { ReferenceText } from './reference-text.js';
import { renderFlag, renderText, type Chomping, type TextStyle, type ValueText } from './scalar-text.js';
import { afterLine, columnOf, lineBreakAt, type Splice, type YamlText } from './yaml-text.js';

/** A value accept writes: a text, a flag, or a list of references (IDs). */
export type WrittenValue = string | boolean | readonly string[];

/** A list written on one line while it stays this short, as `pull` writes lists. */
const FLOW_LIST_WIDTH = 72;

/** A fresh value: inline, a block scalar, or a block list's lines. */
type FreshText = ValueText | { readonly kind: 'list'; readonly lines: string[] };

/** Writes `value` over the value `node` of `pair` (not an alias). */
export function overValue(file: YamlText, pair: Pair, node: Node, field: string, value: WrittenValue, refs: ReferenceText): Splice[] {
  const [start, end] = node.range ?? [0, 0];
  if (typeof value === 'boolean') return [{ start, end, text: (renderFlag(value) as { text: string }).text }];
  if (typeof value !== 'string') {
    if (isSeq(node))
      return listSplices(node, value, {
        doc: file.doc,
        text: file.text,
        afterColon: afterColon(file, pair),
        key: (reference) => refs.key(field, reference),
        write: (id) => refs.write(field, id),
      });
    return inPlaceOf(file, pair, start, end, fresh(field, value, keyColumn(file, pair), false, refs));
  }
  const style = isScalar(node) ? styleOf(node.type) : undefined;
  if (style === 'literal' || style === 'folded') return overBlock(file, pair, start, end, value, style);
  const rendered = renderText(value, style, { keyColumn: keyColumn(file, pair), contentColumn: keyColumn(file, pair) + 2, inFlow: false });
  return inPlaceOf(file, pair, start, end, rendered);
}

/** Writes `value` where the inline text `[start, end)` stands (an alias, a scalar): the block's lines go below. */
export function inPlaceOf(file: YamlText, pair: Pair, start: number, end: number, written: FreshText): Splice[] {
  if (written.kind === 'inline') return [{ start, end, text: written.text }];
  const below = lineBreakAt(file.text, end);
  if (written.kind === 'block') {
    return [
      { start, end, text: written.header },
      { start: below, end: below, text: `\n${written.lines.join('\n')}` },
    ];
  }
  // A block list starts on the line after its key: what stood after the colon goes.
  return [
    { start: afterColon(file, pair), end, text: '' },
    { start: below, end: below, text: `\n${written.lines.join('\n')}` },
  ];
}

/** Adds `field: value` to `map`, after its last key (in a flow mapping, before its `}`). */
export function newKey(file: YamlText, map: YAMLMap, field: string, value: WrittenValue, refs: ReferenceText): Splice[] {
  const first = map.items[0];
  const last = map.items.at(-1);
  if (first === undefined || last === undefined) return [];
  const lastEnd = ((last.value as Node | null)?.range ?? (last.key as Node).range ?? [0, 0])[1];
  if (map.flow) {
    const written = fresh(field, value, 0, true, refs) as { text: string };
    return [{ start: lastEnd, end: lastEnd, text: `, ${field}: ${written.text}` }];
  }
  const column = columnOf(file.text, ((first.key as Node).range ?? [0])[0]);
  const at = afterLine(file.text, map.range?.[1] ?? lastEnd);
  const lead = at === file.text.length && !file.text.endsWith('\n') ? '\n' : '';
  const pad = ' '.repeat(column);
  const written = fresh(field, value, column, false, refs);
  const text =
    written.kind === 'inline'
      ? `${pad}${field}: ${written.text}\n`
      : written.kind === 'block'
        ? `${pad}${field}: ${written.header}\n${written.lines.join('\n')}\n`
        : `${pad}${field}:\n${written.lines.join('\n')}\n`;
  return [{ start: at, end: at, text: lead + text, column }];
}

/** A value written afresh at a key in column `column`: as `pull` writes it. */
export function fresh(field: string, value: WrittenValue, column: number, inFlow: boolean, refs: ReferenceText): FreshText {
  if (typeof value === 'boolean') return renderFlag(value);
  if (typeof value === 'string') return renderText(value, undefined, { keyColumn: column, contentColumn: column + 2, inFlow });
  const items = value.map((id) => inlineItem(refs.write(field, id)));
  if (inFlow || items.join(', ').length <= FLOW_LIST_WIDTH) return { kind: 'inline', text: `[${items.join(', ')}]` };
  const pad = ' '.repeat(column + 2);
  return { kind: 'list', lines: items.map((item) => `${pad}- ${item}`) };
}

/** A block scalar (`|`, `>`) rewritten: its header keeps its comment, its content its column. */
function overBlock(file: YamlText, pair: Pair, start: number, end: number, value: string, style: TextStyle): Splice[] {
  const headerEnd = lineBreakAt(file.text, start);
  const header = file.text.slice(start, headerEnd);
  const token = /^[|>][0-9+-]*/.exec(header)?.[0] ?? '|';
  const chomping: Chomping = token.includes('-') ? 'strip' : token.includes('+') ? 'keep' : 'clip';
  const column = keyColumn(file, pair);
  const indicator = /[1-9]/.exec(token)?.[0];
  const rendered = renderText(
    value,
    style,
    { keyColumn: column, contentColumn: contentColumn(file, headerEnd, end, column, indicator), inFlow: false },
    chomping,
  );
  const endsInBreak = file.text[end - 1] === '\n';
  const text = rendered.kind === 'block' ? `${rendered.header}${header.slice(token.length)}\n${rendered.lines.join('\n')}` : rendered.text;
  return [{ start, end: endsInBreak ? end - (file.text[end - 2] === '\r' ? 2 : 1) : end, text }];
}

/** The column of a block scalar's content: its indicator's, else its first line's that is not blank. */
function contentColumn(file: YamlText, headerEnd: number, end: number, keyColumn: number, indicator: string | undefined): number {
  if (indicator !== undefined) return keyColumn + Number(indicator);
  for (const line of file.text.slice(headerEnd, end).split(/\r?\n/)) {
    if (line.trim() !== '') return line.length - line.trimStart().length;
  }
  return keyColumn + 2;
}

function styleOf(type: Scalar['type']): TextStyle | undefined {
  switch (type) {
    case Scalar.PLAIN:
      return 'plain';
    case Scalar.QUOTE_SINGLE:
      return 'single';
    case Scalar.QUOTE_DOUBLE:
      return 'double';
    case Scalar.BLOCK_LITERAL:
      return 'literal';
    case Scalar.BLOCK_FOLDED:
      return 'folded';
    default:
      return undefined;
  }
}

function keyColumn(file: YamlText, pair: Pair): number {
  return columnOf(file.text, ((pair.key as Node).range ?? [0])[0]);
}

/** Just past the `:` after the key of `pair`. */
function afterColon(file: YamlText, pair: Pair): number {
  const keyEnd = ((pair.key as Node).range ?? [0, 0])[1];
  const colon = file.text.indexOf(':', keyEnd);
  return colon < 0 ? keyEnd : colon + 1;
}
