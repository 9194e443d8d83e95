/**
 * Loads a tracking plan from the bytes of its files (src/files/read-plan-files.ts reads them):
 * each file is parsed (parse-yaml.ts), checked against the schema, the semantic rules and the
 * deprecation rules, and normalised, one file at a time; then come the checks across files and
 * across shared property definitions, and the uses of definitions are expanded. Checks from
 * outside the language (the governance rules of src/rules) plug in as PlanFileCheck hooks.
 * Pure: bytes in, a plan or located issues out.
 */
import { isError, isWarning, sortIssues, type Issue } from '../errors.js';
import { checkAcrossFiles, factsOf, type FileFacts } from './across-files.js';
import { checkDeprecations } from './deprecation-rules.js';
import { normaliseFile } from './normalise-file.js';
import type { YamlParser } from './parse-yaml.js';
import type { LoadContext, PlanFileCheck } from './plan-file-check.js';
import type { PlanFileInput } from './plan-file-input.js';
import { PlanFileSources } from './plan-file-sources.js';
import { limitIssuesPerFile } from './issue-limit.js';
import { checkSchema } from './schema-check.js';
import { checkSemantics } from './semantic-rules.js';
import { SharedDefinitionIndex } from './shared-definition-index.js';
import { expandSharedProperties } from './shared-definitions.js';
import type { SourceFile } from './source-file.js';
import type { CompatibilityLevel, PlanCategory, PlanProperty, TrackingPlan } from './types.js';
import { appendAll } from '../arrays.js';

/** `warnings` (and, when not ok, `issues`) may hold warnings: `level: 'warning'`. */
export type LoadResult = { ok: true; plan: TrackingPlan; warnings: Issue[] } | { ok: false; issues: Issue[] };

export interface LoadOptions {
  /** Today as YYYY-MM-DD, for the warnings about deprecation sunsets that have come; none without it. */
  readonly today?: string;
  /** `yaml` reads every file with the `yaml` library alone (parse-yaml.ts); the result is the same. */
  readonly parser?: YamlParser;
  /** Checks plugged into the load (src/rules/load-plan-with-rules.ts supplies the governance rules). */
  readonly checks?: readonly PlanFileCheck[];
}

/** The top-level key of shared property definitions, which every file's checks may need. */
const DEFINITIONS_KEY = 'properties';

/**
 * Loads a plan from its files' bytes: the plan (with its warnings), or every issue with file,
 * line and column. Positions are found only for what is reported and for the plan's sources.
 */
export function loadTrackingPlan(files: readonly PlanFileInput[], options: LoadOptions = {}): LoadResult {
  const ordered = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const checks = options.checks ?? [];
  const sources = new PlanFileSources(ordered, options.parser ?? 'auto', [DEFINITIONS_KEY, ...checks.flatMap((check) => check.earlyKeys)]);
  const definitions = new SharedDefinitionIndex();
  const context: LoadContext = {
    files: ordered,
    definitions: definitions.lookup,
    sourceAfterTurn: (path) => sources.sourceAfterTurn(ordered.findIndex((file) => file.path === path)),
  };
  const collected = new Set<number>();
  const collect = (source: SourceFile, index: number): void => {
    collected.add(index);
    definitions.collect(source, index);
    for (const check of checks) check.collect(source);
  };
  // Definitions and the checks' settings span files: they are known before any file is checked.
  for (const { index, source } of sources.earlySources()) collect(source, index);

  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const facts: FileFacts[] = [];
  let integration = '';
  let compatibility: Record<string, CompatibilityLevel> | undefined;
  const categories: PlanCategory[] = [];
  const definitionList: PlanProperty[] = [];
  ordered.forEach((_, index) => {
    const parsed = sources.atTurn(index);
    if (!parsed.ok) {
      appendAll(issues, parsed.issues);
      return;
    }
    const source = parsed.source;
    if (!collected.has(index)) collect(source, index);
    appendAll(issues, checkSchema(source), checkSemantics(source));
    for (const found of checkDeprecations(source, options.today)) (isWarning(found) ? warnings : issues).push(found);
    definitions.countUses(source);
    for (const check of checks) check.check(source, context);
    facts.push(factsOf(source));
    // Once anything is wrong no plan is returned, so the rest need not be normalised.
    if (issues.length > 0) return;
    const normalised = normaliseFile(source);
    if (normalised.integration !== undefined) integration = normalised.integration;
    if (normalised.compatibility !== undefined) compatibility = normalised.compatibility;
    appendAll(categories, normalised.categories);
    appendAll(definitionList, normalised.definitions);
  });
  appendAll(
    issues,
    checkAcrossFiles(
      facts,
      ordered.map((file) => file.path),
    ),
  );

  const locate = (fileIndex: number, path: readonly (string | number)[]) => {
    const at = sources.sourceAfterTurn(fileIndex)?.locate(path, 'value') ?? { line: 1, column: 1 };
    return { file: ordered[fileIndex]?.path ?? '', line: at.line, column: at.column };
  };
  const all = limitIssuesPerFile(
    sortIssues([...issues, ...warnings, ...definitions.issues(locate), ...checks.flatMap((check) => check.finish(context))]),
  );
  if (issues.length > 0 || all.some(isError)) return { ok: false, issues: all };
  const plan: TrackingPlan = { version: 1, integration, categories, ...(compatibility === undefined ? {} : { compatibility }) };
  const byTitle = new Map<string, PlanProperty>();
  for (const definition of definitionList) if (!byTitle.has(definition.title)) byTitle.set(definition.title, definition);
  expandSharedProperties(plan.categories, byTitle);
  return { ok: true, plan, warnings: all };
}
