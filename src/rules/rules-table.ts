/**
 * The table of rules in docs/plan-language.md, generated from the registry: the page holds it
 * between two markers, and a test fails when the two differ (`npm run docs:rules` rewrites it).
 */
import { RULES } from './registry.js';

export const TABLE_START = '<!-- rules-table:start (generated from src/rules/registry.ts by `npm run docs:rules`) -->';
export const TABLE_END = '<!-- rules-table:end -->';

export function rulesTable(): string {
  const rows = RULES.map((rule) => `| \`${rule.id}\` | ${rule.description} | ${rule.defaultLevel} | ${rule.optionsText} |`);
  return ['| rule | checks | default level | options |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** `page` with the text between the markers replaced by the table; unchanged when the markers are missing. */
export function withRulesTable(page: string): string {
  const start = page.indexOf(TABLE_START);
  const end = page.indexOf(TABLE_END);
  if (start === -1 || end === -1 || end < start) return page;
  return `${page.slice(0, start + TABLE_START.length)}\n\n${rulesTable()}\n\n${page.slice(end)}`;
}
