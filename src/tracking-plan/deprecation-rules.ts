/**
 * Checks of `deprecated:` blocks that JSON Schema cannot make: dates that exist, a sunset not
 * before its `since`, and — given today's date — a warning for each sunset that has come, so
 * the item gets removed (which is then a safe change). Pure: today is an input.
 */
import { compareDates, isCalendarDate } from './calendar-date.js';
import type { Issue } from '../errors.js';
import { describe } from './plan-paths.js';
import type { PathSegment, SourceFile } from './source-file.js';

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj => value !== null && typeof value === 'object' && !Array.isArray(value);
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The rule id of the warning `validate` gives for a sunset that has come. */
export const SUNSET_PASSED = 'sunset-passed';

/**
 * Errors (a date that does not exist, a sunset before `since`) and, when `today` (YYYY-MM-DD)
 * is given, warnings (level `warning`, rule `sunset-passed`) for sunsets on or before it.
 */
export function checkDeprecations(source: SourceFile, today: string | undefined): Issue[] {
  const issues: Issue[] = [];
  const data = source.data;
  if (!isObj(data)) return issues;
  listOf(data['categories']).forEach((category, c) => {
    if (!isObj(category)) return;
    listOf(category['events']).forEach((event, e) => {
      if (!isObj(event)) return;
      const eventPath: PathSegment[] = ['categories', c, 'events', e];
      checkOne(source, eventPath, event['deprecated'], today, issues);
      listOf(event['properties']).forEach((property, p) => {
        // The path is built only for a property that has a `deprecated:` block (few do).
        if (isObj(property) && property['deprecated'] !== undefined)
          checkOne(source, [...eventPath, 'properties', p], property['deprecated'], today, issues);
      });
    });
  });
  return issues;
}

function checkOne(source: SourceFile, owner: PathSegment[], deprecated: unknown, today: string | undefined, issues: Issue[]): void {
  if (!isObj(deprecated)) return;
  const path = [...owner, 'deprecated'];
  const name = describe(source.data, owner);
  const report = (key: string, issue: Omit<Issue, 'file' | 'line' | 'column'>): void => {
    const pos = source.locate([...path, key]);
    issues.push({ file: source.file, line: pos.line, column: pos.column, ...issue });
  };
  const dates: Partial<Record<'since' | 'sunset', string>> = {};
  for (const key of ['since', 'sunset'] as const) {
    const value = deprecated[key];
    // The schema reports values that are not `YYYY-MM-DD` at all.
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) continue;
    if (!isCalendarDate(value)) {
      report(key, {
        code: 'bad-date',
        message: `"${key}" ${value} of ${name} is not a real date`,
        hint: 'write a day that exists, as YYYY-MM-DD',
      });
      continue;
    }
    dates[key] = value;
  }
  const { since, sunset } = dates;
  if (since !== undefined && sunset !== undefined && compareDates(sunset, since) < 0) {
    report('sunset', {
      code: 'sunset-before-since',
      message: `the sunset ${sunset} of ${name} is before it was deprecated (${since})`,
      hint: 'the sunset is the day from which it may be removed: on or after `since`',
    });
    return;
  }
  if (today !== undefined && sunset !== undefined && compareDates(sunset, today) <= 0) {
    const replacement = typeof deprecated['replacement'] === 'string' ? deprecated['replacement'] : undefined;
    report('sunset', {
      code: SUNSET_PASSED,
      level: 'warning',
      rule: SUNSET_PASSED,
      message: `${name} reached its sunset on ${sunset}${since !== undefined ? ` (deprecated since ${since})` : ''}`,
      hint: `remove it from the tracking plan, which is now a safe change${replacement !== undefined ? ` (senders use ${JSON.stringify(replacement)} instead)` : ''}, or move the sunset later`,
    });
  }
}
