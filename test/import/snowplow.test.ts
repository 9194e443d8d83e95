import { describe, expect, it } from 'vitest';
import { readIgluRegistry } from '../../src/files/import-sources.js';
import { importIgluSources } from '../../src/import/import-source.js';
import { compareVersions } from '../../src/import/snowplow-plan.js';
import { FIXTURES, importOutput, reordered } from './import-output.js';

function imported(path = `${FIXTURES}/snowplow`, order: <T>(items: readonly T[]) => T[] = (items) => [...items]) {
  const outcome = importIgluSources(order(readIgluRegistry(path)));
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.plan;
}

describe('import --from snowplow (an Iglu registry)', () => {
  it('one category per vendor, one event per schema named by the schema, from its latest version', async () => {
    const output = importOutput(imported());
    expect(output.files.map((file) => file.path)).toEqual(['com-bookshop.yaml', 'org-example-media.yaml', 'tracking-plan.yaml']);
    for (const file of output.files) await expect(file.text).toMatchFileSnapshot(`__snapshots__/snowplow/${file.path}`);
    await expect(output.notes).toMatchFileSnapshot('__snapshots__/snowplow/notes.txt');
  });

  it('takes the folder that holds schemas/ or that schemas folder itself', () => {
    expect(importOutput(imported(`${FIXTURES}/snowplow/schemas`)).files.map((f) => f.text)).toEqual(
      importOutput(imported()).files.map((f) => f.text),
    );
  });

  it('compares SchemaVer numerically: 1-0-10 is later than 1-0-9', () => {
    expect(compareVersions([1, 0, 10], [1, 0, 9])).toBeGreaterThan(0);
    expect(compareVersions([2, 0, 0], [1, 9, 9])).toBeGreaterThan(0);
    const review = imported()
      .categories.find((c) => c.title === 'com.bookshop')
      ?.events.find((e) => e.title === 'book_review');
    expect(review?.properties.map((p) => p.title)).toContain('spoiler');
  });

  it('keeps events of the same name apart by vendor', () => {
    const titles = imported().categories.map((c) => `${c.title}: ${c.events.map((e) => e.title).join(', ')}`);
    expect(titles).toEqual(['com.bookshop: book_review, delivery_slot, reader', 'org.example.media: book_review, stream_heartbeat']);
  });

  it('gives the same files whatever order the schemas are read in', () => {
    expect(importOutput(imported(undefined, reordered))).toEqual(importOutput(imported()));
  });

  it('refuses a schema that is not JSON, with its location', () => {
    const bad = { file: 'schemas/a/b/jsonschema/1-0-0', vendor: 'a', name: 'b', format: 'jsonschema', version: '1-0-0' };
    expect(importIgluSources([{ ...bad, bytes: new TextEncoder().encode('{\n "type": "object",\n}') }])).toMatchObject({
      ok: false,
      issues: [{ file: bad.file, line: 3, column: 1 }],
    });
  });
});
