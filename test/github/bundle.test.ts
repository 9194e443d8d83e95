/**
 * The action and the npm package run one committed bundle (dist-action/tpsync.mjs and the chunks it
 * loads on demand): it must be what the sources give today, carry the licences of what it
 * includes, and run on its own.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
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

  it("leaves out got's HTTP/2 and caching packages, and still speaks https through got", async () => {
    const licences = await readFile(join(REPO_ROOT, 'dist-action/LICENSES.txt'), 'utf8');
    for (const name of ['http2-wrapper', 'cacheable-request', 'cacheable-lookup', 'keyv'])
      expect(licences).not.toMatch(new RegExp(`^${name} `, 'm'));
    // A plain-HTTP server behind an https:// URL: got's https path (https.request, TLS) runs in
    // the bundle and fails the handshake as it does from the sources, with the same message.
    const server = createServer((_request, response) => response.end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const url = `https://127.0.0.1:${port}/api/v1`;
      // Not spawnSync: the server answers from this process's event loop.
      const result = await new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
        const args = [join(REPO_ROOT, 'dist-action/tpsync.mjs'), 'plan', join(REPO_ROOT, 'tracking-plan.example')];
        const env = { PATH: process.env['PATH'], NO_COLOR: '1', SECODA_API_URL: url, SECODA_API_TOKEN: 'bundle-test-token' };
        const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
        child.on('error', reject);
        child.on('close', (status) => resolve({ status, stderr }));
      });
      expect(result.status, result.stderr).toBe(1);
      expect(result.stderr).toContain(`could not start TLS with ${url}/`);
      expect(result.stderr).toContain('does not speak https');
      expect(result.stderr).not.toContain('not part of the tpsync bundle');
    } finally {
      server.close();
    }
  }, 60_000);

  it('runs alone, outside the repository, with no node_modules', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tpsync-bundle-'));
    try {
      await cp(join(REPO_ROOT, 'dist-action'), dir, { recursive: true });
      await mkdir(join(dir, 'plan'));
      await cp(join(REPO_ROOT, 'test/fixtures/small-plan.yaml'), join(dir, 'plan', 'tracking-plan.yaml'));
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
