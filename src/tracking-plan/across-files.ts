/**
 * The checks that span the files of a plan: exactly one file holds `version` and `integration`
 * (together), a category is defined in one file only, and `compatibility:` sits in the header
 * file (compatibility-placement.ts). Each file leaves a few facts while its data is at hand
 * (`factsOf`); positions are looked up only for what is reported, since finding one may parse
 * the file again (js-yaml-source.ts). Pure.
 */
import type { Issue } from '../errors.js';
import { checkCompatibilityPlacement } from './compatibility-placement.js';
import { titleKey } from './semantic-rules.js';
import type { PathSegment, Position, SourceFile } from './source-file.js';

const HEADER_KEYS = ['version', 'integration'] as const;
type HeaderKey = (typeof HEADER_KEYS)[number];

/** What the checks across files need of one file. */
export interface FileFacts {
  readonly file: string;
  /** The header keys this file sets. */
  readonly headers: readonly HeaderKey[];
  /** Categories with a text title, in file order. */
  readonly categories: readonly { readonly index: number; readonly title: string }[];
  /** Whether the file is a mapping at all (a list or a scalar is reported by the schema check). */
  readonly isMapping: boolean;
  /** Whether the file has a `compatibility:` key. */
  readonly hasCompatibility: boolean;
  /** Where a path of the file is written (kept from its source: may parse the file again). */
  readonly locate: (path: readonly PathSegment[], part: 'key' | 'value') => Position;
}

/** The facts of one file, taken while its source is at hand. */
export function factsOf(source: SourceFile): FileFacts {
  const data = source.data;
  const isMapping = data !== null && typeof data === 'object' && !Array.isArray(data);
  const categories: { index: number; title: string }[] = [];
  categoryList(data).forEach((category, index) => {
    const title = category !== null && typeof category === 'object' ? (category as { title?: unknown }).title : undefined;
    if (typeof title === 'string') categories.push({ index, title });
  });
  return {
    file: source.file,
    headers: isMapping ? HEADER_KEYS.filter((key) => key in data) : [],
    categories,
    isMapping,
    hasCompatibility: isMapping && 'compatibility' in data,
    locate: (path, part) => source.locate(path, part),
  };
}

/** Every issue across files; `allPaths`: every file of the plan, those that did not parse included. */
export function checkAcrossFiles(facts: readonly FileFacts[], allPaths: readonly string[]): Issue[] {
  return [...checkHeaders(facts, allPaths), ...checkCategoryHomes(facts), ...checkCompatibilityPlacement(facts)];
}

function checkHeaders(sources: readonly FileFacts[], allPaths: readonly string[]): Issue[] {
  const issues: Issue[] = [];
  const holders: Record<HeaderKey, FileFacts[]> = { version: [], integration: [] };
  for (const source of sources) for (const key of source.headers) holders[key].push(source);
  const at = (source: FileFacts, key: HeaderKey): Position => source.locate([key], 'key');

  const firstFile = allPaths[0];
  const versionHolder = holders.version[0];
  const integrationHolder = holders.integration[0];
  // Only report a missing header when every file parsed as a mapping: a broken file may hold it.
  if (sources.length === allPaths.length && sources.every((s) => s.isMapping) && firstFile !== undefined) {
    const missing = HEADER_KEYS.filter((key) => holders[key].length === 0);
    if (missing.length > 0) {
      const other = HEADER_KEYS.find((key) => holders[key].length > 0);
      const target = other !== undefined ? holders[other][0] : undefined;
      const pos = target ? at(target, other ?? 'version') : { line: 1, column: 1 };
      issues.push({
        file: target?.file ?? firstFile,
        line: pos.line,
        column: pos.column,
        code: 'missing-header',
        message: missing.length === 2 ? '"version" and "integration" are missing' : `"${missing[0] ?? ''}" is missing`,
        hint:
          allPaths.length > 1
            ? 'exactly one file of the plan holds `version: 1` and `integration: <Secoda integration ID>`'
            : 'start the file with `version: 1` and `integration: <Secoda integration ID>`; tpsync manages only that integration',
      });
    }
  }
  for (const key of HEADER_KEYS) {
    const [first, ...rest] = holders[key];
    if (first === undefined) continue;
    for (const again of rest) {
      const firstPos = at(first, key);
      const pos = at(again, key);
      issues.push({
        file: again.file,
        line: pos.line,
        column: pos.column,
        code: 'duplicate-header',
        message: `"${key}" is set in more than one file; it is already set in ${first.file}:${firstPos.line}:${firstPos.column}`,
        hint: 'exactly one file of the plan holds `version` and `integration`; remove this one',
      });
    }
  }
  if (
    versionHolder &&
    integrationHolder &&
    versionHolder !== integrationHolder &&
    holders.version.length === 1 &&
    holders.integration.length === 1
  ) {
    const pos = at(integrationHolder, 'integration');
    const versionPos = at(versionHolder, 'version');
    issues.push({
      file: integrationHolder.file,
      line: pos.line,
      column: pos.column,
      code: 'split-header',
      message: `"integration" and "version" must be in the same file ("version" is in ${versionHolder.file}:${versionPos.line}:${versionPos.column})`,
      hint: 'move both to one file',
    });
  }
  return issues;
}

/** A category is defined in one file only (a repeat inside one file is reported by the semantic rules). */
function checkCategoryHomes(sources: readonly FileFacts[]): Issue[] {
  const issues: Issue[] = [];
  const titleAt = (source: FileFacts, index: number): Position => source.locate(['categories', index, 'title'], 'value');
  const homes = new Map<string, { readonly source: FileFacts; readonly index: number }>();
  for (const source of sources) {
    const seenHere = new Set<string>();
    for (const category of source.categories) {
      const key = titleKey(category.title);
      if (seenHere.has(key)) continue;
      seenHere.add(key);
      const home = homes.get(key);
      if (home === undefined) {
        homes.set(key, { source, index: category.index });
        continue;
      }
      const at = titleAt(source, category.index);
      const was = titleAt(home.source, home.index);
      issues.push({
        file: source.file,
        line: at.line,
        column: at.column,
        code: 'duplicate-category',
        message: `category ${JSON.stringify(category.title)} is already defined in ${home.source.file}:${was.line}:${was.column}`,
        hint: 'a category is defined in one file only; move these events into that file',
      });
    }
  }
  return issues;
}

function categoryList(data: unknown): unknown[] {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return [];
  const categories = (data as { categories?: unknown }).categories;
  return Array.isArray(categories) ? categories : [];
}
