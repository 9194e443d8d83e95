/**
 * The npm package's manifest and the JSON Schema's address: what the registry, provenance and
 * editors read. The tarball itself is checked by scripts/check-package.mjs (CI), which installs it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaUrl, withSchemaUrl } from '../../scripts/schema-id.mjs';
import { SCHEMA_URL } from '../../src/files/pull-target.js';
import { REPO_ROOT } from '../support/spawn-cli.js';

const manifest = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  version: string;
  license: string;
  repository: { url: string };
  homepage: string;
  bugs: { url: string };
  keywords: string[];
  exports: Record<string, string>;
  engines: { node: string };
  allowScripts: Record<string, boolean>;
  scripts: Record<string, string>;
};
const schema = JSON.parse(await readFile(join(REPO_ROOT, 'schemas/tracking-plan.schema.json'), 'utf8')) as { $id: string };

describe('the JSON Schema', () => {
  it("has a versioned address, the package version's release tag, as its $id", () => {
    expect(schema.$id).toBe(`https://raw.githubusercontent.com/tpsync/tpsync/v${manifest.version}/schemas/tracking-plan.schema.json`);
    expect(schemaUrl(manifest.version)).toBe(schema.$id);
  });

  it('is what pull writes in its modeline and the README shows', async () => {
    expect(SCHEMA_URL).toBe(schema.$id);
    const readme = await readFile(join(REPO_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`# yaml-language-server: $schema=${schema.$id}\n`);
  });

  it('follows the version: `npm version` rewrites the $id and the modeline (scripts/schema-id.mjs)', async () => {
    expect(manifest.scripts['version']).toMatch(/^node scripts\/schema-id\.mjs && /);
    const [bumpedSchema, bumpedReadme] = await withSchemaUrl('9.8.7');
    const next = 'https://raw.githubusercontent.com/tpsync/tpsync/v9.8.7/schemas/tracking-plan.schema.json';
    expect((JSON.parse(bumpedSchema!.text) as { $id: string }).$id).toBe(next);
    expect(bumpedReadme!.text).toContain(`# yaml-language-server: $schema=${next}\n`);
    // Nothing else changes.
    const [sameSchema, sameReadme] = await withSchemaUrl(manifest.version);
    expect(sameSchema!.text).toBe(await readFile(join(REPO_ROOT, 'schemas/tracking-plan.schema.json'), 'utf8'));
    expect(sameReadme!.text).toBe(await readFile(join(REPO_ROOT, 'README.md'), 'utf8'));
  });
});

describe('package.json', () => {
  it('says where the project lives, for the registry and for provenance', () => {
    expect(manifest.repository.url).toBe('git+https://github.com/tpsync/tpsync.git');
    expect(manifest.homepage).toBe('https://github.com/tpsync/tpsync#readme');
    expect(manifest.bugs.url).toBe('https://github.com/tpsync/tpsync/issues');
    expect(manifest.keywords).toEqual(expect.arrayContaining(['secoda', 'tracking-plan', 'cli']));
  });

  it('exports the JSON Schema and package.json only: a command-line tool, not a library', () => {
    expect(manifest.exports).toEqual({
      './tracking-plan.schema.json': './schemas/tracking-plan.schema.json',
      './package.json': './package.json',
    });
  });

  it('names the Node lines it supports (20.19 on, 22, 24, 26) and allows esbuild its install script', () => {
    expect(manifest.engines.node).toBe('^20.19.0 || ^22 || ^24 || >=26');
    // npm 11 lists install scripts not covered by allowScripts on every install (and npm 12 skips them).
    expect(manifest.allowScripts).toEqual({ esbuild: true });
  });

  it('comes with the MIT licence its `license` names', async () => {
    expect(manifest.license).toBe('MIT');
    const licence = await readFile(join(REPO_ROOT, 'LICENSE'), 'utf8');
    expect(licence.split('\n')[0]).toBe('MIT License');
    expect(licence).toContain('Copyright (c) tpsync contributors');
  });
});
