/**
 * Loads a tracking plan from the bytes of its files: parse (with positions), check the
 * schema, check the semantic rules, merge the files, normalise, expand shared property
 * definitions and check the governance rules (plan-language.ts). Pure: no file system here
 * (read-plan-files.ts is the edge that reads them).
 */
import type { RulesConfig } from '../rules/rules-config.js';
import { checkCompatibilityPlacement } from './compatibility-placement.js';
import { checkDeprecations } from './deprecation-rules.js';
import { isWarning, type Issue } from './issue.js';
import { PlanLanguage } from './plan-language.js';
import { checkSchema } from './schema-check.js';
import type { CategoryFile, EventFile, PropertyFile, PropertyUseFile, TrackingPlanFile } from './schema-types.js';
import { sharedUseOf } from './shared-definitions.js';
import { checkSemantics, enumValueText, titleKey } from './semantic-rules.js';
import {
  COMMON_FIELDS,
  type CommonFields,
  type CompatibilityLevel,
  type Deprecation,
  type PlanCategory,
  type PlanEvent,
  type PlanProperty,
  type TrackingPlan,
} from './types.js';
import { StringPool } from './string-pool.js';
import { parseYamlSource, type PathSegment, type Position, type SourceFile, type SourceResult } from './yaml-source.js';

export interface PlanFileInput {
  /** The path shown in messages. */
  readonly path: string;
  readonly bytes: Uint8Array;
  /** `parseYamlSource(path, bytes)`, when the caller parsed the file already (to overlap it with other work). */
  readonly parsed?: SourceResult;
}

/** `warnings` (and, when not ok, `issues`) may hold warnings: `level: 'warning'`. */
export type LoadResult = { ok: true; plan: TrackingPlan; warnings: Issue[] } | { ok: false; issues: Issue[] };

export interface LoadOptions {
  /** Today as YYYY-MM-DD, for the warnings about deprecation sunsets that have come; none without it. */
  readonly today?: string;
  /**
   * `enforce` (the default, `validate`): a rule violation at level error makes the plan invalid.
   * `report` (`plan`, `apply`): rule violations come back as warnings, so a rule never blocks a deploy.
   */
  readonly ruleErrors?: 'enforce' | 'report';
  /** Check these rules instead of the plan's own `rules:` (for a baseline, with today's rules). */
  readonly rules?: RulesConfig;
  /** The plan's files at a baseline (`validate --baseline`): rule violations they have too are not reported. */
  readonly baseline?: readonly PlanFileInput[];
}

/**
 * Loads a plan from its files' bytes: every issue with file, line and column, or the plan.
 * Positions are found only for what is reported (yaml-source.ts).
 */
export function loadTrackingPlan(files: readonly PlanFileInput[], options: LoadOptions = {}): LoadResult {
  const steps = loadTrackingPlanSteps(files, options);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/**
 * `loadTrackingPlan` in steps: the generator yields after each part of each file's work (its
 * parse, its checks, its normalising) and returns the same result at the end. A caller that has requests in flight
 * (plan and apply read Secoda meanwhile) gives the event loop a turn at each yield, so answers
 * are taken in while a large plan loads, not after it. Pure: the caller decides what a turn is.
 */
export function* loadTrackingPlanSteps(files: readonly PlanFileInput[], options: LoadOptions = {}): Generator<void, LoadResult> {
  const ordered = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  let compatibility: Record<string, CompatibilityLevel> | undefined;
  const facts: FileFacts[] = [];
  let integration = '';
  const categories: PlanCategory[] = [];
  const definitions: PlanProperty[] = [];
  const pool = new StringPool();
  // Shared definitions and rules span files; the loader feeds it each file in turn.
  const language = new PlanLanguage(ordered, options, parseYamlSource, loadTrackingPlan);
  // One file at a time: its YAML document (many times the size of the text) is dropped once the
  // file is checked and normalised, so a plan of 100,000 properties never holds every file's
  // document at once. Only small facts stay for the checks across files.
  for (const file of ordered) {
    const parsed = language.parse(file);
    if (!parsed.ok) {
      issues.push(...parsed.issues);
      continue;
    }
    const source = parsed.source;
    // Steps of a few ms: an answer that arrives meanwhile waits no longer than one of them.
    yield;
    issues.push(...checkSchema(source), ...checkSemantics(source));
    for (const found of checkDeprecations(source, options.today)) (isWarning(found) ? warnings : issues).push(found);
    language.checkFile(source);
    facts.push(factsOf(source));
    // Once anything is wrong no plan is returned, so the rest need not be normalised.
    if (issues.length === 0) {
      yield;
      const normalised = normaliseFile(source, pool);
      if (normalised.integration !== undefined) integration = normalised.integration;
      if (normalised.compatibility !== undefined) compatibility = normalised.compatibility;
      categories.push(...normalised.categories);
      definitions.push(...normalised.definitions);
    }
    yield;
  }
  issues.push(
    ...checkAcrossFiles(
      facts,
      ordered.map((f) => f.path),
    ),
    ...checkCompatibilityPlacement(facts),
  );
  const plan: TrackingPlan | undefined =
    issues.length > 0 ? undefined : { version: 1, integration, categories, ...(compatibility === undefined ? {} : { compatibility }) };
  return language.finish([...issues, ...warnings], plan, definitions);
}

const HEADER_KEYS = ['version', 'integration'] as const;
type HeaderKey = (typeof HEADER_KEYS)[number];

/** What the checks across files need of one file, with positions looked up while its document was at hand. */
interface FileFacts {
  readonly file: string;
  /** Where each header key this file sets is written (its key). */
  readonly headers: Partial<Record<HeaderKey, Position>>;
  /** Categories with a text title, in file order, with where the title is written (its value). */
  readonly categories: readonly { readonly index: number; readonly title: string; readonly at: Position }[];
  /** Whether the file is a mapping at all (a list or a scalar is reported by the schema check). */
  readonly isMapping: boolean;
  /** Where the file's `compatibility:` key is written, when it has one. */
  readonly compatibility?: Position;
}

/** Positions are looked up only when an issue needs them: finding them may parse the file again (yaml-source.ts). */
function factsOf(source: SourceFile): FileFacts {
  const data = source.data;
  const locate = (path: readonly PathSegment[], part: 'key' | 'value'): Position => source.locate(path, part);
  const headers: Partial<Record<HeaderKey, Position>> = {};
  const isMapping = data !== null && typeof data === 'object' && !Array.isArray(data);
  if (isMapping) {
    for (const key of HEADER_KEYS) {
      if (key in data) Object.defineProperty(headers, key, { enumerable: true, get: () => locate([key], 'key') });
    }
  }
  const categories: { index: number; title: string; at: Position }[] = [];
  categoryList(data).forEach((category, index) => {
    if (category === null || typeof category !== 'object' || typeof (category as { title?: unknown }).title !== 'string') return;
    categories.push({
      index,
      title: (category as { title: string }).title,
      get at() {
        return locate(['categories', index, 'title'], 'value');
      },
    });
  });
  const facts = { file: source.file, headers, categories, isMapping };
  if (!isMapping || !('compatibility' in data)) return facts;
  return Object.defineProperty(facts, 'compatibility', { enumerable: true, get: () => locate(['compatibility'], 'key') });
}

function checkAcrossFiles(sources: readonly FileFacts[], allPaths: readonly string[]): Issue[] {
  const issues: Issue[] = [];
  const holders: Record<HeaderKey, FileFacts[]> = { version: [], integration: [] };
  for (const source of sources) {
    for (const key of HEADER_KEYS) if (key in source.headers) holders[key].push(source);
  }
  const at = (source: FileFacts, key: HeaderKey): Position => source.headers[key] ?? { line: 1, column: 1 };

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

  // A category is defined in one file only.
  const categoryHome = new Map<string, { source: FileFacts; readonly at: Position }>();
  for (const source of sources) {
    const seenHere = new Set<string>();
    for (const category of source.categories) {
      const key = titleKey(category.title);
      if (seenHere.has(key)) continue; // a repeat inside one file is reported by the semantic rules
      seenHere.add(key);
      const home = categoryHome.get(key);
      if (home === undefined) {
        categoryHome.set(key, {
          source,
          get at() {
            return category.at;
          },
        });
        continue;
      }
      issues.push({
        file: source.file,
        line: category.at.line,
        column: category.at.column,
        code: 'duplicate-category',
        message: `category ${JSON.stringify(category.title)} is already defined in ${home.source.file}:${home.at.line}:${home.at.column}`,
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

/** Called only when every check so far passed, so the data has the schema's shape. */
function normaliseFile(
  source: SourceFile,
  pool: StringPool,
): {
  integration: string | undefined;
  compatibility: Record<string, CompatibilityLevel> | undefined;
  categories: PlanCategory[];
  definitions: PlanProperty[];
} {
  const data = source.data as TrackingPlanFile;
  return {
    integration: data.integration,
    compatibility: data.compatibility === undefined ? undefined : { ...data.compatibility },
    categories: (data.categories ?? []).map((category, c) => normaliseCategory(source, pool, category, ['categories', c])),
    definitions: (data.properties ?? []).map((property, p) => normaliseProperty(source, pool, property, ['properties', p])),
  };
}

function sourceRef(source: SourceFile, path: PathSegment[]) {
  const pos = source.locate(path);
  return { file: source.file, line: pos.line, column: pos.column };
}

function normaliseCategory(source: SourceFile, pool: StringPool, category: CategoryFile, path: PathSegment[]): PlanCategory {
  return {
    title: pool.get(category.title),
    ...(category.teams === undefined ? {} : { teams: category.teams.map((team) => pool.get(team)) }),
    events: (category.events ?? []).map((event, e) => normaliseEvent(source, pool, event, [...path, 'events', e])),
    source: sourceRef(source, path),
  };
}

function normaliseEvent(source: SourceFile, pool: StringPool, event: EventFile, path: PathSegment[]): PlanEvent {
  return {
    title: pool.get(event.title),
    ...commonFields(event, pool),
    properties: (event.properties ?? []).map((property, p) =>
      'use' in property ? normaliseUse(pool, property) : normaliseProperty(source, pool, property, [...path, 'properties', p]),
    ),
    ...deprecation(event.deprecated),
    source: sourceRef(source, path),
  };
}

/** `- use: <title>` with what is written beside it; the definition's fields are added after every file is read. */
function normaliseUse(pool: StringPool, entry: PropertyUseFile): PlanProperty {
  const title = pool.get(entry.use);
  return {
    title,
    ...(entry.required === undefined ? {} : { required: entry.required }),
    ...commonFields(entry, pool),
    ...deprecation(entry.deprecated),
    shared: sharedUseOf(entry, title),
  };
}

/**
 * Built field by field, in the order the spread version gave (title, type, enum, required, the
 * common fields, deprecated, source): a plan of 10,000 properties made five throw-away objects
 * for each property that way.
 */
function normaliseProperty(source: SourceFile, pool: StringPool, property: PropertyFile, path: PathSegment[]): PlanProperty {
  const normal: PlanProperty = { title: pool.get(property.title) };
  if (property.type !== undefined) normal.type = pool.get(property.type);
  if (property.enum !== undefined)
    normal.enum = property.enum.map((value, i) => pool.get(enumValueText(source, [...path, 'enum', i], value)));
  if (property.required !== undefined) normal.required = property.required;
  addCommonFields(normal, property, pool);
  if (property.deprecated !== undefined) normal.deprecated = copyDeprecation(property.deprecated);
  return normal;
}

/** `deprecated:` is local metadata: kept on the plan for compatibility checks, never sent to Secoda. */
function deprecation(value: Deprecation | undefined): { deprecated?: Deprecation } {
  return value === undefined ? {} : { deprecated: copyDeprecation(value) };
}

function copyDeprecation(value: Deprecation): Deprecation {
  return {
    since: value.since,
    ...(value.sunset === undefined ? {} : { sunset: value.sunset }),
    ...(value.replacement === undefined ? {} : { replacement: value.replacement }),
  };
}

function commonFields(node: CommonFields, pool: StringPool): CommonFields {
  return addCommonFields({}, node, pool);
}

/** Copies the common fields `node` states onto `target`, in COMMON_FIELDS order, with pooled strings. */
function addCommonFields<T extends CommonFields>(target: T, node: CommonFields, pool: StringPool): T {
  for (const field of COMMON_FIELDS) {
    const value = node[field];
    if (value === undefined) continue;
    (target as Record<string, unknown>)[field] = Array.isArray(value)
      ? value.map((item) => pool.get(item))
      : typeof value === 'string'
        ? pool.get(value)
        : value;
  }
  return target;
}
