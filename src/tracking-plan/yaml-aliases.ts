/**
 * YAML aliases (`*name`) and merge keys (`<<: *name`), measured before `yaml` expands them.
 *
 * An alias stands for a copy of its anchor's node, so a small file can stand for a huge one
 * ("billion laughs"): what is bounded is what the aliases and merge keys produce — every node a
 * copy adds — not how many aliases there are (2,000 aliases of a list of 60 properties stand
 * for 360,000 nodes, and every later check walks each copy). The count of anchors and aliases
 * is bounded too, because `yaml` finds an alias's anchor by scanning those written before it,
 * which takes time in the square of their number.
 *
 * One pass over the document, in document order, finds what each alias stands for (the last
 * node before it with that anchor, as `yaml` resolves it) and the size of each anchored node
 * with its own aliases expanded; an alias inside the node its anchor names (`&a [*a]`, or a
 * mapping whose merge key names the mapping itself) would make data without an end, and is
 * found where it stands. Iterative, so no document is deep enough to exhaust the stack.
 *
 * Pure: a parsed document in, the aliases' targets and the first problem out.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Document, type Node } from 'yaml';

/** Nodes that aliases and merge keys may add to a file, all together. */
export const MAX_ALIAS_NODES = 50_000;
/** Anchors and aliases in one file, together. */
export const MAX_ANCHORS_AND_ALIASES = 5_000;

export type AliasProblem =
  /** More anchors and aliases than `MAX_ANCHORS_AND_ALIASES`; `at` is the first one past it. */
  | { readonly kind: 'too-many'; readonly at: Node }
  /** At `at`, what the aliases produced passed `MAX_ALIAS_NODES`. */
  | { readonly kind: 'expansion'; readonly at: Node }
  /** The alias `at` stands inside the node its anchor names; `merge` when it is a merge key's value. */
  | { readonly kind: 'cycle'; readonly at: Node; readonly merge: boolean }
  /** A merge key's value that is not a mapping, an alias of one, or a list of those. */
  | { readonly kind: 'merge-source'; readonly at: Node };

export interface AliasIndex {
  /** The node each alias stands for. */
  readonly targets: ReadonlyMap<Alias, Node>;
  /** The first problem in document order; when set, `targets` is incomplete. */
  readonly problem?: AliasProblem;
}

/** How a node stands under a merge key: not at all, as its value, or as an item of a list that is its value. */
type Merge = 'none' | 'value' | 'item';

interface Child {
  readonly node: unknown;
  readonly merge: Merge;
}

interface Frame {
  readonly node: Node;
  readonly children: readonly Child[];
  next: number;
  /** The nodes this collection stands for so far, itself included. */
  size: number;
}

/** `<<` is a merge key when it is a plain scalar; `yaml` (with `merge: true`) reads it as a Symbol. */
export function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const value: unknown = key.value;
  return value === '<<' || (typeof value === 'symbol' && value.description === '<<');
}

/** Resolves and measures the document's aliases (see the file's comment). */
export function indexAliases(doc: Document): AliasIndex {
  const targets = new Map<Alias, Node>();
  const anchors = new Map<string, Node>();
  /** Anchored collections being walked: an alias to one of them stands inside it. */
  const open = new Set<Node>();
  /** Each anchored node's size, with the aliases inside it expanded. */
  const sizes = new Map<Node, number>();
  const stack: Frame[] = [];
  let marks = 0;
  let produced = 0;
  let problem: AliasProblem | undefined;

  /** The size of a scalar or an alias; a collection is pushed, to be measured when its children are. */
  const step = (value: unknown, merge: Merge): number => {
    if (isAlias(value)) {
      if (++marks > MAX_ANCHORS_AND_ALIASES) problem = { kind: 'too-many', at: value };
      const target = anchors.get(value.source);
      // An alias without an anchor before it is a syntax error `yaml` has reported already.
      if (target === undefined || problem !== undefined) return 1;
      targets.set(value, target);
      if (open.has(target)) {
        problem = { kind: 'cycle', at: value, merge: merge !== 'none' };
        return 1;
      }
      if (merge !== 'none' && !isMap(target) && !(merge === 'value' && isSeq(target))) {
        problem = { kind: 'merge-source', at: value };
        return 1;
      }
      const size = sizes.get(target) ?? 1;
      produced += size;
      if (produced > MAX_ALIAS_NODES) problem = { kind: 'expansion', at: value };
      return size;
    }
    if (!isScalar(value) && !isMap(value) && !isSeq(value)) return 1;
    if (value.anchor !== undefined && value.anchor !== null && value.anchor !== '') {
      if (++marks > MAX_ANCHORS_AND_ALIASES) problem = { kind: 'too-many', at: value };
      anchors.set(value.anchor, value);
    }
    if (merge === 'item' ? !isMap(value) : merge === 'value' && isScalar(value)) {
      problem = { kind: 'merge-source', at: value };
      return 1;
    }
    if (isScalar(value)) {
      if (value.anchor) sizes.set(value, 1);
      return 1;
    }
    if (value.anchor) open.add(value);
    const children: Child[] = [];
    if (isSeq(value)) {
      for (const item of value.items) children.push({ node: item, merge: merge === 'value' ? 'item' : 'none' });
    } else {
      for (const pair of value.items) {
        if (!isPair(pair)) continue;
        children.push({ node: pair.key, merge: 'none' });
        children.push({ node: pair.value, merge: isMergeKey(pair.key) ? 'value' : 'none' });
      }
    }
    stack.push({ node: value, children, next: 0, size: 1 });
    return 0;
  };

  step(doc.contents, 'none');
  while (stack.length > 0 && problem === undefined) {
    const frame = stack[stack.length - 1] as Frame;
    const child = frame.children[frame.next++];
    if (child !== undefined) {
      frame.size += step(child.node, child.merge);
      continue;
    }
    stack.pop();
    if (open.delete(frame.node)) sizes.set(frame.node, frame.size);
    const parent = stack[stack.length - 1];
    if (parent !== undefined) parent.size += frame.size;
  }
  return problem === undefined ? { targets } : { targets, problem };
}

const SHARE_HINT = 'to give many events one property, define it once under `properties:` and take it with `- use: <title>`';

/** The words of a problem, for the loader's located issue. */
export function describeAliasProblem(problem: AliasProblem): { code: string; message: string; hint: string } {
  switch (problem.kind) {
    case 'too-many':
      return {
        code: 'alias-bomb',
        message: `the file has more than ${MAX_ANCHORS_AND_ALIASES.toLocaleString('en-US')} YAML anchors and aliases; tpsync reads at most that many`,
        hint: `write the values out; ${SHARE_HINT}`,
      };
    case 'expansion':
      return {
        code: 'alias-bomb',
        message: `YAML aliases and merge keys expand the file by more than ${MAX_ALIAS_NODES.toLocaleString('en-US')} nodes by here; this looks like a "billion laughs" document`,
        hint: `write the repeated parts out, or reuse anchors without nesting them inside each other; ${SHARE_HINT}`,
      };
    case 'cycle':
      return problem.merge
        ? {
            code: 'alias-cycle',
            message: 'this merge key (`<<`) merges the mapping that holds it, so the data would never end',
            hint: 'merge a mapping anchored outside this one, or write the keys out',
          }
        : {
            code: 'alias-cycle',
            message: 'a YAML alias here stands inside the node its anchor names, so the data would never end',
            hint: 'point the alias (`*name`) at an anchor outside the node that holds it, or write the value out',
          };
    case 'merge-source':
      return {
        code: 'yaml-merge',
        message: 'a merge key (`<<`) takes a mapping, an alias of one, or a list of those',
        hint: 'write `<<: *name` where `&name` is on a mapping, or write the keys out',
      };
  }
}
