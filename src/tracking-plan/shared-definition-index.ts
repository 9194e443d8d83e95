/**
 * Shared property definitions across the files of a plan (shared-definitions.ts says what they
 * are): the loader hands each file over while its data is at hand, and this index keeps only
 * small facts of it — each definition's title and data, how often each title is used, and the
 * uses of a title not (yet) defined — to report at the end what is defined twice, what no event
 * uses, and what is used but never defined. Pure.
 */
import type { Issue } from '../errors.js';
import { didYouMean } from './did-you-mean.js';
import type { DefinitionLookup } from './plan-file-check.js';
import { describe } from './plan-paths.js';
import { titleKey } from './semantic-rules.js';
import type { PathSegment, Position, SourceFile } from './source-file.js';

interface DefinitionFact {
  readonly fileIndex: number;
  readonly index: number;
  readonly title: string;
  readonly data: Readonly<Record<string, unknown>>;
}

interface UnresolvedUse {
  readonly title: string;
  readonly file: string;
  readonly at: Position;
  readonly where: string;
}

/** Where a path of a file (by its index in the load) is written, for a definition reported after its file's turn. */
export type LocateInFile = (fileIndex: number, path: readonly PathSegment[]) => { file: string; line: number; column: number };

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const earlier = (a: DefinitionFact, b: DefinitionFact): boolean =>
  a.fileIndex < b.fileIndex || (a.fileIndex === b.fileIndex && a.index < b.index);

/** What one load knows of the plan's shared definitions and their uses, file by file. */
export class SharedDefinitionIndex {
  private readonly definitions: DefinitionFact[] = [];
  /** The first definition of each title, by file order. */
  private readonly firstByTitle = new Map<string, DefinitionFact>();
  private readonly useCounts = new Map<string, number>();
  private readonly unresolved: UnresolvedUse[] = [];

  /** The first definition of each title, as written. */
  readonly lookup: DefinitionLookup = {
    get: (title) => this.firstByTitle.get(title)?.data,
    has: (title) => this.firstByTitle.has(title),
  };

  /** Reads the definitions of a file (its top-level `properties:`); once per file, before any file's uses are counted where it can. */
  collect(source: SourceFile, fileIndex: number): void {
    const data = source.data;
    if (!isRecord(data)) return;
    listOf(data['properties']).forEach((definition, index) => {
      if (!isRecord(definition) || typeof definition['title'] !== 'string') return;
      const fact: DefinitionFact = { fileIndex, index, title: definition['title'], data: definition };
      this.definitions.push(fact);
      const first = this.firstByTitle.get(fact.title);
      if (first === undefined || earlier(fact, first)) this.firstByTitle.set(fact.title, fact);
    });
  }

  /** Counts a file's `- use: <title>` entries (and `items: { use: <title> }` at any depth), and keeps those whose title is not defined so far. */
  countUses(source: SourceFile): void {
    const data = source.data;
    if (!isRecord(data)) return;
    const use = (title: string, path: PathSegment[], where: () => string): void => {
      this.useCounts.set(title, (this.useCounts.get(title) ?? 0) + 1);
      // An empty `use` is the schema's to report ("is empty"), once.
      if (this.firstByTitle.has(title) || title === '') return;
      this.unresolved.push({ title, file: source.file, at: source.locate([...path, 'use']), where: where() });
    };
    const itemsUse = (title: string, path: PathSegment[]) => use(title, path, () => describe(data, path));
    listOf(data['properties']).forEach((definition, d) => forEachItemsUse(definition, ['properties', d], itemsUse));
    listOf(data['categories']).forEach((category, c) => {
      if (!isRecord(category)) return;
      listOf(category['events']).forEach((event, e) => {
        if (!isRecord(event)) return;
        listOf(event['properties']).forEach((entry, p) => {
          const path: PathSegment[] = ['categories', c, 'events', e, 'properties', p];
          if (isRecord(entry) && typeof entry['use'] === 'string') use(entry['use'], path, () => describe(data, path.slice(0, 4)));
          else forEachItemsUse(entry, path, itemsUse);
        });
      });
    });
  }

  /**
   * A title defined twice (anywhere in the plan) is an error; a definition no event uses, a
   * warning; a use of no definition, an error; a definition that reaches itself through items, an error.
   */
  issues(locate: LocateInFile): Issue[] {
    return [...this.definitionIssues(locate), ...this.unknownUses(), ...this.cycles(locate)];
  }

  /** Definitions whose items take, at some depth, the definition itself: each reported once, at its title. */
  private cycles(locate: LocateInFile): Issue[] {
    const usesOf = new Map<string, string[]>();
    for (const [title, fact] of this.firstByTitle) {
      const titles: string[] = [];
      forEachItemsUse(fact.data, [], (used) => titles.push(used));
      usesOf.set(title, titles);
    }
    const issues: Issue[] = [];
    const reported = new Set<string>();
    for (const [title, fact] of this.firstByTitle) {
      const loop = loopFrom(title, usesOf);
      if (loop === undefined || reported.has(title)) continue;
      for (const member of loop) reported.add(member);
      issues.push({
        ...locate(fact.fileIndex, ['properties', fact.index, 'title']),
        code: 'definition-cycle',
        message: `shared property ${JSON.stringify(title)} reaches itself through items: ${[...loop, title].map((t) => JSON.stringify(t)).join(' → ')}`,
        hint: 'an item cannot hold the definition it belongs to; write the inner level out (e.g. as `type: object` without `properties`)',
      });
    }
    return issues;
  }

  private definitionIssues(locate: LocateInFile): Issue[] {
    const issues: Issue[] = [];
    const firstByKey = new Map<string, DefinitionFact>();
    const ordered = [...this.definitions].sort((a, b) => (earlier(a, b) ? -1 : earlier(b, a) ? 1 : 0));
    for (const fact of ordered) {
      const key = titleKey(fact.title);
      const first = firstByKey.get(key);
      if (first === undefined) {
        firstByKey.set(key, fact);
        if ((this.useCounts.get(fact.title) ?? 0) === 0) {
          issues.push({
            ...locate(fact.fileIndex, ['properties', fact.index, 'title']),
            code: 'unused-definition',
            level: 'warning',
            message: `shared property ${JSON.stringify(fact.title)} is defined but no event uses it`,
            hint: `add \`- use: ${fact.title}\` to an event's properties, or remove the definition`,
          });
        }
        continue;
      }
      const was = locate(first.fileIndex, ['properties', first.index, 'title']);
      issues.push({
        ...locate(fact.fileIndex, ['properties', fact.index, 'title']),
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
}

/** Calls `visit` with the title and path of every `items: { use: <title> }` in a property's tree (its items and nested properties). */
function forEachItemsUse(node: unknown, path: PathSegment[], visit: (title: string, path: PathSegment[]) => void): void {
  if (!isRecord(node)) return;
  const items = node['items'];
  if (isRecord(items)) {
    const itemsPath = [...path, 'items'];
    if (typeof items['use'] === 'string') visit(items['use'], itemsPath);
    else forEachItemsUse(items, itemsPath, visit);
  }
  listOf(node['properties']).forEach((nested, n) => forEachItemsUse(nested, [...path, 'properties', n], visit));
}

/** The definitions on a path from `start` back to it through items uses (starting with `start`), or undefined when there is none. */
function loopFrom(start: string, usesOf: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const seen = new Set<string>();
  const walk = (title: string, trail: string[]): string[] | undefined => {
    for (const next of usesOf.get(title) ?? []) {
      if (next === start) return trail;
      if (seen.has(next)) continue;
      seen.add(next);
      const found = walk(next, [...trail, next]);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(start, [start]);
}
