/**
 * What a plan file's YAML may hold before anything costly is done with it: mappings of at most
 * MAX_KEYS_PER_MAPPING keys, nested at most MAX_NESTING deep, and no key written twice in one
 * mapping.
 *
 * `yaml` checks the keys of a mapping for repeats by comparing each new key with every key
 * before it, which takes time in the square of their number (20,000 keys: 14 s; 80,000: minutes).
 * So the loader parses with that check off, and this one pass does it instead, with a set per
 * mapping and the same equality (`a === b`, or two scalars with `===` values), finding each
 * repeat where `yaml` would (yaml-route.ts reports it with `yaml`'s message). Iterative, so no document is
 * deep enough to exhaust the stack; nesting past the bound is refused before any recursive
 * code (`toJS`, the checks) meets it.
 *
 * Pure: a parsed document in, the first problem (with its offset in the text) out.
 */
import { isMap, isPair, isScalar, isSeq, type Document } from 'yaml';

/** Keys one mapping may hold: a plan's mappings hold a few dozen; far more is a mistake or an attack. */
export const MAX_KEYS_PER_MAPPING = 10_000;
/** Mappings and lists inside one another: a plan nests about 8 deep (categories → events → properties → enum). */
export const MAX_NESTING = 100;

/** Why a document is refused, and where (an offset in its text). */
export interface BoundProblem {
  readonly code: 'too-many-keys' | 'nested-too-deeply';
  readonly message: string;
  readonly hint: string;
  readonly offset: number;
}

/** What the pass found: a problem that refuses the file, and where keys repeat (offsets, in document order). */
export interface BoundsFound {
  readonly problem?: BoundProblem;
  readonly repeatedKeys: readonly number[];
}

/** The message of a nesting past what the parser's stack holds, and the hint for it. */
export const NESTED_TOO_DEEPLY = {
  code: 'nested-too-deeply',
  message: `the YAML is nested too deeply (more than ${MAX_NESTING} lists and mappings inside one another)`,
  hint: 'a plan nests categories → events → properties → enum; flatten this part of the file',
} as const;

/** The refusal of a mapping past MAX_KEYS_PER_MAPPING keys, at `offset`: the first key past the bound. */
export function tooManyKeys(offset: number): BoundProblem {
  return {
    code: 'too-many-keys',
    message: `a mapping holds more than ${MAX_KEYS_PER_MAPPING.toLocaleString('en-US')} keys (this is key ${(MAX_KEYS_PER_MAPPING + 1).toLocaleString('en-US')})`,
    hint: 'a plan file’s mappings hold a few dozen keys; check the indentation here, or split the file',
    offset,
  };
}

/** The first bound `doc` passes, and where its keys repeat. */
export function checkYamlBounds(doc: Document): BoundsFound {
  const repeatedKeys: number[] = [];
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() ?? { node: null, depth: 0 };
    if (!isMap(node) && !isSeq(node)) continue;
    const start = node.range?.[0] ?? 0;
    if (depth > MAX_NESTING) return { problem: { ...NESTED_TOO_DEEPLY, offset: start }, repeatedKeys };
    if (isMap(node) && node.items.length > MAX_KEYS_PER_MAPPING) {
      const past = node.items[MAX_KEYS_PER_MAPPING];
      const key: unknown = isPair(past) ? past.key : undefined;
      const offset = isScalar(key) || isMap(key) || isSeq(key) ? (key.range?.[0] ?? start) : start;
      return { problem: tooManyKeys(offset), repeatedKeys };
    }
    const seen = new Set<unknown>();
    for (const item of node.items) {
      if (isPair(item)) {
        const key: unknown = item.key;
        if (isMap(node) && isScalar(key) && !(typeof key.value === 'number' && Number.isNaN(key.value))) {
          if (seen.has(key.value)) repeatedKeys.push(key.range?.[0] ?? start);
          else seen.add(key.value);
        }
        stack.push({ node: key, depth: depth + 1 }, { node: item.value, depth: depth + 1 });
      } else stack.push({ node: item, depth: depth + 1 });
    }
  }
  return { repeatedKeys: repeatedKeys.sort((a, b) => a - b) };
}
