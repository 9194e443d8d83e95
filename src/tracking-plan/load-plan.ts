/**
 * Loads a tracking plan from the bytes of its files: parse (with positions), check the
 * schema, check the semantic rules, merge the files, normalise. Pure: no file system here
 * (read-plan-files.ts is the edge that reads them).
 */
import { sortIssues, type Issue } from './issue.js';
import { checkSchema } from './schema-check.js';
import type { CategoryFile, EventFile, PropertyFile, TrackingPlanFile } from './schema-types.js';
import { checkSemantics, enumValueText, titleKey } from './semantic-rules.js';
import { COMMON_FIELDS, type CommonFields, type PlanCategory, type PlanEvent, type PlanProperty, type TrackingPlan } from './types.js';
import { parseYamlSource, type PathSegment, type SourceFile } from './yaml-source.js';

export interface PlanFileInput {
  /** The path shown in messages. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

export type LoadResult = { ok: true; plan: TrackingPlan } | { ok: false; issues: Issue[] };

export function loadTrackingPlan(files: readonly PlanFileInput[]): LoadResult {
  const ordered = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const issues: Issue[] = [];
  const sources: SourceFile[] = [];
  for (const file of ordered) {
    const parsed = parseYamlSource(file.path, file.bytes);
    if (!parsed.ok) {
      issues.push(...parsed.issues);
      continue;
    }
    issues.push(...checkSchema(parsed.source), ...checkSemantics(parsed.source));
    sources.push(parsed.source);
  }
  issues.push(...checkAcrossFiles(sources, ordered.map((f) => f.path)));
  if (issues.length > 0) return { ok: false, issues: sortIssues(issues) };
  return { ok: true, plan: normalise(sources) };
}

function checkAcrossFiles(sources: readonly SourceFile[], allPaths: readonly string[]): Issue[] {
  const issues: Issue[] = [];
  const at = (source: SourceFile, path: PathSegment[], part: 'key' | 'value' = 'key') => source.locate(path, part);
  const headerKeys = ['version', 'integration'] as const;
  const holders: Record<(typeof headerKeys)[number], SourceFile[]> = { version: [], integration: [] };
  for (const source of sources) {
    const data = source.data;
    if (data === null || typeof data !== 'object' || Array.isArray(data)) continue;
    for (const key of headerKeys) if (key in data) holders[key].push(source);
  }

  const firstFile = allPaths[0];
  const versionHolder = holders.version[0];
  const integrationHolder = holders.integration[0];
  // Only report a missing header when every file parsed: a file with syntax errors may hold it.
  if (sources.length === allPaths.length && firstFile !== undefined) {
    const missing = headerKeys.filter((key) => holders[key].length === 0);
    if (missing.length > 0) {
      const other = headerKeys.find((key) => holders[key].length > 0);
      const target = other !== undefined ? holders[other][0] : undefined;
      const pos = target ? at(target, [other ?? 'version']) : { line: 1, column: 1 };
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
  for (const key of headerKeys) {
    const [first, ...rest] = holders[key];
    if (first === undefined) continue;
    const firstPos = at(first, [key]);
    for (const again of rest) {
      const pos = at(again, [key]);
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
  if (versionHolder && integrationHolder && versionHolder !== integrationHolder && holders.version.length === 1 && holders.integration.length === 1) {
    const pos = at(integrationHolder, ['integration']);
    const versionPos = at(versionHolder, ['version']);
    issues.push({
      file: integrationHolder.file,
      line: pos.line,
      column: pos.column,
      code: 'split-header',
      message: `"integration" and "version" must be in the same file ("version" is in ${versionHolder.file}:${versionPos.line}:${versionPos.column})`,
      hint: 'move both to one file',
    });
  }

  // A category is defined in one file only.
  const categoryHome = new Map<string, { source: SourceFile; index: number }>();
  for (const source of sources) {
    const categories = categoryList(source.data);
    const seenHere = new Set<string>();
    categories.forEach((category, index) => {
      if (category === null || typeof category !== 'object' || typeof (category as { title?: unknown }).title !== 'string') return;
      const key = titleKey((category as { title: string }).title);
      if (seenHere.has(key)) return; // a repeat inside one file is reported by the semantic rules
      seenHere.add(key);
      const home = categoryHome.get(key);
      if (home === undefined) {
        categoryHome.set(key, { source, index });
        return;
      }
      const pos = at(source, ['categories', index, 'title'], 'value');
      const homePos = at(home.source, ['categories', home.index, 'title'], 'value');
      issues.push({
        file: source.file,
        line: pos.line,
        column: pos.column,
        code: 'duplicate-category',
        message: `category ${JSON.stringify((category as { title: string }).title)} is already defined in ${home.source.file}:${homePos.line}:${homePos.column}`,
        hint: 'a category is defined in one file only; move these events into that file',
      });
    });
  }
  return issues;
}

function categoryList(data: unknown): unknown[] {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return [];
  const categories = (data as { categories?: unknown }).categories;
  return Array.isArray(categories) ? categories : [];
}

/** Called only when every check passed, so the data has the schema's shape. */
function normalise(sources: readonly SourceFile[]): TrackingPlan {
  let integration = '';
  const categories: PlanCategory[] = [];
  for (const source of sources) {
    const data = source.data as TrackingPlanFile;
    if (data.integration !== undefined) integration = data.integration;
    (data.categories ?? []).forEach((category, c) => {
      categories.push(normaliseCategory(source, category, ['categories', c]));
    });
  }
  return { version: 1, integration, categories };
}

function sourceRef(source: SourceFile, path: PathSegment[]) {
  const pos = source.locate(path);
  return { file: source.file, line: pos.line, column: pos.column };
}

function normaliseCategory(source: SourceFile, category: CategoryFile, path: PathSegment[]): PlanCategory {
  return {
    title: category.title,
    ...(category.teams === undefined ? {} : { teams: [...category.teams] }),
    events: (category.events ?? []).map((event, e) => normaliseEvent(source, event, [...path, 'events', e])),
    source: sourceRef(source, path),
  };
}

function normaliseEvent(source: SourceFile, event: EventFile, path: PathSegment[]): PlanEvent {
  return {
    title: event.title,
    ...commonFields(event),
    properties: (event.properties ?? []).map((property, p) => normaliseProperty(source, property, [...path, 'properties', p])),
    source: sourceRef(source, path),
  };
}

function normaliseProperty(source: SourceFile, property: PropertyFile, path: PathSegment[]): PlanProperty {
  return {
    title: property.title,
    ...(property.type === undefined ? {} : { type: property.type }),
    ...(property.enum === undefined ? {} : { enum: property.enum.map((value, i) => enumValueText(source, [...path, 'enum', i], value)) }),
    ...(property.required === undefined ? {} : { required: property.required }),
    ...commonFields(property),
    source: sourceRef(source, path),
  };
}

function commonFields(node: CommonFields): CommonFields {
  const fields: CommonFields = {};
  for (const field of COMMON_FIELDS) {
    const value = node[field];
    if (value === undefined) continue;
    (fields as Record<string, unknown>)[field] = Array.isArray(value) ? [...value] : value;
  }
  return fields;
}
