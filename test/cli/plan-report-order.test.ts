/**
 * plan and apply load the YAML, then read Secoda: an invalid plan is reported first and alone,
 * and nothing is asked of Secoda for it; a local input that is wrong (a saved plan file) is
 * reported before Secoda is read too.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { seededDirectories } from '../../src/emulator/directory-data.js';
import { runCli } from '../support/run-cli.js';
import { json, page, startScriptedServer } from '../support/scripted-server.js';

const TOKEN = 'report-order-token-2f1c';
const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';

let emulator: RunningEmulator;
let dir: string;
beforeEach(async () => {
  emulator = await startEmulator({ token: TOKEN });
  dir = await mkdtemp(join(tmpdir(), 'tpsync-order-'));
  await cp('tracking-plan.example', join(dir, 'plan'), { recursive: true });
});
afterEach(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the order of what plan reports', () => {
  const env = () => ({ SECODA_API_URL: emulator.url, SECODA_API_TOKEN: TOKEN });

  it('an invalid plan comes first, even when Secoda refuses the token, and nothing is asked of Secoda', async () => {
    await writeFile(join(dir, 'plan', 'broken.yaml'), 'categories:\n  - title: Broken\n    evnets: []\n');
    emulator.log.clear();
    for (const args of [['plan'], ['apply', '--auto-approve']]) {
      const result = await runCli([...args, join(dir, 'plan')], { ...env(), SECODA_API_TOKEN: 'wrong-token' });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('unknown key "evnets"');
      expect(result.stderr).not.toMatch(/401|token|Secoda answered/i);
    }
    expect(emulator.log.entries).toEqual([]);
  });

  it('does not read Secoda for a plan whose header file is invalid', async () => {
    await writeFile(
      join(dir, 'plan', 'tracking-plan.yaml'),
      `version: 1\nintegration: ${INTEGRATION}\ncategories:\n  - title: X\n    pii: maybe\n`,
    );
    emulator.log.clear();
    const result = await runCli(['plan', join(dir, 'plan')], env());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('unknown key "pii"');
    expect(emulator.log.entries).toEqual([]);
  });

  it('an invalid plan comes before a missing token', async () => {
    await writeFile(join(dir, 'plan', 'broken.yaml'), 'categories:\n  - title: Broken\n    evnets: []\n');
    const result = await runCli(['plan', join(dir, 'plan')], { SECODA_API_URL: emulator.url });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('unknown key "evnets"');
    expect(result.stderr).not.toContain('SECODA_API_TOKEN');
  });

  it('a valid plan then reports the missing token, or what Secoda answered', async () => {
    const missing = await runCli(['plan', join(dir, 'plan')], { SECODA_API_URL: emulator.url });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('SECODA_API_TOKEN is not set');
    const refused = await runCli(['plan', join(dir, 'plan')], { ...env(), SECODA_API_TOKEN: 'wrong-token' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/401/);
    const planned = await runCli(['plan', join(dir, 'plan'), '--detailed-exitcode'], env());
    expect(planned.code).toBe(2);
    expect(emulator.log.entries.filter((entry) => entry.method === 'GET').length).toBeGreaterThanOrEqual(3);
  });

  it('reads nothing from Secoda when a saved plan file is wrong', async () => {
    await writeFile(join(dir, 'broken.json'), 'not json');
    emulator.log.clear();
    const result = await runCli(['apply', join(dir, 'plan'), '--plan-file', join(dir, 'broken.json'), '--writes-per-minute', '0'], env());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is not JSON');
    expect(emulator.log.entries).toEqual([]);
  });

  it('a wrong --concurrency comes after the plan is loaded, as before', async () => {
    await writeFile(join(dir, 'plan', 'broken.yaml'), 'categories:\n  - title: Broken\n    evnets: []\n');
    const result = await runCli(['plan', join(dir, 'plan'), '--concurrency', 'lots'], env());
    expect(result.stderr).toContain('unknown key "evnets"');
    const valid = await runCli(['plan', 'tracking-plan.example', '--concurrency', 'lots'], env());
    expect(valid.code).toBe(1);
    expect(valid.stderr).toContain('--concurrency');
  });
});

const seeded = seededDirectories();
const DIRECTORY_PATHS: Record<string, 'users' | 'teams' | 'tags'> = { '/user/': 'users', '/auth/teams/': 'teams', '/tag/': 'tags' };

describe('what Secoda answers is said only for a plan that loads', () => {
  it('plan prints only the plan’s problems, even while Secoda answers 503', async () => {
    const scripted = await startScriptedServer((_req, res) => json(res, 503, { detail: 'busy' }));
    try {
      // A large file after the header: Secoda is not asked while (or after) it is read.
      const events = Array.from(
        { length: 400 },
        (_, i) => `      - title: Event ${i}\n        properties:\n          - { title: p, type: string }\n`,
      );
      await writeFile(
        join(dir, 'plan', 'zz-large.yaml'),
        `categories:\n  - title: Large\n    events:\n${events.join('')}  - title: Broken\n    evnets: []\n`,
      );
      const result = await runCli(['plan', join(dir, 'plan')], { SECODA_API_URL: scripted.url, SECODA_API_TOKEN: TOKEN });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('unknown key "evnets"');
      expect(result.stderr).not.toContain('retrying');
      expect(scripted.requests).toEqual([]);
    } finally {
      await scripted.close();
    }
  });

  it('for a plan that loads, what Secoda answered is printed', async () => {
    const seen = new Set<string>();
    const scripted = await startScriptedServer((req, res) => {
      if (!seen.has(req.url.pathname)) {
        seen.add(req.url.pathname);
        return json(res, 503, { detail: 'busy' });
      }
      // The directories the example's names are in (users, teams, tags), and empty event lists.
      const directory = DIRECTORY_PATHS[req.url.pathname.replace(/^\/api\/v1/, '')];
      json(res, 200, page(directory === undefined ? [] : seeded[directory], 1, 1));
    });
    try {
      const result = await runCli(['plan', join(dir, 'plan')], { SECODA_API_URL: scripted.url, SECODA_API_TOKEN: TOKEN });
      expect(result.code, result.stderr).toBe(0);
      // Three lists and three directories, each answered 503 once.
      expect(result.stderr.match(/^retrying GET /gm)).toHaveLength(6);
    } finally {
      await scripted.close();
    }
  });
});
