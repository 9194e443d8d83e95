import { describe, expect, it } from 'vitest';
import { readProjectFiles } from '../../src/files/import-sources.js';
import { importRudderSources } from '../../src/import/import-source.js';
import { FIXTURES, importOutput, reordered } from './import-output.js';

async function imported(project: string, order: <T>(items: readonly T[]) => T[] = (items) => [...items]) {
  const outcome = importRudderSources(order(await readProjectFiles(`${FIXTURES}/${project}`)));
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.plan;
}

describe('import --from rudderstack (a rudder-cli project folder)', () => {
  it('rudder/v1: one category per tracking plan, custom types, nested properties, variants', async () => {
    const output = importOutput(await imported('rudderstack-v1'));
    expect(output.files.map((file) => file.path)).toEqual(['listening-app.yaml', 'tracking-plan.yaml']);
    for (const file of output.files) await expect(file.text).toMatchFileSnapshot(`__snapshots__/rudderstack-v1/${file.path}`);
    await expect(output.notes).toMatchFileSnapshot('__snapshots__/rudderstack-v1/notes.txt');
  });

  it('rudder/0.1: propConfig, comma-separated types, allow_unplanned, includes', async () => {
    const output = importOutput(await imported('rudderstack-legacy'));
    expect(output.files.map((file) => file.path)).toEqual(['checkout.yaml', 'support-desk.yaml', 'tracking-plan.yaml']);
    for (const file of output.files) await expect(file.text).toMatchFileSnapshot(`__snapshots__/rudderstack-legacy/${file.path}`);
    await expect(output.notes).toMatchFileSnapshot('__snapshots__/rudderstack-legacy/notes.txt');
  });

  it('an event stays closed unless its rule allows unplanned properties, and a nested object as its rule says', async () => {
    const events = (await imported('rudderstack-v1')).categories[0]?.events ?? [];
    const played = events.find((event) => event.title === 'Track Played');
    expect(played?.additional_properties).toBe(false);
    expect(played?.properties.find((p) => p.title === 'device')).toMatchObject({ type: 'object', additional_properties: false });
    expect(events.find((event) => event.title === 'Playlist Created')?.additional_properties).toBe(true);
    // A custom object type has no say on other properties: open, as JSON Schema is.
    expect(events.find((event) => event.title === 'Playlist Created')?.properties.find((p) => p.title === 'owner')).toMatchObject({
      additional_properties: true,
    });
  });

  it('names notes by the YAML file and the JSON pointer into its data', async () => {
    const notes = (await imported('rudderstack-v1')).notes;
    expect(notes.map((note) => `${note.file}#${note.pointer}`)).toEqual([
      'catalog/events.yaml#/spec/events/5',
      'catalog/properties.yaml#/spec/properties/4/config/max_items',
      'catalog/properties.yaml#/spec/properties/15/config/multiple_of',
      'plans/listening.yaml#/spec/rules/2/variants',
    ]);
  });

  it('gives the same files whatever order the project’s files are read in', async () => {
    for (const project of ['rudderstack-v1', 'rudderstack-legacy']) {
      expect(importOutput(await imported(project, reordered)).files).toEqual(importOutput(await imported(project)).files);
    }
  });

  it('refuses a folder with no rudder-cli YAML, and broken YAML with its location', () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect(importRudderSources([{ file: 'a.yaml', bytes: bytes('name: x\n') }])).toMatchObject({ ok: false, issues: [{ file: 'a.yaml' }] });
    expect(importRudderSources([{ file: 'b.yaml', bytes: bytes('version: rudder/v1\nkind: [\n') }])).toMatchObject({
      ok: false,
      issues: [{ file: 'b.yaml', line: expect.any(Number) as number }],
    });
  });
});
