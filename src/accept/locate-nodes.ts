/**
 * Where a category, an event, a property, a shared definition or one of their fields is written
 * in a plan file's YAML: the node to edit, and whether it is one the file shares (reached through
 * an alias, or an anchor that aliases or merge keys use elsewhere), which an edit in place would
 * change in more than one place. Identity is the title, exactly as the YAML writes it (the plan's
 * titles are the YAML's). Pure.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Alias, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { isMergeKey } from '../tracking-plan/yaml-aliases.js';

/** A mapping found by titles, and whether an alias on the way leads to it (then it is shared). */
export interface FoundMap {
  readonly map: YAMLMap;
  /** The alias on the way, by its anchor's name: an edit there would change every place that uses it. */
  readonly throughAlias?: string;
}

/** A field of a mapping, as written there. */
export type FieldSpot =
  /** Written in the mapping: `node` is its value (a scalar, a list), maybe anchored. */
  | { readonly kind: 'value'; readonly pair: Pair; readonly node: Node }
  /** Written in the mapping as an alias (`owners: *team`): `target` is the anchored node. */
  | { readonly kind: 'alias'; readonly pair: Pair; readonly alias: Alias; readonly target: Node }
  /** Not written in the mapping (it may come from a merge key `<<`): a key is added. */
  | { readonly kind: 'absent' };

/** The value of `key` in `map`, aliases resolved; undefined when it is not written there. */
export function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((pair) => isScalar(pair.key) && pair.key.value === key);
}

/** Every alias of the document with the node it stands for. */
export function aliasTargets(doc: Document): Map<Alias, Node> {
  const targets = new Map<Alias, Node>();
  visit(doc, {
    Alias(_, alias) {
      const target = alias.resolve(doc);
      if (target !== undefined) targets.set(alias, target);
    },
  });
  return targets;
}

/** The root mapping of a plan file (the loader accepted nothing else). */
export function rootMap(doc: Document): YAMLMap | undefined {
  return isMap(doc.contents) ? doc.contents : undefined;
}

/**
 * The item of the list `key` of `map` whose `title` (or, with `use`, whose `use`) is `title`.
 * Items and the list may be aliases: then the result says so.
 */
export function findItem(doc: Document, found: FoundMap, key: string, title: string, use = false): FoundMap | undefined {
  const pair = pairOf(found.map, key);
  if (pair === undefined) return undefined;
  let via = found.throughAlias;
  let list: unknown = pair.value;
  if (isAlias(list)) {
    via ??= list.source;
    list = list.resolve(doc);
  }
  if (!isSeq(list)) return undefined;
  for (const item of list.items) {
    let node: unknown = item;
    let itemVia = via;
    if (isAlias(node)) {
      itemVia ??= node.source;
      node = node.resolve(doc);
    }
    if (!isMap(node)) continue;
    const named =
      scalarValue(doc, pairOf(node, 'title')?.value) === title || (use && scalarValue(doc, pairOf(node, 'use')?.value) === title);
    if (named) return { map: node, ...(itemVia === undefined ? {} : { throughAlias: itemVia }) };
  }
  return undefined;
}

/** How `field` is written in `map`. */
export function fieldSpot(doc: Document, map: YAMLMap, field: string): FieldSpot {
  const pair = pairOf(map, field);
  if (pair === undefined || !isPair(pair)) return { kind: 'absent' };
  const value = pair.value;
  if (isAlias(value)) {
    const target = value.resolve(doc);
    if (target !== undefined) return { kind: 'alias', pair, alias: value, target: target as Node };
  }
  return { kind: 'value', pair, node: value as Node };
}

/** Whether `map` has a merge key (`<<: *base`): a field it does not write may come from there. */
export function hasMergeKey(map: YAMLMap): boolean {
  return map.items.some((pair) => isMergeKey(pair.key));
}

/**
 * The anchor of `map` or of a collection that holds it, when an alias or a merge key elsewhere
 * uses it: editing a field inside would change those places too.
 */
export function sharedAncestor(doc: Document, map: YAMLMap, targets: ReadonlyMap<Alias, Node>): string | undefined {
  const used = new Set(targets.values());
  let shared: string | undefined;
  const path: Node[] = [];
  visit(doc, {
    Map(_, node, ancestors) {
      if (node !== map) return undefined;
      for (const ancestor of ancestors) if (isMap(ancestor) || isSeq(ancestor)) path.push(ancestor);
      path.push(node);
      return visit.BREAK;
    },
  });
  for (const node of path) if (node.anchor !== undefined && used.has(node)) shared = node.anchor;
  return shared;
}

function scalarValue(doc: Document, node: unknown): unknown {
  const resolved = isAlias(node) ? node.resolve(doc) : node;
  return isScalar(resolved) ? resolved.value : undefined;
}
