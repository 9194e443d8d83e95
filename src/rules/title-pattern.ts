/** `title-pattern`: event and property titles match the data team's regular expressions. */
import { NONE, type Finding, type Record_, type Rule } from './rule.js';
import type { PathSegment } from '../tracking-plan/yaml-source.js';

export interface TitlePatternOptions {
  readonly event?: RegExp;
  readonly property?: RegExp;
}

const KEYS = ['event', 'property'] as const;

/** JavaScript syntax with the `u` flag, so `\p{Lu}` and friends work. Undefined when it does not compile. */
function compile(source: unknown): RegExp | undefined {
  if (typeof source !== 'string' || source === '') return undefined;
  try {
    return new RegExp(source, 'u');
  } catch {
    return undefined;
  }
}

export const titlePattern: Rule<TitlePatternOptions> = {
  id: 'title-pattern',
  defaultLevel: 'error',
  description: 'Event and property titles match regular expressions.',
  optionsText: '`event`, `property`: regular expressions (JavaScript, Unicode) that the titles match, e.g. `^[a-z][a-z0-9_]*$`',
  kinds: ['event', 'property', 'definition'],
  options(entry) {
    const options: { event?: RegExp; property?: RegExp } = {};
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
      if (typeof source !== 'string' || source === '' || compile(source) !== undefined) continue;
      let reason = 'it does not compile';
      try {
        new RegExp(source, 'u');
      } catch (error) {
        reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : reason;
      }
      findings.push({
        path: [...path, key],
        message: `the ${key} title pattern is not a valid regular expression (${reason})`,
        hint: 'write a JavaScript regular expression without slashes, e.g. `^[A-Z][A-Za-z ]*$`; in YAML, quote it with single quotes',
      });
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
