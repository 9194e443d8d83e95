/**
 * Positions in a document parsed by `yaml`: where a path into its data is written (its key or its
 * value), and the text a scalar was written as. A path that goes through an alias (`*name`) or
 * a merge key (`<<: *name`) is placed at the alias: what lies beyond it is written at the
 * anchor, elsewhere, but it is that place of the document that holds it. Pure.
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Alias,
  type Document,
  type LineCounter,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';
import type { PathSegment, Position } from './source-file.js';
import { isMergeKey } from './yaml-aliases.js';

/** Where paths into one document are written. */
export interface DocumentPositions {
  locate(path: readonly PathSegment[], part: 'key' | 'value'): Position;
  sourceText(path: readonly PathSegment[]): string | undefined;
}

/** `targets`: what each alias stands for (yaml-aliases.ts), found once rather than by a search of the document per alias. */
export function documentPositions(doc: Document, lineCounter: LineCounter, targets: ReadonlyMap<Alias, Node>): DocumentPositions {
  const keys = new KeyIndexes();
  return {
    locate: (path, part) => {
      const found = walk(targets, keys, doc, path);
      // Reached through an alias (`*p`): the alias is where this part of the document is written.
      const node = found.alias ?? (part === 'key' && found.complete && found.key ? found.key : found.node);
      const offset = node?.range?.[0] ?? 0;
      const pos = lineCounter.linePos(offset);
      return { line: pos.line, column: pos.col };
    },
    sourceText: (path) => {
      const found = walk(targets, keys, doc, path);
      if (!found.complete || !isScalar(found.node)) return undefined;
      return typeof found.node.source === 'string' ? found.node.source : undefined;
    },
  };
}

interface WalkResult {
  /** The deepest node reached. */
  node: Node | null;
  /** The key node of the last step, when the last step was a mapping key. */
  key: Node | null;
  /** Whether the whole path was found. */
  complete: boolean;
  /**
   * The first alias (`*name`) the path went through, when it went through one: what lies beyond it
   * is written at the anchor, elsewhere, but it is this place of the document that holds it.
   */
  alias: Node | null;
}

/**
 * Each mapping's pairs by key text, the first pair written for a key winning (as a scan would
 * find it), built the first time a path steps into the mapping: locating one issue per key of a
 * mapping of thousands of keys stays linear.
 */
class KeyIndexes {
  private readonly byMap = new WeakMap<YAMLMap, Map<string, Pair>>();

  pair(map: YAMLMap, key: string): Pair | undefined {
    let index = this.byMap.get(map);
    if (index === undefined) {
      index = new Map();
      for (const pair of map.items) {
        if (isPair(pair) && isScalar(pair.key)) {
          const text = String(pair.key.value);
          if (!index.has(text)) index.set(text, pair);
        }
      }
      this.byMap.set(map, index);
    }
    return index.get(key);
  }
}

function walk(targets: ReadonlyMap<Alias, Node>, keys: KeyIndexes, doc: Document, path: readonly PathSegment[]): WalkResult {
  let alias: Node | null = isAlias(doc.contents) ? doc.contents : null;
  let node = resolve(targets, doc.contents);
  let key: Node | null = null;
  for (const segment of path) {
    const next = step(targets, keys, node, segment);
    if (!next) return { node, key: null, complete: false, alias };
    alias ??= next.alias;
    node = next.value ?? next.key;
    key = next.key;
  }
  return { node, key, complete: true, alias };
}

interface Step {
  key: Node | null;
  value: Node | null;
  /** The alias the step went through, if the value was written as one. */
  alias: Node | null;
}

function step(targets: ReadonlyMap<Alias, Node>, keys: KeyIndexes, node: Node | null, segment: PathSegment): Step | undefined {
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return isNodeLike(item) ? { key: null, value: resolve(targets, item), alias: isAlias(item) ? item : null } : undefined;
  }
  if (isMap(node)) return findInMap(targets, keys, node, String(segment), 0);
  return undefined;
}

function findInMap(targets: ReadonlyMap<Alias, Node>, keys: KeyIndexes, map: YAMLMap, key: string, depth: number): Step | undefined {
  if (depth > 20) return undefined;
  const pair = keys.pair(map, key);
  if (pair !== undefined && isScalar(pair.key)) {
    return {
      key: pair.key,
      value: isNodeLike(pair.value) ? resolve(targets, pair.value) : null,
      alias: isAlias(pair.value) ? pair.value : null,
    };
  }
  // Keys that arrive through a `<<` merge key live in the merged mapping(s).
  for (const pair of map.items) {
    if (!isPair(pair) || !isMergeKey(pair.key)) continue;
    const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
    for (const source of sources) {
      const merged = isNodeLike(source) ? resolve(targets, source) : null;
      if (isMap(merged)) {
        const found = findInMap(targets, keys, merged, key, depth + 1);
        // Brought in by `<<: *name`: that line is where this mapping says it.
        if (found) return { ...found, alias: isAlias(source) ? source : found.alias };
      }
    }
  }
  return undefined;
}

/** The node itself, or what an alias stands for (an anchor is never on an alias, so one step is enough). */
function resolve(targets: ReadonlyMap<Alias, Node>, node: unknown): Node | null {
  const current: unknown = isAlias(node) ? targets.get(node) : node;
  return isNodeLike(current) ? current : null;
}

function isNodeLike(value: unknown): value is Node {
  return isScalar(value) || isMap(value) || isSeq(value) || isAlias(value);
}
