/** `title-pattern`: event and property titles match the data team's regular expressions. */
import { compileUserPattern, type UserPattern } from '../tracking-plan/user-pattern.js';
import type { PathSegment } from '../tracking-plan/source-file.js';
import { NONE, type Finding, type Record_, type Rule } from './rule.js';

export interface TitlePatternOptions {
  readonly event?: UserPattern;
  readonly property?: UserPattern;
}

const KEYS = ['event', 'property'] as const;

/** Undefined when there is no pattern, or one that cannot be used (`problems` says why). */
function compile(source: unknown): UserPattern | undefined {
  if (typeof source !== 'string' || source === '') return undefined;
  const compiled = compileUserPattern(source);
  return compiled.ok ? compiled.pattern : undefined;
}

export const titlePattern: Rule<TitlePatternOptions> = {
  id: 'title-pattern',
  defaultLevel: 'error',
  description: 'Event and property titles match regular expressions.',
  optionsText: '`event`, `property`: [RE2 regular expressions](#patterns) that the titles match, e.g. `^[a-z][a-z0-9_]*$`',
  kinds: ['event', 'property', 'definition'],
  options(entry) {
    const options: { event?: UserPattern; property?: UserPattern } = {};
    for (const key of KEYS) {
      const pattern = compile(entry[key]);
      if (pattern !== undefined) options[key] = pattern;
    }
    return options.event === undefined && options.property === undefined ? undefined : options;
  },
  problems(entry: Record_, path: readonly PathSegment[]): Finding[] {
    const findings: Finding[] = [];
    for (const key of KEYS) {
      const source = entry[key];
      if (typeof source !== 'string' || source === '') continue;
      const compiled = compileUserPattern(source);
      if (compiled.ok) continue;
      findings.push({ path: [...path, key], message: `the ${key} title pattern ${compiled.problem}`, hint: compiled.hint });
    }
    if (entry['event'] === undefined && entry['property'] === undefined) {
      findings.push({
        path,
        message: 'the title-pattern rule sets no pattern',
        hint: 'add `event: <regular expression>` and/or `property: <regular expression>`',
      });
    }
    return findings;
  },
  check(node, options, context) {
    const pattern = node.kind === 'event' ? options.event : options.property;
    const title = node.data['title'];
    if (pattern === undefined || typeof title !== 'string' || pattern.test(title)) return NONE;
    return [
      {
        path: [...node.path, 'title'],
        message: `${context.describe(node.path)} does not match the ${node.kind === 'event' ? 'event' : 'property'} title pattern /${pattern.source}/`,
        hint: 'rename it to match the plan\'s title-pattern rule, or add "# tpsync-disable-next-line title-pattern" above this line to keep an existing one',
      },
    ];
  },
};
