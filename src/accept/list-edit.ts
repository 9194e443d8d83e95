/**
 * A list field (teams, owners, tags, …; compared as sets) rewritten minimally in its own style:
 * the items that stay keep their order and their text (comments, quotes and all), the items gone
 * from Secoda are removed, the new ones are appended after the last item — in a flow list
 * (`[a, b]`) as `, c`, in a block list (`- a`) as a line like the others. Pure.
 */
import { isAlias, isScalar, type Document, type Node, type YAMLSeq } from 'yaml';
import { renderText } from './scalar-text.js';
import { afterLine, columnOf, lineBreakAt, lineStart, type Splice } from './yaml-text.js';

/** What the edit needs to know of the list's place and its references. */
export interface ListPlace {
  readonly doc: Document;
  readonly text: string;
  /** Where the key's `:` ends: an emptied block list becomes ` []` from there. */
  readonly afterColon: number;
  /** The comparable form of an item (a reference: see reference-text.ts). */
  readonly key: (reference: string) => string;
  /** The text of an item to write, for the reference `value`. */
  readonly write: (value: string) => string;
}

/** The splices that make `list` hold `values` (as a set), or none when it does already. */
export function listSplices(list: YAMLSeq, values: readonly string[], place: ListPlace): Splice[] {
  const items = list.items as Node[];
  const wanted = new Set(values.map(place.key));
  const kept = items.map((item) => {
    const value = itemValue(place.doc, item);
    return value !== undefined && wanted.has(place.key(value));
  });
  const have = new Set(
    items
      .map((item) => itemValue(place.doc, item))
      .filter((v): v is string => v !== undefined)
      .map(place.key),
  );
  const added: string[] = [];
  for (const value of values) {
    const key = place.key(value);
    if (have.has(key)) continue;
    have.add(key);
    added.push(value);
  }
  if (added.length === 0 && kept.every(Boolean)) return [];
  return list.flow ? flowSplices(list, items, kept, added, place) : blockSplices(items, kept, added, place);
}

function flowSplices(
  list: YAMLSeq,
  items: readonly Node[],
  kept: readonly boolean[],
  added: readonly string[],
  place: ListPlace,
): Splice[] {
  const texts = added.map((value) => inlineItem(place.write(value)));
  const lastKept = kept.lastIndexOf(true);
  const splices: Splice[] = [];
  if (lastKept < 0) {
    // Nothing stays: the items (if any) make way for the new ones, between the brackets.
    const start = items.length > 0 ? range(items[0]!)[0] : (list.range?.[0] ?? 0) + 1;
    const end = items.length > 0 ? range(items.at(-1)!)[1] : start;
    return [{ start, end, text: texts.join(', ') }];
  }
  items.forEach((item, i) => {
    if (kept[i]) return;
    // Before the last item that stays: the item and the separator after it; after it: the separator before it and the item.
    if (i < lastKept) splices.push({ start: range(item)[0], end: range(items[i + 1]!)[0], text: '' });
    else splices.push({ start: range(items[i - 1]!)[1], end: range(item)[1], text: '' });
  });
  if (texts.length > 0) {
    const at = range(items[lastKept]!)[1];
    splices.push({ start: at, end: at, text: texts.map((t) => `, ${t}`).join('') });
  }
  return splices;
}

function blockSplices(items: readonly Node[], kept: readonly boolean[], added: readonly string[], place: ListPlace): Splice[] {
  const { text } = place;
  const dashes = items.map((item) => dashOf(text, range(item)[0]));
  const lineOf = (i: number) => lineStart(text, dashes[i]!);
  const endOf = (i: number) => (i + 1 < items.length ? lineOf(i + 1) : afterLine(text, range(items[i]!)[1]));
  const splices: Splice[] = [];
  if (added.length === 0 && !kept.some(Boolean)) {
    // Every item goes and none comes: an empty list, written on the key's line.
    const last = items.length - 1;
    return [{ start: place.afterColon, end: lineBreakAt(text, range(items[last]!)[1] - 1), text: ' []' }];
  }
  items.forEach((_, i) => {
    if (!kept[i]) splices.push({ start: lineOf(i), end: endOf(i), text: '' });
  });
  if (added.length > 0) {
    const pad = ' '.repeat(columnOf(text, dashes[0]!));
    const at = afterLine(text, range(items.at(-1)!)[1]);
    const lead = at === text.length && !text.endsWith('\n') ? '\n' : '';
    const lines = added.map((value) => `${pad}- ${inlineItem(place.write(value))}\n`);
    splices.push({ start: at, end: at, text: lead + lines.join(''), column: pad.length });
  }
  return splices;
}

/**
 * The text of an item: plain when it reads back as the same text inside `[…]` (the stricter of
 * the two list styles, so one rule serves both), else quoted.
 */
export function inlineItem(value: string): string {
  const written = renderText(value, 'plain', { keyColumn: 0, contentColumn: 2, inFlow: true });
  return written.kind === 'inline' ? written.text : JSON.stringify(value);
}

function itemValue(doc: Document, item: Node): string | undefined {
  const node = isAlias(item) ? item.resolve(doc) : item;
  if (!isScalar(node)) return undefined;
  const value: unknown = node.value;
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

function range(node: Node): readonly [number, number, number] {
  return node.range ?? [0, 0, 0];
}

/** Where the `-` of a block list's item whose value starts at `valueStart` is. */
function dashOf(text: string, valueStart: number): number {
  let at = valueStart - 1;
  while (at > 0 && text[at] !== '-') at--;
  return at;
}
