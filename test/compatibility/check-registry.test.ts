import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ADDITION_CHECKS } from '../../src/compatibility/addition-checks.js';
import { CHECKS, CHECK_IDS } from '../../src/compatibility/check-registry.js';
import { DUPLICATE_CHECKS } from '../../src/compatibility/duplicate-checks.js';
import { FIELD_CHECKS } from '../../src/compatibility/field-checks.js';
import { MOVE_CHECKS } from '../../src/compatibility/move-checks.js';
import { REMOVAL_CHECKS } from '../../src/compatibility/removal-checks.js';
import { SHAPE_CHECKS } from '../../src/compatibility/shape-checks.js';
import { WITH_EVENT_CHECKS } from '../../src/compatibility/with-event-checks.js';
import { LEVELS } from '../../src/compatibility/levels.js';
import { trackingPlanSchema } from '../../src/tracking-plan/schema-check.js';

describe('the check registry', () => {
  it('has unique kebab-case ids, a level each, and one-line descriptions', () => {
    expect(new Set(CHECK_IDS).size).toBe(CHECK_IDS.length);
    for (const check of CHECKS) {
      expect(check.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(LEVELS).toContain(check.level);
      expect(check.description).not.toMatch(/\n/);
    }
  });

  it('is the checks of the families, each once (and so each has its family test table)', () => {
    const families = [ADDITION_CHECKS, REMOVAL_CHECKS, MOVE_CHECKS, FIELD_CHECKS, DUPLICATE_CHECKS, WITH_EVENT_CHECKS, SHAPE_CHECKS];
    const ids = families.flatMap((family) => family.map((check) => check.id));
    expect([...ids].sort()).toEqual([...CHECK_IDS].sort());
    for (const check of CHECKS) expect(typeof check.detect, check.id).toBe('function');
  });

  it('holds at least the checks the issue names, at their documented levels', () => {
    const levels = Object.fromEntries(CHECKS.map((c) => [c.id, c.level]));
    expect(levels).toMatchObject({
      'event-removed': 'breaking',
      'event-added': 'safe',
      'property-removed': 'breaking',
      'property-added-optional': 'safe',
      'property-added-required': 'breaking',
      'property-became-required': 'breaking',
      'property-type-changed': 'breaking',
      'enum-value-removed': 'breaking',
      'metadata-changed': 'safe',
      'duplicate-removed': 'safe',
    });
    for (const id of ['event-moved', 'property-became-optional', 'enum-value-added', 'pii-changed']) expect(levels).toHaveProperty(id);
  });

  it('is what the JSON Schema offers under `compatibility:`', () => {
    const compatibility = trackingPlanSchema.properties.compatibility;
    expect(Object.keys(compatibility.properties)).toEqual(CHECK_IDS);
    expect(trackingPlanSchema.definitions.compatibilityLevel.enum).toEqual([...LEVELS].reverse());
  });

  it('is the table in docs/breaking-changes.md', async () => {
    const readme = await readFile('docs/breaking-changes.md', 'utf8');
    const start = readme.indexOf('<!-- compatibility-checks');
    expect(start).toBeGreaterThan(0);
    const rows = readme
      .slice(start)
      .split('\n')
      .slice(1)
      .filter((line, i, lines) => line.startsWith('|') && lines.slice(0, i).every((l) => l === '' || l.startsWith('|')))
      .slice(2)
      .map((line) =>
        line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim()),
      );
    expect(rows).toEqual(CHECKS.map((c) => [`\`${c.id}\``, c.level, c.description]));
  });
});
