import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSourceFile } from '../../src/files/import-sources.js';
import { importSegmentSource } from '../../src/import/import-source.js';
import { FIXTURES, importOutput, reordered } from './import-output.js';

const PLAN = `${FIXTURES}/segment/plan.json`;

function imported(bytes = readSourceFile(PLAN).bytes, file = 'plan.json') {
  const outcome = importSegmentSource({ file, bytes });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.plan;
}

describe('import --from segment (a Config API plan, as typewriter stores it)', () => {
  it('writes one category with the plan’s events, identify included', async () => {
    const output = importOutput(imported());
    expect(output.files.map((file) => file.path)).toEqual(['bookshop-web.yaml', 'tracking-plan.yaml']);
    for (const file of output.files) await expect(file.text).toMatchFileSnapshot(`__snapshots__/segment/${file.path}`);
    await expect(output.notes).toMatchFileSnapshot('__snapshots__/segment/notes.txt');
  });

  it('lists each thing it left out by file and JSON pointer', () => {
    const pointers = imported().notes.map((note) => `${note.effect} ${note.pointer}`);
    expect(pointers).toEqual([
      'left-out /rules/events/1/rules/properties/properties/properties/edition/type',
      'left-out /rules/events/1/rules/properties/properties/properties/format',
      'left-out /rules/events/1/rules/properties/properties/properties/price/multipleOf',
      'left-out /rules/events/2',
      'left-out /rules/events/3/rules/properties/properties/properties/note/pattern',
      'left-out /rules/events/3/rules/properties/properties/properties/recipients/maxItems',
      'left-out /rules/global/properties/context',
    ]);
  });

  it('gives the same files whatever order the rules come in', () => {
    const data = JSON.parse(readFileSync(PLAN, 'utf8')) as { rules: { events: unknown[] } };
    data.rules.events = reordered(data.rules.events);
    const shuffled = importOutput(imported(new TextEncoder().encode(JSON.stringify(data))));
    expect(shuffled.files).toEqual(importOutput(imported()).files);
  });

  it('reads the Public API’s rule list the same way', () => {
    const config = JSON.parse(readFileSync(PLAN, 'utf8')) as {
      display_name: string;
      rules: { events: { name: string; version: number; rules: unknown; description?: string }[]; identify: unknown };
    };
    const rules = [
      ...config.rules.events.map((event) => ({
        type: 'TRACK',
        key: event.name,
        version: event.version,
        jsonSchema: event.rules,
        ...(event.description === undefined ? {} : { description: event.description }),
      })),
      { type: 'IDENTIFY', key: null, version: 1, jsonSchema: config.rules.identify },
    ];
    const publicApi = { data: { rules, pagination: { current: 'MA==', totalEntries: rules.length } } };
    const plan = imported(new TextEncoder().encode(JSON.stringify(publicApi)), 'rules.json');
    const [category] = plan.categories;
    expect(category?.title).toBe('Segment');
    expect(category?.events).toEqual(imported().categories[0]?.events);
    expect(plan.notes.map((note) => note.pointer)).toContain('/data/rules/2');
  });

  it('names the category by the Public API’s trackingPlan, reads Terraform’s json_schema, and gives page and screen rules their kind', () => {
    const rules = [
      {
        type: 'PAGE',
        key: 'Pricing',
        version: 1,
        json_schema: { properties: { properties: { properties: { plan: { type: 'string' } } } } },
      },
      { type: 'PAGE', key: null, version: 1, json_schema: {} },
      { type: 'SCREEN', key: 'Home', version: 1, json_schema: { properties: { properties: { additionalProperties: false } } } },
    ];
    const data = { data: { trackingPlan: { id: 'tp_1', name: 'Mobile App' }, rules } };
    const plan = imported(new TextEncoder().encode(JSON.stringify(data)), 'rules.json');
    expect(plan.categories).toEqual([
      {
        title: 'Mobile App',
        events: [
          { title: 'Home', kind: 'screen', additional_properties: false, properties: [] },
          { title: 'Page', kind: 'page', any_name: true, additional_properties: true, properties: [] },
          { title: 'Pricing', kind: 'page', additional_properties: true, properties: [{ title: 'plan', type: 'string' }] },
        ],
      },
    ]);
    expect(plan.notes).toEqual([]);
  });

  it('refuses a file that holds no rules, and broken JSON, with a location', () => {
    expect(importSegmentSource({ file: 'x.json', bytes: new TextEncoder().encode('{"name": "x"}') })).toMatchObject({
      ok: false,
      issues: [{ file: 'x.json', line: 1, column: 1, message: 'holds no Segment tracking plan rules' }],
    });
    expect(importSegmentSource({ file: 'x.json', bytes: new TextEncoder().encode('{\n  "rules": [,]\n}') })).toMatchObject({
      ok: false,
      issues: [{ file: 'x.json', line: 2, message: expect.stringContaining('is not valid JSON') }],
    });
  });
});
