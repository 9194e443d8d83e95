import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/registry.js';
import { rulesTable, TABLE_END, TABLE_START } from '../../src/rules/rules-table.js';
import { trackingPlanSchema } from '../../src/tracking-plan/schema-check.js';

/** Table rows as trimmed cells, so that the formatter's column padding does not matter. */
const cells = (table: string) =>
  table
    .trim()
    .split('\n')
    .filter((line) => !/^\|[\s-|]+\|$/.test(line))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );

describe('the catalogue of rules', () => {
  it('has stable, unique, kebab-case ids, each with a description, a default level and options in words', () => {
    const ids = RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(rule.description).toMatch(/^[A-Z].*\.$/);
      expect(['error', 'warning']).toContain(rule.defaultLevel);
      expect(rule.optionsText).not.toBe('');
    }
  });

  it('holds the six rules of the issue and the three a data team expects, by these ids', () => {
    expect(RULES.map((rule) => rule.id)).toEqual([
      'event-title-style',
      'property-title-style',
      'enum-value-style',
      'description-required',
      'pii-requires-owner',
      'required-properties',
      'title-pattern',
      'banned-titles',
      'title-max-length',
    ]);
  });

  it('agrees with the JSON Schema: the same ids, with the same descriptions', () => {
    const inSchema = trackingPlanSchema.definitions.rules.properties as Record<string, { description: string }>;
    expect(Object.keys(inSchema)).toEqual(RULES.map((rule) => rule.id));
    for (const rule of RULES) expect(inSchema[rule.id]?.description, rule.id).toBe(rule.description);
  });

  it('gives every rule a table of cases (test/rules/<rule-id>.test.ts)', () => {
    for (const rule of RULES) expect(existsSync(new URL(`./${rule.id}.test.ts`, import.meta.url)), rule.id).toBe(true);
  });

  it('is the table of rules in docs/plan-language.md (run `npm run docs:rules` after changing a rule)', async () => {
    const readme = await readFile(new URL('../../docs/plan-language.md', import.meta.url), 'utf8');
    const start = readme.indexOf(TABLE_START);
    const end = readme.indexOf(TABLE_END);
    expect(start, 'the page has the table markers').toBeGreaterThan(-1);
    expect(cells(readme.slice(start + TABLE_START.length, end))).toEqual(cells(rulesTable()));
  });
});
