/** The resolution rules, as a table: exact, case, NFC, unknown with did-you-mean, ambiguous, disabled, pending, archived, mixed IDs. */
import { describe, expect, it } from 'vitest';
import { locateFindings } from '../../src/references/locate-findings.js';
import { resolvePlanReferences } from '../../src/references/resolve-plan.js';
import type { Directories, DirectoryEntry, DirectoryKind } from '../../src/secoda/directories.js';
import { loadTrackingPlan } from '../../src/tracking-plan/load-plan.js';

const ANA = '33733f42-8ff7-460b-9e20-50a2133d3bb0';
const BO = '0f9d6c3b-2e1a-4b87-a5f4-9c8e7d6b1a20';
const FORMER = '7d2e9c41-5b3a-4f86-9e07-1c4a8b6d2f90';
const NEW = '3e8a1f62-9c4d-4b27-8a15-6f0d2c7e9b43';
const GROWTH = '8680f886-97d2-4f4e-92c8-c80b46a3017d';
const LEGACY = '5f3c8e1a-2d7b-4c90-b6e4-9a1f0d3c7e25';
const CAFE = 'aaaaaaaa-2d7b-4c90-b6e4-9a1f0d3c7e25';
const PII_A = 'f7466f09-33bf-4ac2-9ff2-165fb4b8bdc2';
const PII_B = 'a17f4ed0-0e5a-45a9-92c0-6c93c0b8242c';
const STEWARDS = '3b2c7185-fb5d-4d94-89d4-3dae08e093a9';
const CORE = 'e8ac09ed-e51e-4e61-8eaf-59942c98c260';
const UNLISTED = '99999999-8ff7-460b-9e20-50a2133d3bb0';

const e = (id: string, name: string, more: Partial<DirectoryEntry> = {}): DirectoryEntry => ({
  id,
  name,
  inactive: null,
  detail: null,
  ...more,
});
const directories: Directories = {
  users: [
    e(ANA, 'Ana@Acme.com'),
    e(BO, 'bo@acme.com'),
    e(FORMER, 'former@acme.com', { inactive: 'disabled' }),
    e(NEW, 'new@acme.com', { inactive: 'pending' }),
  ],
  teams: [e(GROWTH, 'Growth'), e(LEGACY, 'Legacy Web', { inactive: 'archived' }), e(CAFE, 'Caf\u00e9')],
  tags: [e(PII_A, 'PII', { detail: 'made in Secoda' }), e(PII_B, 'PII', { detail: 'from integration dbt' })],
  groups: [e(STEWARDS, 'Data Stewards')],
  collections: [e(CORE, 'Core Metrics')],
};

const FIELD: Record<DirectoryKind, string> = {
  users: 'owners',
  teams: 'teams',
  tags: 'tags',
  groups: 'owners_groups',
  collections: 'collections',
};

/** Resolves one written value in a one-event plan (loaded from YAML, so the finding is located). */
function resolveOne(kind: DirectoryKind, written: string) {
  const text = `version: 1\nintegration: ca529385-fbc9-4934-afae-e372affe795b\ncategories:\n  - title: C\n    events:\n      - title: E\n        ${FIELD[kind]}: [${JSON.stringify(written)}]\n`;
  const files = [{ path: 'plan.yaml', bytes: new TextEncoder().encode(text) }];
  const loaded = loadTrackingPlan(files);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const resolved = resolvePlanReferences(loaded.plan, directories);
  const value = (resolved.plan.categories[0]!.events[0] as unknown as Record<string, string[]>)[FIELD[kind]]![0];
  return { value, issues: locateFindings(resolved.findings, files) };
}

const cases: {
  name: string;
  kind: DirectoryKind;
  written: string;
  id?: string;
  level?: 'error' | 'warning';
  code?: string;
  words?: string[];
}[] = [
  { name: 'an email, exactly', kind: 'users', written: 'bo@acme.com', id: BO },
  { name: 'an email in another case', kind: 'users', written: 'ana@ACME.com', id: ANA },
  { name: 'an email with spaces around it', kind: 'users', written: ' bo@acme.com ', id: BO },
  { name: 'a user ID, with dashes', kind: 'users', written: ANA, id: ANA },
  {
    name: 'a user ID without dashes, in capitals',
    kind: 'users',
    written: ANA.replace(/-/g, '').toUpperCase(),
    id: ANA.replace(/-/g, '').toUpperCase(),
  },
  { name: 'a team name', kind: 'teams', written: 'Growth', id: GROWTH },
  {
    name: 'a team name is compared exactly (case counts)',
    kind: 'teams',
    written: 'growth',
    level: 'error',
    code: 'reference-unknown-name',
    words: ['did you mean "Growth"?'],
  },
  { name: 'a name in another Unicode form (NFD)', kind: 'teams', written: 'Cafe\u0301', id: CAFE },
  { name: 'a group by name', kind: 'groups', written: 'Data Stewards', id: STEWARDS },
  { name: 'a collection by title', kind: 'collections', written: 'Core Metrics', id: CORE },
  { name: 'a tag by ID where the name is shared', kind: 'tags', written: PII_B, id: PII_B },
  {
    name: 'an unknown email, with did-you-mean',
    kind: 'users',
    written: 'bo@acme.co',
    level: 'error',
    code: 'reference-unknown-name',
    words: ['Secoda has no user with the email "bo@acme.co"', 'did you mean "bo@acme.com"?'],
  },
  {
    name: 'an unknown tag, nothing close',
    kind: 'tags',
    written: 'Quarterly',
    level: 'error',
    code: 'reference-unknown-name',
    words: ['Secoda has no tag "Quarterly"', "write the tag's ID"],
  },
  {
    name: 'an ambiguous tag: the candidates with their IDs',
    kind: 'tags',
    written: 'PII',
    level: 'error',
    code: 'reference-ambiguous-name',
    words: [`${PII_A} (made in Secoda)`, `${PII_B} (from integration dbt)`, 'write the ID'],
  },
  {
    name: 'a disabled user: a warning',
    kind: 'users',
    written: 'former@acme.com',
    id: FORMER,
    level: 'warning',
    code: 'reference-inactive-reference',
    words: ['disabled'],
  },
  {
    name: 'a pending user: a warning',
    kind: 'users',
    written: 'new@acme.com',
    id: NEW,
    level: 'warning',
    code: 'reference-inactive-reference',
    words: ['pending'],
  },
  {
    name: 'an archived team: a warning',
    kind: 'teams',
    written: 'Legacy Web',
    id: LEGACY,
    level: 'warning',
    code: 'reference-inactive-reference',
    words: ['archived'],
  },
  {
    name: 'an ID no directory lists: sent as written, a warning',
    kind: 'teams',
    written: UNLISTED,
    id: UNLISTED,
    level: 'warning',
    code: 'reference-unknown-id',
  },
];

describe('resolving references', () => {
  for (const c of cases) {
    it(c.name, () => {
      const { value, issues } = resolveOne(c.kind, c.written);
      if (c.id !== undefined) expect(value).toBe(c.id);
      if (c.level === undefined) {
        expect(issues).toEqual([]);
        return;
      }
      expect(issues).toHaveLength(1);
      const issue = issues[0]!;
      expect(issue.level ?? 'error').toBe(c.level);
      expect(issue.code).toBe(c.code);
      // Located at the value: line 7, after `        <field>: [`.
      expect([issue.file, issue.line, issue.column]).toEqual(['plan.yaml', 7, 8 + FIELD[c.kind].length + 4]);
      for (const words of c.words ?? []) expect(`${issue.message}\n${issue.hint ?? ''}`).toContain(words);
    });
  }

  it('mixes names and IDs in one list, and takes a name and the ID of one entry as one', () => {
    const text = `version: 1\nintegration: ca529385-fbc9-4934-afae-e372affe795b\ncategories:\n  - title: C\n    teams: [Growth]\n    events:\n      - title: E\n        owners: [bo@acme.com, ${ANA}, ana@acme.com]\n        tags: [${PII_A}]\n`;
    const loaded = loadTrackingPlan([{ path: 'p.yaml', bytes: new TextEncoder().encode(text) }]);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const resolved = resolvePlanReferences(loaded.plan, directories);
    expect(resolved.findings).toEqual([]);
    expect(resolved.plan.categories[0]!.teams).toEqual([GROWTH]);
    expect(resolved.plan.categories[0]!.events[0]!.owners).toEqual([BO, ANA]);
    expect(resolved.plan.categories[0]!.events[0]!.tags).toEqual([PII_A]);
  });

  it('cannot check a name when its directory could not be read, but passes IDs', () => {
    const text = `version: 1\nintegration: ca529385-fbc9-4934-afae-e372affe795b\ncategories:\n  - title: C\n    events:\n      - title: E\n        tags: [${PII_A}, Revenue]\n`;
    const loaded = loadTrackingPlan([{ path: 'p.yaml', bytes: new TextEncoder().encode(text) }]);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const resolved = resolvePlanReferences(loaded.plan, {}, { tags: 'Secoda answered 403 to GET /tag/' });
    expect(resolved.findings.map((f) => [f.level, f.code, f.written])).toEqual([['error', 'directory-unreadable', 'Revenue']]);
    expect(resolved.findings[0]!.message).toContain('403');
  });
});
