/**
 * The rules JSON Schema cannot say, run over one file's data. Written defensively (the data
 * may also have schema errors) so that one run reports every problem.
 */
import type { Issue } from '../errors.js';
import type { Report } from './enum-rules.js';
import { describe } from './plan-paths.js';
import { checkEventKind, checkProperty } from './property-shape-rules.js';
import { checkTextValues } from './text-rules.js';
import type { PathSegment, SourceFile } from './source-file.js';
import { appendAll } from '../arrays.js';

type Obj = Record<string, unknown>;

const isObj = (value: unknown): value is Obj => value !== null && typeof value === 'object' && !Array.isArray(value);
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Titles compare ignoring case and surrounding space (and Unicode normalisation) within one parent. */
export function titleKey(title: string): string {
  return title.normalize('NFC').trim().toLowerCase();
}

export function checkSemantics(source: SourceFile): Issue[] {
  const issues: Issue[] = [];
  const report = (path: readonly PathSegment[], code: string, message: string, hint?: string, part: 'key' | 'value' = 'value'): void => {
    const pos = source.locate(path, part);
    issues.push({ file: source.file, line: pos.line, column: pos.column, code, message, ...(hint === undefined ? {} : { hint }) });
  };
  const data = source.data;
  if (!isObj(data)) return issues;
  appendAll(issues, checkTextValues(source));

  // Shared property definitions follow the rules of any property (their titles are checked across files).
  listOf(data['properties']).forEach((definition, d) => {
    if (isObj(definition)) checkProperty(source, ['properties', d], definition, report, true);
  });
  const categories = listOf(data['categories']);
  checkUniqueTitles(source, ['categories'], categories, 'category', () => 'the file', report);
  categories.forEach((category, c) => {
    if (!isObj(category)) return;
    const events = listOf(category['events']);
    checkUniqueTitles(source, ['categories', c, 'events'], events, 'event', () => describe(data, ['categories', c]), report);
    events.forEach((event, e) => {
      if (!isObj(event)) return;
      const properties = listOf(event['properties']);
      const eventPath: PathSegment[] = ['categories', c, 'events', e];
      checkEventKind(source, eventPath, event, report);
      checkUniqueTitles(source, [...eventPath, 'properties'], properties, 'property', () => describe(data, eventPath), report);
      properties.forEach((property, p) => {
        // An entry that uses a shared definition takes its shape from there.
        if (isObj(property) && !('use' in property)) checkProperty(source, [...eventPath, 'properties', p], property, report, true);
      });
    });
  });
  return issues;
}

function checkUniqueTitles(
  source: SourceFile,
  listPath: PathSegment[],
  items: unknown[],
  kind: string,
  /** Named only for a message: describing every event's parent was a sizeable share of a large plan's load. */
  parent: () => string,
  report: Report,
): void {
  const seen = new Map<string, { title: string; index: number; field: string }>();
  items.forEach((item, index) => {
    // `- use: currency` adds a property titled "currency", as `- title: currency` would.
    if (!isObj(item)) return;
    const field = typeof item['title'] !== 'string' && typeof item['use'] === 'string' ? 'use' : 'title';
    const title = item[field];
    if (typeof title !== 'string') return;
    const key = titleKey(title);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, { title, index, field });
      return;
    }
    const firstLine = source.locate([...listPath, first.index, first.field]).line;
    const message =
      first.title === title
        ? `${kind} ${JSON.stringify(title)} is listed twice in ${parent()} (first at line ${firstLine})`
        : `${kind} ${JSON.stringify(title)} differs only by case or spacing from ${kind} ${JSON.stringify(first.title)} (line ${firstLine}) in ${parent()}`;
    report(
      [...listPath, index, field],
      'duplicate-title',
      message,
      `titles identify ${kind === 'event' ? 'an' : 'a'} ${kind} within its parent; rename one or merge the two`,
    );
  });
}
