/**
 * Every field write of one file, turned into splices — with YAML's sharing taken into account.
 * A value written once and used in several places (an anchor `&team` and its aliases `*team`)
 * must change only where Secoda changed it:
 *
 * - an alias whose place changed becomes the new value written out; the anchor stays;
 * - an anchored value that changed, with every alias changed alike, is edited once, in place;
 * - an anchored value that changed while some alias did not: the new value is written in place
 *   without the anchor, which moves — with the old value — to the first alias that keeps it
 *   (the later ones still find it); an old value over several lines is left for a person;
 * - a field inside a mapping that is itself shared (an alias or a merge key uses it, or it is
 *   reached through one) is left for a person: no edit there changes one place only.
 *
 * A field the mapping does not write (it may come from a merge key) gets its own key. Pure.
 */
import type { Alias, Node, Pair } from 'yaml';
import { aliasTargets, fieldSpot, sharedAncestor, type FoundMap } from './locate-nodes.js';
import type { ReferenceText } from './reference-text.js';
import { fresh, inPlaceOf, newKey, overValue, type WrittenValue } from './value-splices.js';
import { columnOf, type Splice, type YamlText } from './yaml-text.js';
import { appendAll } from '../arrays.js';

/** Whether two values of a field are the same to the planner. */
export type SameValue = (field: string, a: WrittenValue, b: WrittenValue) => boolean;

/** One field of one mapping to set to `value`. */
export interface FieldWrite {
  readonly map: FoundMap;
  readonly field: string;
  readonly value: WrittenValue;
}

export interface FileSplices {
  readonly splices: Splice[];
  /** The writes left for a person, with why. */
  readonly refused: Map<FieldWrite, string>;
}

interface SharedValue {
  owner?: { write: FieldWrite; pair: Pair };
  readonly aliasWrites: Map<Alias, { write: FieldWrite; pair: Pair }>;
}

/** The splices for `writes` in `file`, and the writes that cannot be made without changing other places. */
export function fieldSplices(file: YamlText, writes: readonly FieldWrite[], refs: ReferenceText, same: SameValue): FileSplices {
  const splices: Splice[] = [];
  const refused = new Map<FieldWrite, string>();
  const mayShare = /[&*]/.test(file.text) || file.text.includes('<<');
  const targets = mayShare ? aliasTargets(file.doc) : new Map<Alias, Node>();
  const used = new Set(targets.values());
  const shared = new Map<Node, SharedValue>();
  const share = (node: Node): SharedValue => {
    let entry = shared.get(node);
    if (entry === undefined) shared.set(node, (entry = { aliasWrites: new Map() }));
    return entry;
  };

  for (const write of writes) {
    if (write.map.throughAlias !== undefined) {
      refused.set(write, `it is written through the YAML alias *${write.map.throughAlias}, which other places use too; edit it by hand`);
      continue;
    }
    const ancestor = mayShare ? sharedAncestor(file.doc, write.map.map, targets) : undefined;
    if (ancestor !== undefined) {
      refused.set(write, `it is inside the YAML anchor &${ancestor}, which aliases or merge keys use elsewhere; edit it by hand`);
      continue;
    }
    const spot = fieldSpot(file.doc, write.map.map, write.field);
    if (spot.kind === 'absent') appendAll(splices, newKey(file, write.map.map, write.field, write.value, refs));
    else if (spot.kind === 'alias') share(spot.target).aliasWrites.set(spot.alias, { write, pair: spot.pair });
    else if (spot.node.anchor !== undefined && used.has(spot.node)) share(spot.node).owner = { write, pair: spot.pair };
    else appendAll(splices, overValue(file, spot.pair, spot.node, write.field, write.value, refs));
  }

  for (const [target, entry] of shared) {
    const aliases = [...targets].filter(([, to]) => to === target).map(([alias]) => alias);
    aliases.sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0));
    const owner = entry.owner;
    const alike =
      owner !== undefined &&
      aliases.every((alias) => {
        const other = entry.aliasWrites.get(alias)?.write;
        return other !== undefined && other.field === owner.write.field && same(other.field, other.value, owner.write.value);
      });
    if (owner !== undefined && alike) {
      appendAll(splices, overValue(file, owner.pair, target, owner.write.field, owner.write.value, refs));
      continue;
    }
    for (const { write, pair } of entry.aliasWrites.values()) appendAll(splices, overAlias(file, pair, write, refs));
    if (owner === undefined) continue;
    const moved = moveAnchor(
      file,
      target,
      aliases.find((alias) => !entry.aliasWrites.has(alias)),
    );
    if (moved === undefined) {
      refused.set(
        owner.write,
        `its value is the YAML anchor &${target.anchor ?? ''}, written over several lines, which aliases elsewhere keep; edit it by hand`,
      );
      continue;
    }
    appendAll(splices, moved, overValue(file, owner.pair, target, owner.write.field, owner.write.value, refs));
  }
  return { splices, refused };
}

/** The alias of `pair` replaced by the value written out. */
function overAlias(file: YamlText, pair: Pair, write: FieldWrite, refs: ReferenceText): Splice[] {
  const [start, end] = (pair.value as Node).range ?? [0, 0];
  const column = columnOf(file.text, ((pair.key as Node).range ?? [0])[0]);
  return inPlaceOf(file, pair, start, end, fresh(write.field, write.value, column, false, refs));
}

/**
 * The anchor of `target` taken off it and put, with the old value, in place of `keeper` (the
 * first alias that keeps the old value); undefined when the old value spans lines. No keeper
 * (every alias changes too): nothing to move.
 */
function moveAnchor(file: YamlText, target: Node, keeper: Alias | undefined): Splice[] | undefined {
  const [start, end] = target.range ?? [0, 0];
  const name = target.anchor ?? '';
  const old = file.text.slice(start, end);
  if (keeper !== undefined && /[\r\n]/.test(old)) return undefined;
  // Every alias takes the new value: the anchor may stay where it is, unused.
  if (keeper === undefined) return [];
  const mark = file.text.lastIndexOf(`&${name}`, start);
  const [from, to] = keeper.range ?? [0, 0];
  return [
    { start: mark, end: start, text: '' },
    { start: from, end: to, text: `&${name} ${old}` },
  ];
}
