/**
 * The parts of the plan language that span files: shared property definitions (defined in any
 * file, used in any other) and governance rules (configured in the header file, checked in
 * every file), with suppression comments and `validate --baseline`. The loader hands it each
 * file while that file's data is at hand and asks it for the result at the end. Pure.
 *
 * Cost: rules need their configuration, and uses their definitions, before the files that use
 * them are checked. Files that hold a top-level `rules:` or `properties:` (found by a byte
 * search, not a parse) are therefore parsed first, and handed to the loader when its turn
 * comes, so no file is parsed twice and no file's data is kept after its turn. A position is
 * looked up only for what is reported; one that must be found after its file's turn (a
 * definition defined twice, an unused one) re-reads that file.
 */
import { checkRules } from '../rules/check-rules.js';
import { withoutBaselineViolations } from '../rules/baseline.js';
import { locateFinding } from '../rules/check-rules.js';
import { isRecord, type Record_ } from '../rules/rule.js';
import { readRulesConfig, type RulesConfig } from '../rules/rules-config.js';
import { applySuppressions, readSuppressions } from '../rules/suppressions.js';
import { didYouMean } from './did-you-mean.js';
import { isError, sortIssues, type Issue } from './issue.js';
import type { LoadOptions, LoadResult, PlanFileInput } from './load-plan.js';
import { describe } from './plan-paths.js';
import { titleKey } from './semantic-rules.js';
import { expandSharedProperties } from './shared-definitions.js';
import type { PlanProperty, TrackingPlan } from './types.js';
import type { PathSegment, Position, SourceFile, SourceResult } from './yaml-source.js';

type Parse = (file: string, bytes: Uint8Array) => SourceResult;
type Load = (files: readonly PlanFileInput[], options: LoadOptions) => LoadResult;

interface DefinitionFact {
  readonly fileIndex: number;
  readonly index: number;
  readonly title: string;
  readonly data: Record_;
}

interface UnresolvedUse {
  readonly title: string;
  readonly file: string;
  readonly at: Position;
  readonly where: string;
}

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const earlier = (a: DefinitionFact, b: DefinitionFact): boolean =>
  a.fileIndex < b.fileIndex || (a.fileIndex === b.fileIndex && a.index < b.index);

/** Keys that, at the start of a line, may begin a top-level `rules:` or `properties:` (a false hit only costs order). */
const TOP_LEVEL_KEYS = ['rules', 'properties', '"rules"', '"properties"', "'rules'", "'properties'"];
const SUPPRESSION_MARKER = 'tpsync-disable-';

export class PlanLanguage {
  private readonly indexOf = new Map<string, number>();
  private readonly preParsed = new Map<string, SourceResult>();
  private readonly collected = new Set<number>();
  private readonly definitions: DefinitionFact[] = [];
  /** The first definition of each title, by file order. */
  private readonly firstByTitle = new Map<string, DefinitionFact>();
  private readonly useCounts = new Map<string, number>();
  private readonly unresolved: UnresolvedUse[] = [];
  private config: RulesConfig | undefined;
  private readonly ruleIssues: Issue[] = [];
  private readonly configIssues: Issue[] = [];
  /** Files checked before the rules were known (only when the byte search missed the header). */
  private readonly unchecked: number[] = [];
  private readonly reread = new Map<number, SourceFile | null>();

  constructor(
    private readonly files: readonly PlanFileInput[],
    private readonly options: LoadOptions,
    private readonly parseFile: Parse,
    private readonly load: Load,
  ) {
    this.config = options.rules;
    files.forEach((file, index) => {
      this.indexOf.set(file.path, index);
      if (!mayHoldTopLevelKeys(file.bytes)) return;
      const parsed = file.parsed ?? parseFile(file.path, file.bytes);
      this.preParsed.set(file.path, parsed);
      if (parsed.ok) this.collect(parsed.source, index);
    });
  }

  /** The file's parse, from the early pass when it had one (handed over once, then forgotten). */
  parse(file: PlanFileInput): SourceResult {
    const early = this.preParsed.get(file.path);
    if (early === undefined) return file.parsed ?? this.parseFile(file.path, file.bytes);
    this.preParsed.delete(file.path);
    return early;
  }

  /** Called once per parsed file, in file order, while its data is at hand. */
  checkFile(source: SourceFile): void {
    const index = this.indexOf.get(source.file) ?? -1;
    if (!this.collected.has(index)) this.collect(source, index);
    this.countUses(source);
    if (this.config === undefined) this.unchecked.push(index);
    else this.ruleIssues.push(...checkRules(source, this.config, this.lookup));
  }

  /**
   * The loader's result: every issue sorted, and the plan (its shared properties expanded) when
   * nothing is an error. `plan` is undefined when the loader already found errors.
   */
  finish(loaderIssues: readonly Issue[], plan: TrackingPlan | undefined, definitions: readonly PlanProperty[]): LoadResult {
    const issues: Issue[] = [...loaderIssues, ...this.configIssues, ...this.definitionIssues(), ...this.unknownUses()];
    issues.push(...this.rulesResult());
    const sorted = sortIssues(issues);
    if (plan === undefined || sorted.some(isError)) return { ok: false, issues: sorted };
    const byTitle = new Map<string, PlanProperty>();
    for (const definition of definitions) if (!byTitle.has(definition.title)) byTitle.set(definition.title, definition);
    expandSharedProperties(plan.categories, byTitle);
    return { ok: true, plan, warnings: sorted };
  }

  private readonly lookup = {
    get: (title: string): Record_ | undefined => this.firstByTitle.get(title)?.data,
    has: (title: string): boolean => this.firstByTitle.has(title),
  };

  /** Reads a file's definitions and, from the header, the rules. */
  private collect(source: SourceFile, fileIndex: number): void {
    this.collected.add(fileIndex);
    const data = source.data;
    if (!isRecord(data)) return;
    listOf(data['properties']).forEach((definition, index) => {
      if (!isRecord(definition) || typeof definition['title'] !== 'string') return;
      const fact: DefinitionFact = { fileIndex, index, title: definition['title'], data: definition };
      this.definitions.push(fact);
      const first = this.firstByTitle.get(fact.title);
      if (first === undefined || earlier(fact, first)) this.firstByTitle.set(fact.title, fact);
    });
    if ('rules' in data && this.config === undefined) {
      const read = readRulesConfig(data['rules']);
      this.config = read.config;
      for (const finding of read.problems) {
        const { file, line, column, message, hint } = locateFinding(source, finding, 'rule-config', 'error');
        this.configIssues.push({ file, line, column, code: 'rule-config', message, ...(hint === undefined ? {} : { hint }) });
      }
    }
  }

  private countUses(source: SourceFile): void {
    const data = source.data;
    if (!isRecord(data)) return;
    listOf(data['categories']).forEach((category, c) => {
      if (!isRecord(category)) return;
      listOf(category['events']).forEach((event, e) => {
        if (!isRecord(event)) return;
        listOf(event['properties']).forEach((entry, p) => {
          if (!isRecord(entry) || typeof entry['use'] !== 'string') return;
          const title = entry['use'];
          this.useCounts.set(title, (this.useCounts.get(title) ?? 0) + 1);
          // An empty `use` is the schema's to report ("is empty"), once.
          if (this.firstByTitle.has(title) || title === '') return;
          const path: PathSegment[] = ['categories', c, 'events', e, 'properties', p];
          this.unresolved.push({ title, file: source.file, at: source.locate([...path, 'use']), where: describe(data, path.slice(0, 4)) });
        });
      });
    });
  }

  /** A title defined twice (anywhere in the plan) is an error; a definition no event uses, a warning. */
  private definitionIssues(): Issue[] {
    const issues: Issue[] = [];
    const firstByKey = new Map<string, DefinitionFact>();
    const ordered = [...this.definitions].sort((a, b) => (earlier(a, b) ? -1 : earlier(b, a) ? 1 : 0));
    for (const fact of ordered) {
      const key = titleKey(fact.title);
      const first = firstByKey.get(key);
      if (first === undefined) {
        firstByKey.set(key, fact);
        if ((this.useCounts.get(fact.title) ?? 0) === 0) {
          const at = this.position(fact.fileIndex, ['properties', fact.index, 'title']);
          issues.push({
            ...at,
            code: 'unused-definition',
            level: 'warning',
            message: `shared property ${JSON.stringify(fact.title)} is defined but no event uses it`,
            hint: `add \`- use: ${fact.title}\` to an event's properties, or remove the definition`,
          });
        }
        continue;
      }
      const at = this.position(fact.fileIndex, ['properties', fact.index, 'title']);
      const was = this.position(first.fileIndex, ['properties', first.index, 'title']);
      issues.push({
        ...at,
        code: 'duplicate-definition',
        message:
          first.title === fact.title
            ? `shared property ${JSON.stringify(fact.title)} is defined twice: here and in ${was.file}:${was.line}:${was.column}`
            : `shared property ${JSON.stringify(fact.title)} differs only by case or spacing from ${JSON.stringify(first.title)}, defined in ${was.file}:${was.line}:${was.column}`,
        hint: 'a shared property is defined once across the plan; remove one of the two, or give one another title',
      });
    }
    return issues;
  }

  private unknownUses(): Issue[] {
    const titles = [...this.firstByTitle.keys()];
    return this.unresolved
      .filter((use) => !this.firstByTitle.has(use.title))
      .map((use) => {
        const suggestion = didYouMean(use.title, titles);
        return {
          file: use.file,
          line: use.at.line,
          column: use.at.column,
          code: 'unknown-definition',
          message: `${use.where} uses shared property ${JSON.stringify(use.title)}, which is not defined`,
          hint:
            suggestion !== undefined
              ? `did you mean "${suggestion}"?`
              : titles.length > 0
                ? `define it in a top-level \`properties:\` list (any file of the plan); defined: ${titles.slice(0, 20).join(', ')}${titles.length > 20 ? ', …' : ''}`
                : 'define it in a top-level `properties:` list in any file of the plan: `properties: [{ title: ..., type: ... }]`',
        };
      });
  }

  /** Rule violations after suppression comments and the baseline, at the level the caller asks for. */
  private rulesResult(): Issue[] {
    const config = this.config;
    if (config === undefined || config.active.length === 0) return [];
    for (const index of this.unchecked) {
      const source = this.source(index);
      if (source !== null) this.ruleIssues.push(...checkRules(source, config, this.lookup));
    }
    const found: Issue[] = [];
    const byFile = new Map<string, Issue[]>();
    for (const issue of this.ruleIssues) byFile.set(issue.file, [...(byFile.get(issue.file) ?? []), issue]);
    for (const file of this.files) {
      // Files that name no rule in a comment (nearly all) are not even decoded.
      if (!includesBytes(file.bytes, SUPPRESSION_MARKER)) {
        found.push(...(byFile.get(file.path) ?? []));
        continue;
      }
      const suppressions = readSuppressions(file.path, new TextDecoder().decode(file.bytes));
      found.push(...applySuppressions(byFile.get(file.path) ?? [], suppressions), ...suppressions.problems);
    }
    let reported = found;
    if (this.options.baseline !== undefined) {
      const before = this.load(this.options.baseline, { rules: config, ruleErrors: 'report' });
      reported = withoutBaselineViolations(found, before.ok ? before.warnings : before.issues);
    }
    if (this.options.ruleErrors === 'report')
      return reported.map((issue) => (issue.rule === undefined ? issue : { ...issue, level: 'warning' }));
    return reported;
  }

  private position(fileIndex: number, path: readonly PathSegment[]): { file: string; line: number; column: number } {
    const file = this.files[fileIndex]?.path ?? '';
    const source = this.source(fileIndex);
    const at = source?.locate(path, 'value') ?? { line: 1, column: 1 };
    return { file, line: at.line, column: at.column };
  }

  /** A file's source after its turn: re-read, once, for what must still be located or checked. */
  private source(fileIndex: number): SourceFile | null {
    let source = this.reread.get(fileIndex);
    if (source === undefined) {
      const file = this.files[fileIndex];
      const parsed = file === undefined ? undefined : (this.preParsed.get(file.path) ?? this.parseFile(file.path, file.bytes));
      source = parsed?.ok === true ? parsed.source : null;
      this.reread.set(fileIndex, source);
    }
    return source;
  }
}

function includesBytes(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(text);
}

/** First bytes of the lines that may hold a top-level `rules:` or `properties:` key: r, p and quotes. */
const KEY_STARTS: ReadonlySet<number> = new Set([0x72, 0x70, 0x22, 0x27]);

/**
 * Whether a line of the file may start with a top-level `rules:` or `properties:` key. Hopping
 * from newline to newline (a native search) and looking at one byte each is about ten times
 * cheaper than searching for each key: it runs on every file of every load.
 */
function mayHoldTopLevelKeys(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const startsKey = (at: number) => TOP_LEVEL_KEYS.some((key) => buffer.toString('latin1', at, at + key.length) === key);
  const first = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  if (startsKey(first)) return true;
  for (let newline = buffer.indexOf(0x0a); newline !== -1; newline = buffer.indexOf(0x0a, newline + 1)) {
    const next = buffer[newline + 1];
    if (next !== undefined && KEY_STARTS.has(next) && startsKey(newline + 1)) return true;
  }
  return false;
}
