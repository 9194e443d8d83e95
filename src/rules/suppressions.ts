/**
 * Suppression comments, so that adopting a rule never forces a rename (which would re-create
 * the resource in Secoda):
 *
 *   # tpsync-disable-next-line event-title-style       the next line that holds YAML
 *   - title: order completed  # tpsync-disable-line event-title-style
 *
 * Several rule ids may follow, separated by commas or spaces; none means every rule. A
 * violation is suppressed when it is reported on such a line. Comments are read from the raw
 * text (the parsed data has none): a `#` at the start of a line or after a space, as YAML reads
 * comments.
 */
import { didYouMean } from '../tracking-plan/did-you-mean.js';
import type { Issue } from '../errors.js';
import { RULE_IDS } from './registry.js';

const DIRECTIVE = /(?:^|\s)#\s*tpsync-disable-(next-line|line)\b([^#\n]*)/;
const MARKER = 'tpsync-disable-';

export interface Suppressions {
  /** Whether a violation of `rule` reported on `line` (1-based) is suppressed. */
  covers(line: number, rule: string): boolean;
  /** Rule ids in the comments that name no rule: warnings, since such a comment suppresses nothing. */
  readonly problems: Issue[];
}

const NONE: Suppressions = { covers: () => false, problems: [] };

/** Reads the directives of one file. Cheap for the usual file that has none. */
export function readSuppressions(file: string, text: string): Suppressions {
  if (!text.includes(MARKER)) return NONE;
  const byLine = new Map<number, Set<string> | 'all'>();
  const problems: Issue[] = [];
  const add = (line: number, ids: Set<string> | 'all') => {
    const had = byLine.get(line);
    if (had === 'all' || ids === 'all') byLine.set(line, 'all');
    else byLine.set(line, new Set([...(had ?? []), ...ids]));
  };
  const lines = text.split(/\r\n|\r|\n/);
  let pending: { ids: Set<string> | 'all' }[] = [];
  lines.forEach((content, index) => {
    const line = index + 1;
    const match = content.includes(MARKER) ? DIRECTIVE.exec(content) : null;
    const onlyComment = /^\s*(#.*)?$/.test(content);
    if (!onlyComment) {
      for (const p of pending) add(line, p.ids);
      pending = [];
    }
    // Rule ids are words and dashes: anything else (a closing quote) means the words sit inside a quoted value.
    if (match === null || !/^[\s,\w-]*$/.test(idList(match[2] ?? ''))) return;
    const ids = parseIds(
      match[2] ?? '',
      (id, column) => {
        const suggestion = didYouMean(id, RULE_IDS);
        problems.push({
          file,
          line,
          column,
          code: 'unknown-rule-in-comment',
          level: 'warning',
          message: `"${id}" in a tpsync-disable comment is not a rule, so the comment suppresses nothing for it`,
          hint: suggestion !== undefined ? `did you mean "${suggestion}"?` : `the rules are: ${RULE_IDS.join(', ')}`,
        });
      },
      content.indexOf(match[2] ?? '', match.index) + 1,
    );
    if (match[1] === 'line') add(line, ids);
    else pending.push({ ids });
  });
  return {
    covers: (line, rule) => {
      const ids = byLine.get(line);
      return ids === 'all' || (ids !== undefined && ids.has(rule));
    },
    problems,
  };
}

/** Anything after " -- " is a reason for people, as in ESLint: `# tpsync-disable-line title-pattern -- legacy name`. */
function idList(text: string): string {
  return text.split(/\s--(?:\s|$)/)[0] ?? '';
}

function parseIds(text: string, unknown: (id: string, column: number) => void, column: number): Set<string> | 'all' {
  const list = idList(text);
  const ids = [...list.matchAll(/[^\s,]+/g)];
  if (ids.length === 0) return 'all';
  const known = new Set<string>();
  for (const id of ids) {
    if (RULE_IDS.includes(id[0])) known.add(id[0]);
    else unknown(id[0], column + (id.index ?? 0));
  }
  return known;
}

/** Drops the rule violations that a comment suppresses; other issues pass through. */
export function applySuppressions(issues: readonly Issue[], suppressions: Suppressions): Issue[] {
  return issues.filter((issue) => issue.rule === undefined || !suppressions.covers(issue.line, issue.rule));
}
