/**
 * Names against the emulator over real HTTP, through the command line: a plan written with
 * emails and names applies with only IDs in the requests and shows names; one name that fails
 * stops apply before any write (requests counted at the emulator); each directory is read once;
 * `validate` stays offline and says where names are checked.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { runCli } from '../support/run-cli.js';

const TOKEN = 'names-secret-token-7c1d';
const ANA = '33733f42-8ff7-460b-9e20-50a2133d3bb0';

let emulator: RunningEmulator;
let dir: string;
let env: Record<string, string>;

beforeEach(async () => {
  emulator = await startEmulator({ token: TOKEN });
  dir = await mkdtemp(join(tmpdir(), 'tpsync-names-'));
  await cp('tracking-plan.example', join(dir, 'plan'), { recursive: true });
  env = { SECODA_API_URL: emulator.url, SECODA_API_TOKEN: TOKEN };
});
afterEach(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

const unpaced = ['--writes-per-minute', '0', '--auto-approve'];
const writes = () => emulator.log.entries.filter((e) => e.method !== 'GET');

describe('names through plan and apply', () => {
  it('applies names as IDs, shows names, and reads each directory once', async () => {
    const planned = await runCli(['plan', join(dir, 'plan'), '--json'], env);
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stdout).toContain('"name": "ana@acme.com"');
    const directoryReads = emulator.log.entries.filter((e) => /\/(user|auth\/teams|tag)\/?(\?|$)/.test(e.path));
    expect(directoryReads.map((e) => e.path.replace(/\?.*/, '').replace(/^\/api\/v1/, '')).sort()).toEqual([
      '/auth/teams/',
      '/tag/',
      '/user/',
    ]);

    const applied = await runCli(['apply', join(dir, 'plan'), ...unpaced], env);
    expect(applied.code, applied.stderr).toBe(0);
    // Only IDs reached Secoda: every owner the store holds is a user ID, never an email.
    const owners = emulator.store.list('event').flatMap((r) => r.owners);
    expect(owners.length).toBeGreaterThan(0);
    expect(owners.every((o) => /^[0-9a-f-]{36}$/.test(o))).toBe(true);
    expect(owners).toContain(ANA);

    // A change of owners reads by email.
    const file = join(dir, 'plan', 'landing-page.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('owners: [ana@acme.com]', 'owners: [BO@acme.com]'));
    const changed = await runCli(['plan', join(dir, 'plan')], env);
    expect(changed.stdout).toMatch(/owners: \+bo@acme\.com -ana@acme\.com/);
    expect(changed.stdout).not.toContain(ANA);
  });

  it('pull writes names (pull --ids keeps IDs), and pull → plan is a no-op', async () => {
    expect((await runCli(['apply', join(dir, 'plan'), ...unpaced], env)).code).toBe(0);
    const out = join(dir, 'pulled.yaml');
    const pulled = await runCli(['pull', '--integration', 'ca529385-fbc9-4934-afae-e372affe795b', '--out', out], env);
    expect(pulled.code, pulled.stderr).toBe(0);
    const text = await readFile(out, 'utf8');
    expect(text).toContain('owners: [ana@acme.com]');
    expect(text).toMatch(/teams: \[Growth\]/);
    expect(text).not.toContain(ANA);
    const again = await runCli(['plan', out], env);
    expect(again).toMatchObject({ code: 0, stdout: 'No changes. Secoda matches the tracking plan.\n' });
    const ids = await runCli(['pull', '--integration', 'ca529385-fbc9-4934-afae-e372affe795b', '--ids'], env);
    expect(ids.stdout).toContain(`owners: [${ANA}]`);
    expect(ids.stdout).not.toContain('ana@acme.com');
  });

  it('an unknown name stops apply before any write, located, with did-you-mean', async () => {
    const file = join(dir, 'plan', 'checkout.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('- Revenue', '- Revenu'));
    const before = writes().length;
    const applied = await runCli(['apply', join(dir, 'plan'), ...unpaced], env);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toMatch(/checkout\.yaml:\d+:\d+ +error +tags: Secoda has no tag "Revenu"/);
    expect(applied.stderr).toContain('did you mean "Revenue"?');
    expect(writes().length).toBe(before);
    expect(emulator.store.size).toBe(0);
  });

  it('an ambiguous name stops the plan, listing the candidates with their IDs', async () => {
    const twin = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    emulator.store.setDirectories({
      ...emulator.store.directories,
      tags: [...emulator.store.directories.tags, { id: twin, name: 'PII', integration_id: 'dbt-prod' }],
    });
    const planned = await runCli(['plan', join(dir, 'plan')], env);
    expect(planned.code).toBe(1);
    expect(planned.stderr).toMatch(/"PII" names 2 tags in Secoda: .*f7466f09-33bf-4ac2-9ff2-165fb4b8bdc2 \(made in Secoda\)/);
    expect(planned.stderr).toContain(`${twin} (from integration dbt-prod)`);
    expect(planned.stderr).toContain('write the ID');
  });

  it('validate stays offline: it checks an email is an email, and says names are checked by plan', async () => {
    const offline = { SECODA_API_URL: 'http://127.0.0.1:9/api/v1', SECODA_API_TOKEN: TOKEN };
    expect((await runCli(['validate', join(dir, 'plan')], offline)).code).toBe(0);
    const file = join(dir, 'plan', 'checkout.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('owners: [chen@acme.com]', 'owners: [chen@acme]'));
    const invalid = await runCli(['validate', join(dir, 'plan')], offline);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('"chen@acme" in "owners" is not an email address or a Secoda user ID');
    const help = (await runCli(['help', 'validate'], {})).stdout.replace(/\s+/g, ' ');
    expect(help).toContain("names are checked against Secoda's users, teams, groups, tags and collections by `tpsync plan`");
    expect(emulator.log.entries).toHaveLength(0);
  });
});
