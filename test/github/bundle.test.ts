/**
 * The action and the npm package run one committed bundle (dist-action/tpsync.mjs and the chunks it
 * loads on demand): it must be what the sources give today, carry the licences of what it
 * includes, and run on its own.
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundle } from '../../scripts/bundle.mjs';
import { generate } from '../../scripts/compile-validators.mjs';
import { REPO_ROOT } from '../support/spawn-cli.js';

describe('the bundle', () => {
  it('is what the sources give today (run `npm run bundle` and commit it otherwise)', async () => {
    const fresh = await bundle();
    for (const [path, text] of fresh.files) expect((await readFile(join(REPO_ROOT, path), 'utf8')) === text, `${path} is stale`).toBe(true);
    // No chunk left over from an earlier build.
    const chunks = (await readdir(join(REPO_ROOT, 'dist-action/chunks'))).map((name) => `dist-action/chunks/${name}`);
    expect(chunks.filter((path) => !fresh.files.has(path))).toEqual([]);
    expect(await readFile(join(REPO_ROOT, 'dist-action/LICENSES.txt'), 'utf8')).toBe(fresh.licences);
  }, 60_000);

  it('names the licence of every package it includes', async () => {
    const licences = await readFile(join(REPO_ROOT, 'dist-action/LICENSES.txt'), 'utf8');
    for (const name of ['got', 'ajv', 'js-yaml', 'yaml', 'fastify', 'octokit', '@actions/core', 'p-limit']) {
      expect(licences).toMatch(new RegExp(`^${name.replace('/', '\\/')} \\d+\\.\\d+\\.\\d+ — `, 'm'));
    }
  });

  it('runs alone, outside the repository, with no node_modules', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tpsync-bundle-'));
    try {
      await cp(join(REPO_ROOT, 'dist-action'), dir, { recursive: true });
      await cp(join(REPO_ROOT, 'tracking-plan.example'), join(dir, 'plan'), { recursive: true });
      const run = (...args: string[]) =>
        spawnSync(process.execPath, ['tpsync.mjs', ...args], {
          cwd: dir,
          encoding: 'utf8',
          env: { PATH: process.env['PATH'], NO_COLOR: '1' },
        });
      const validate = run('validate', 'plan');
      expect(validate.status, validate.stderr).toBe(0);
      const apply = run('apply', 'plan', '--local');
      expect(apply.status, apply.stderr).toBe(0);
      expect(apply.stdout).toContain('Verified');
      expect(run('plan', 'plan', '--local', '--detailed-exitcode').status).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the precompiled validators', () => {
  it('are those the schemas give today', async () => {
    for (const { path, text } of await generate())
      expect(await readFile(join(REPO_ROOT, path), 'utf8'), `${path}: run npm run build`).toBe(text);
  });
});
