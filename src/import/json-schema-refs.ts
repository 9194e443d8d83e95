/**
 * Two shapes of JSON Schema that say something the plan can say, read before the mapping:
 * a `$ref` to a definition in the same document (followed, as if written in place) and an
 * `anyOf` / `oneOf` of a schema and `null` (a nullable value). References to other documents,
 * and references that come back to themselves, cannot be written out: they are noted.
 */
import { childPointer } from './import-note.js';
import { ANNOTATIONS, isRecord } from './json-schema-keywords.js';
import { leaveOutKeyword, note, type MapContext } from './map-context.js';
import type { SourcePlace } from './schema-places.js';

/** The schema a `$ref` points at, with the context to map it in; undefined (and noted) when it cannot be followed. */
export function followReference(
  schema: Record<string, unknown>,
  ctx: MapContext,
): { schema: unknown; place: SourcePlace; ctx: MapContext } | undefined {
  const ref = schema['$ref'];
  if (typeof ref !== 'string') {
    leaveOutKeyword(ctx, schema, '$ref', 'is not a string: left out, any value is accepted');
    return undefined;
  }
  const beside = Object.keys(schema).filter((key) => key !== '$ref' && !ANNOTATIONS.has(key));
  if (beside.length > 0) {
    note(
      ctx,
      ctx.places.keyword(schema, beside[0] ?? ''),
      `${beside.join(', ')} beside $ref: left out (the plan takes the referenced schema as it is)`,
    );
  }
  if (!ref.startsWith('#')) {
    leaveOutKeyword(ctx, schema, '$ref', `points outside this document (${ref}): left out, any value is accepted`);
    return undefined;
  }
  const steps = decodeFragment(ref.slice(1));
  let target: unknown = ctx.root;
  for (const step of steps ?? [])
    target = isRecord(target) || Array.isArray(target) ? (target as Record<string, unknown>)[step] : undefined;
  if (steps === undefined || target === undefined || (typeof target !== 'boolean' && !isRecord(target))) {
    leaveOutKeyword(ctx, schema, '$ref', `points at no schema in this document (${ref}): left out, any value is accepted`);
    return undefined;
  }
  if (typeof target === 'object' && ctx.following.includes(target)) {
    leaveOutKeyword(
      ctx,
      schema,
      '$ref',
      `refers back to a schema that holds it (${ref}), a recursive shape the plan cannot write: left out here`,
    );
    return undefined;
  }
  const rootPlace = isRecord(ctx.root) ? ctx.places.of(ctx.root, { file: '', pointer: '' }) : { file: '', pointer: '' };
  const place =
    typeof target === 'object'
      ? ctx.places.of(target, { file: rootPlace.file, pointer: childPointer(rootPlace.pointer, ...(steps ?? [])) })
      : { file: rootPlace.file, pointer: childPointer(rootPlace.pointer, ...(steps ?? [])) };
  return { schema: target, place, ctx: typeof target === 'object' ? { ...ctx, following: [...ctx.following, target] } : ctx };
}

/** `#/definitions/a~1b` → ["definitions", "a/b"]; undefined for a fragment that is not a JSON pointer (`#anchor`). */
function decodeFragment(fragment: string): string[] | undefined {
  if (fragment === '') return [];
  if (!fragment.startsWith('/')) return undefined;
  let text: string;
  try {
    text = decodeURIComponent(fragment);
  } catch {
    return undefined;
  }
  return text
    .slice(1)
    .split('/')
    .map((step) => step.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/**
 * `anyOf: [X, {type: null}]` (or `oneOf`, either order): X, nullable. Also a one-schema
 * `anyOf` / `oneOf` / `allOf`: that schema. Only when the schema says nothing else that constrains.
 */
export function singleBranch(
  schema: Record<string, unknown>,
): { branch: unknown; keyword: string; index: number; nullable: boolean } | undefined {
  const combined = ['anyOf', 'oneOf', 'allOf'].filter((key) => Object.hasOwn(schema, key));
  if (combined.length !== 1) return undefined;
  const keyword = combined[0] ?? '';
  if (Object.keys(schema).some((key) => key !== keyword && !ANNOTATIONS.has(key))) return undefined;
  const list = schema[keyword];
  if (!Array.isArray(list)) return undefined;
  if (list.length === 1) return { branch: list[0], keyword, index: 0, nullable: false };
  if (list.length !== 2 || keyword === 'allOf') return undefined;
  const nullAt = list.findIndex(isNullOnly);
  if (nullAt < 0 || isNullOnly(list[1 - nullAt])) return undefined;
  return { branch: list[1 - nullAt], keyword, index: 1 - nullAt, nullable: true };
}

/** A schema that `null` alone passes: `{type: "null"}`, `{enum: [null]}`, `{const: null}`. */
export function isNullOnly(schema: unknown): boolean {
  if (!isRecord(schema)) return false;
  const asserting = Object.keys(schema).filter((key) => !ANNOTATIONS.has(key));
  if (asserting.length !== 1) return false;
  const type = schema['type'];
  if (type === 'null' || (Array.isArray(type) && type.length === 1 && type[0] === 'null')) return true;
  const values = schema['enum'];
  if (Array.isArray(values) && values.length > 0 && values.every((value) => value === null)) return true;
  return Object.hasOwn(schema, 'const') && schema['const'] === null;
}
