import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const FIXTURES = 'test/fixtures/import';
const SNAPSHOTS = 'test/import/__snapshots__';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tpsync-import-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A written file without its first line (the schema modeline, relative to where it was written). */
async function body(path: string): Promise<string> {
  return (await readFile(path, 'utf8')).split('\n').slice(1).join('\n');
}

describe('tpsync import', () => {
  it.each([
    ['segment', `${FIXTURES}/segment/plan.json`, 'segment', ['bookshop-web.yaml', 'tracking-plan.yaml']],
    ['rudderstack', `${FIXTURES}/rudderstack-v1`, 'rudderstack-v1', ['listening-app.yaml', 'tracking-plan.yaml']],
    ['snowplow', `${FIXTURES}/snowplow`, 'snowplow', ['com-bookshop.yaml', 'org-example-media.yaml', 'tracking-plan.yaml']],
  ])('--from %s writes the plan, lists what it left out, and exits 0', async (from, source, snapshots, names) => {
    const out = join(dir, `${from}-out`);
    const result = await runCli(['import', '--from', from, source, '--out', out, '--integration', 'ca529385-fbc9-4934-afae-e372affe795b']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^✓ Imported \d+ events? in \d+ categor(y|ies) from /);
    expect(result.stdout).not.toContain('placeholder');
    expect((await readdir(out)).sort()).toEqual(names);
    for (const name of names) expect(await body(join(out, name))).toBe(await body(join(SNAPSHOTS, snapshots, name)));
    // Each note as the library's snapshot has it (effect, file#pointer: message), under a heading.
    const notes = (await readFile(join(SNAPSHOTS, snapshots, 'notes.txt'), 'utf8')).split('\n').filter((line) => line !== '');
    // (A Segment source is one file, named as given; a folder's files relative to the folder.)
    for (const line of notes) expect(result.stderr).toContain(`  ${line.replace(/^\S+ {2}/, '').replace(/^plan\.json#/, `${source}#`)}\n`);
  });

  it('gives byte-identical files for the same source', async () => {
    const source = `${FIXTURES}/rudderstack-legacy`;
    const [a, b] = [join(dir, 'same-a'), join(dir, 'same-b')];
    for (const out of [a, b]) expect((await runCli(['import', '--from', 'rudderstack', source, '--out', out])).code).toBe(0);
    const names = (await readdir(a)).sort();
    expect(names).toEqual((await readdir(b)).sort());
    for (const name of names) expect(await readFile(join(a, name))).toEqual(await readFile(join(b, name)));
  });

  it('writes a placeholder integration without --integration, and says to replace it', async () => {
    const out = join(dir, 'placeholder');
    const result = await runCli(['import', '--from', 'segment', `${FIXTURES}/segment/plan.json`, '--out', out]);
    expect(result.code).toBe(0);
    expect(await readFile(join(out, 'tracking-plan.yaml'), 'utf8')).toContain('integration: 00000000-0000-0000-0000-000000000000 #');
    expect(result.stdout).toContain('replace the placeholder integration');
  });

  it('refuses to write into a folder that holds something, unless --force', async () => {
    const out = join(dir, 'taken');
    await mkdir(out);
    await writeFile(join(out, 'notes.md'), 'mine\n');
    const refused = await runCli(['import', '--from', 'segment', `${FIXTURES}/segment/plan.json`, '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not empty; import does not overwrite it');
    expect(await readdir(out)).toEqual(['notes.md']);
    const forced = await runCli(['import', '--from', 'segment', `${FIXTURES}/segment/plan.json`, '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['bookshop-web.yaml', 'notes.md', 'tracking-plan.yaml']);
  });

  it('names the place in a source that is not valid JSON or YAML, without a stack trace, and writes nothing', async () => {
    const json = join(dir, 'broken.json');
    await writeFile(json, '{\n  "rules": {"events": [\n    {"name": "A", "rules": }\n  ]}\n}\n');
    const out = join(dir, 'never');
    const bad = await runCli(['import', '--from', 'segment', json, '--out', out]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`${json}:3:28  error  is not valid JSON`);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const project = join(dir, 'rudder');
    await mkdir(project);
    await writeFile(join(project, 'p.yaml'), 'version: rudder/v1\nkind: properties\nspec:\n  properties: [\n');
    const yaml = await runCli(['import', '--from', 'rudderstack', project, '--out', out]);
    expect(yaml.code).toBe(1);
    expect(yaml.stderr).toMatch(new RegExp(`${join(project, 'p.yaml').replaceAll('/', '\\/')}:\\d+:\\d+  error  YAML`));
    await expect(readdir(out)).rejects.toThrow();
  });

  it.each([
    [['import', `${FIXTURES}/segment/plan.json`, '--out', 'x'], '--from is required'],
    [
      ['import', '--from', 'amplitude', `${FIXTURES}/segment/plan.json`, '--out', 'x'],
      '--from must be one of segment, rudderstack, snowplow',
    ],
    [['import', '--from', 'segment', `${FIXTURES}/segment/plan.json`], '--out is required'],
    [
      ['import', '--from', 'snowplow', `${FIXTURES}/segment`, '--out', 'x'],
      'holds no schemas laid out as schemas/<vendor>/<name>/jsonschema/<version>',
    ],
    [['import', '--from', 'segment', `${FIXTURES}/rudderstack-v1/plans/listening.yaml`, '--out', 'x'], 'is not valid JSON'],
  ])('refuses %j', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
  });

  it('writes what `tpsync validate` accepts', async () => {
    for (const [from, source] of [
      ['segment', `${FIXTURES}/segment/plan.json`],
      ['rudderstack', `${FIXTURES}/rudderstack-legacy`],
      ['snowplow', `${FIXTURES}/snowplow/schemas`],
    ] as const) {
      const out = join(dir, `validated-${from}`);
      expect((await runCli(['import', '--from', from, source, '--out', out])).code).toBe(0);
      expect(await runCli(['validate', out])).toMatchObject({ code: 0 });
    }
  });
});
