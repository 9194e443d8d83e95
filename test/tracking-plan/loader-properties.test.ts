import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { compareIssues } from '../../src/errors.js';
import { loadTrackingPlan, type LoadResult } from '../../src/tracking-plan/load-plan.js';

const encode = (text: string) => new TextEncoder().encode(text);

const VALID = `version: 1
integration: ca529385-fbc9-4934-afae-e372affe795b
categories:
  - title: Landing Page
    teams: [8680f886-97d2-4f4e-92c8-c80b46a3017d]
    events:
      - title: CTA Clicked
        description: A visitor clicked a call-to-action.
        definition: |
          Fired once per click on any primary CTA.
        pii: false
        owners: [33733f42-8ff7-460b-9e20-50a2133d3bb0]
        properties:
          - title: button_color
            type: enum
            enum: [red, green, yellow]
            required: true
          - title: position
            type: integer
      - title: Page Viewed
        properties:
          - title: path
            type: string
`;

/** Every issue is located (a line and column in a named file) and explained; the list is sorted. */
function expectWellFormed(result: LoadResult, files: string[]): void {
  if (result.ok) return;
  expect(result.issues.length).toBeGreaterThan(0);
  for (const issue of result.issues) {
    expect(files).toContain(issue.file);
    expect(issue.line).toBeGreaterThanOrEqual(1);
    expect(issue.column).toBeGreaterThanOrEqual(1);
    expect(issue.message.trim()).not.toBe('');
    expect(issue.code).toMatch(/^[a-z-]+$/);
  }
  const sorted = [...result.issues].sort(compareIssues);
  expect(result.issues).toEqual(sorted);
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Paths to every node of a JSON value. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => paths(v, [...prefix, i])));
  if (value !== null && typeof value === 'object') return here.concat(...Object.entries(value).map(([k, v]) => paths(v, [...prefix, k])));
  return here;
}

const odd = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.string(),
  fc.constantFrom('', ' padded ', 'a, b', 'yes', 'enum', 'str', '~', '{}', '[]', '&a', '*a', 'jane@acme.com', '\u0000', '💥'),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 3 }),
);

const mutation = fc.record({
  pick: fc.nat(),
  kind: fc.constantFrom('replace', 'delete', 'rename', 'duplicate', 'add'),
  value: odd,
  key: fc.constantFrom('title', 'titel', 'type', 'enum', 'required', 'is_required', 'events', 'properties', 'pii', 'owners', 'x', ''),
});

function mutate(root: Json, steps: { pick: number; kind: string; value: unknown; key: string }[]): Json {
  let data = structuredClone(root);
  for (const step of steps) {
    const all = paths(data).filter((p) => p.length > 0);
    if (all.length === 0) break;
    const path = all[step.pick % all.length] ?? [];
    const parentPath = path.slice(0, -1);
    const last = path[path.length - 1] as string | number;
    const parent = parentPath.reduce<Json>((node, seg) => (node as Record<string | number, Json>)[seg] as Json, data) as
      Record<string | number, Json> | Json[];
    const container = parent as Record<string | number, Json>;
    switch (step.kind) {
      case 'replace':
        container[last] = step.value as Json;
        break;
      case 'delete':
        if (Array.isArray(parent)) parent.splice(Number(last), 1);
        else delete container[last];
        break;
      case 'rename':
        if (!Array.isArray(parent)) {
          container[step.key] = container[last] as Json;
          if (step.key !== last) delete container[last];
        }
        break;
      case 'duplicate':
        if (Array.isArray(parent)) parent.push(structuredClone(parent[Number(last)] as Json));
        break;
      case 'add':
        if (!Array.isArray(parent) && typeof parent === 'object') container[step.key] = step.value as Json;
        break;
    }
    if (parentPath.length === 0 && data === null) data = {};
  }
  return data;
}

describe('the loader never throws: it returns a plan or located issues', () => {
  it('for structural mutations of a valid plan', () => {
    const base = JSON.parse(JSON.stringify(baseData(VALID))) as Json;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (steps) => {
        const text = stringify(mutate(base, steps));
        const result = loadTrackingPlan([{ path: 'plan.yaml', bytes: encode(text) }]);
        expectWellFormed(result, ['plan.yaml']);
      }),
      { numRuns: 400 },
    );
  });

  it('for text mutations (inserted, deleted and replaced characters)', () => {
    const edit = fc.record({
      at: fc.nat(),
      remove: fc.nat({ max: 4 }),
      insert: fc.constantFrom('', ':', '- ', '\t', '"', "'", '[', '{', '&x ', '*x', '\n', '  ', '#', '|', '>', '\u00e9', '\uFEFF'),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 5 }), (edits) => {
        let text = VALID;
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
        }
        const result = loadTrackingPlan([{ path: 'plan.yaml', bytes: encode(text) }]);
        expectWellFormed(result, ['plan.yaml']);
      }),
      { numRuns: 400 },
    );
  });

  it('for arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expectWellFormed(loadTrackingPlan([{ path: 'x.yaml', bytes }]), ['x.yaml']);
      }),
      { numRuns: 300 },
    );
  });
});

describe('plans that must validate', () => {
  it('the example plan', async () => {
    const { readTrackingPlan } = await import('../support/read-plan.js');
    const result = await readTrackingPlan('tracking-plan.example');
    expect(result.ok, JSON.stringify(!result.ok && result.issues)).toBe(true);
    if (!result.ok) return;
    const events = result.plan.categories.flatMap((c) => c.events);
    expect(result.plan.categories.length).toBeGreaterThanOrEqual(5);
    expect(events.length).toBeGreaterThanOrEqual(25);
    expect(events.flatMap((e) => e.properties).length).toBeGreaterThanOrEqual(80);
    const text = await readFile('tracking-plan.example/checkout.yaml', 'utf8');
    expect(text.startsWith('# yaml-language-server: $schema=../schemas/tracking-plan.schema.json')).toBe(true);
  });

  it('a large generated plan (200 events, 10,000 properties) in one pass', () => {
    const types = ['string', 'integer', 'number', 'boolean', 'date', 'datetime', 'object', 'array'];
    const lines = ['version: 1', 'integration: ca529385-fbc9-4934-afae-e372affe795b', 'categories:'];
    for (let c = 0; c < 10; c++) {
      lines.push(`  - title: Category ${c}`, '    events:');
      for (let e = 0; e < 20; e++) {
        lines.push(`      - title: Event ${c}.${e}`, '        description: Generated.', '        properties:');
        for (let p = 0; p < 50; p++) {
          if (p % 10 === 0) lines.push(`          - title: p${p}`, '            type: enum', '            enum: [a, b, c]');
          else lines.push(`          - title: p${p}`, `            type: ${types[p % types.length]}`, '            required: false');
        }
      }
    }
    const result = loadTrackingPlan([{ path: 'big.yaml', bytes: encode(lines.join('\n')) }]);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.plan.categories.flatMap((c) => c.events).flatMap((e) => e.properties)).toHaveLength(10_000);
  });
});

function baseData(text: string): unknown {
  // The valid base, parsed once with the same library the loader uses.
  const result = loadTrackingPlan([{ path: 'base.yaml', bytes: encode(text) }]);
  if (!result.ok) throw new Error('the base plan must be valid');
  return {
    version: 1,
    integration: result.plan.integration,
    categories: result.plan.categories.map((c) => ({
      title: c.title,
      ...(c.teams ? { teams: c.teams } : {}),
      events: c.events.map(({ source: _s, properties, ...event }) => ({
        ...event,
        properties,
      })),
    })),
  };
}
