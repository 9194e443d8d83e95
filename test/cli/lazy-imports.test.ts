/**
 * A command loads only what it uses: validate no HTTP client, plan no emulator (fastify) and no
 * GitHub client (octokit, @actions/core) unless it publishes to GitHub. Observed with module
 * hooks in the real built CLI (bin/tpsync.js), as a user runs it.
 */
import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { BIN, REPO_ROOT } from '../support/spawn-cli.js';

const TOKEN = 'lazy-imports-token';
let emulator: RunningEmulator;
beforeEach(async () => {
  emulator = await startEmulator({ token: TOKEN });
});
afterEach(async () => {
  await emulator.close();
});

/** Runs the CLI in a child (the emulator answers from this process, so the child must not block it). */
function loaded(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; packages: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', './test/support/record-imports.mjs', BIN, ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env['PATH'], NO_COLOR: '1', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => {
      const line = stderr.split('\n').find((text) => text.startsWith('LOADED:')) ?? '';
      resolve({ status, packages: line.replace('LOADED:', '').trim().split(' ').filter(Boolean) });
    });
  });
}

const GITHUB = ['octokit', '@octokit/core', '@actions/core'];

describe('what a command loads', () => {
  it('validate: the YAML parsers; no HTTP client, no emulator, no GitHub client', async () => {
    const { status, packages } = await loaded(['validate', 'tracking-plan.example']);
    expect(status).toBe(0);
    expect(packages).toContain('js-yaml');
    for (const name of ['got', 'fastify', 'p-limit', ...GITHUB]) expect(packages).not.toContain(name);
  });

  it('plan against Secoda: the HTTP client, but no emulator and no GitHub client', async () => {
    const { status, packages } = await loaded(['plan', 'tracking-plan.example'], { SECODA_API_URL: emulator.url, SECODA_API_TOKEN: TOKEN });
    expect(status).toBe(0);
    expect(packages).toContain('got');
    for (const name of ['fastify', ...GITHUB]) expect(packages).not.toContain(name);
  }, 30_000);
});
