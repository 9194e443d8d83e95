/**
 * The `rules:` mapping of a plan's header file, read into the rules to run: each listed rule
 * with its level and options. Read defensively: an entry with schema errors (reported by the
 * schema check) is left out rather than run with guessed options.
 */
import type { PathSegment } from '../tracking-plan/source-file.js';
import { RULES } from './registry.js';
import { isRecord, type AnyRule, type Finding, type NodeKind } from './rule.js';
import { appendAll } from '../arrays.js';

export interface ActiveRule {
  readonly rule: AnyRule;
  readonly level: 'error' | 'warning';
  readonly options: unknown;
}

/** The rules to run, by the node kind they look at (so each node meets only its rules). */
export interface RulesConfig {
  readonly active: readonly ActiveRule[];
  readonly byKind: Readonly<Record<NodeKind, readonly ActiveRule[]>>;
}

export interface ReadConfig {
  readonly config: RulesConfig;
  /** Problems in the options that the schema cannot see, located under `rules:`. */
  readonly problems: Finding[];
}

const LEVELS: ReadonlySet<unknown> = new Set(['error', 'warning', 'off']);

export function readRulesConfig(rules: unknown, path: readonly PathSegment[] = ['rules']): ReadConfig {
  const active: ActiveRule[] = [];
  const problems: Finding[] = [];
  if (isRecord(rules)) {
    for (const rule of RULES) {
      const entry = rules[rule.id];
      if (!isRecord(entry)) continue;
      const level = entry['level'] ?? rule.defaultLevel;
      if (!LEVELS.has(level)) continue;
      appendAll(problems, rule.problems?.(entry, [...path, rule.id]) ?? []);
      if (level === 'off') continue;
      const options: unknown = rule.options(entry);
      if (options === undefined) continue;
      active.push({ rule, level: level as 'error' | 'warning', options });
    }
  }
  return { config: rulesConfig(active), problems };
}

export function rulesConfig(active: readonly ActiveRule[]): RulesConfig {
  const of = (kind: NodeKind) => active.filter((a) => a.rule.kinds.includes(kind));
  return { active, byKind: { event: of('event'), property: of('property'), definition: of('definition'), use: of('use') } };
}

export const NO_RULES: RulesConfig = rulesConfig([]);
