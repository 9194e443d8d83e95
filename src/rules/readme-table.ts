/**
 * The README's table of rules, generated from the registry: the README holds it between two
 * markers, and a test fails when the two differ (`npm run readme:rules` rewrites it).
 */
import { RULES } from './registry.js';

export const TABLE_START = '<!-- rules-table:start (generated from src/rules/registry.ts by `npm run readme:rules`) -->';
export const TABLE_END = '<!-- rules-table:end -->';

export function rulesTable(): string {
  const rows = RULES.map((rule) => `| \`${rule.id}\` | ${rule.description} | ${rule.defaultLevel} | ${rule.optionsText} |`);
  return ['| rule | checks | default level | options |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** `readme` with the text between the markers replaced by the table; unchanged when the markers are missing. */
export function withRulesTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start === -1 || end === -1 || end < start) return readme;
  return `${readme.slice(0, start + TABLE_START.length)}\n\n${rulesTable()}\n\n${readme.slice(end)}`;
}
