/**
 * `tpsync accept` on the command line, against the emulator over real HTTP: --dry-run prints the
 * diff and writes nothing; accept writes in place and `plan` is then a no-op (exit 0); what it
 * cannot take makes exit 2 and `plan` still shows it; bad flags and a plan file that is a
 * symbolic link are refused with exit 1 and nothing written.
 */
import { cp, lstat, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { runCli } from '../support/run-cli.js';
import { REPO_ROOT } from '../support/spawn-cli.js';

const TOKEN = 'sntl7Qx2Vb9KcTz4Lm8Pw3Rd';
let secoda: RunningEmulator;
let dir: string;
let plan: string;
let env: Record<string, string>;

beforeEach(async () => {
  secoda = await startEmulator({ token: TOKEN });
  dir = await mkdtemp(join(tmpdir(), 'tpsync-accept-cli-'));
  plan = join(dir, 'tracking-plan');
  await cp(join(REPO_ROOT, 'tracking-plan.example'), plan, { recursive: true });
  env = { SECODA_API_URL: secoda.url, SECODA_API_TOKEN: TOKEN };
  const applied = await runCli(['apply', plan, '--auto-approve', '--writes-per-minute', '0'], env);
  expect(applied.code, applied.stderr).toBe(0);
});
afterEach(async () => {
  await secoda.close();
  await rm(dir, { recursive: true, force: true });
});

function edit(title: string, fields: Record<string, unknown>): void {
  const found = secoda.store.list('event').find((event) => event.title === title);
  if (found === undefined) throw new Error(`no event ${title}`);
  secoda.store.patch(found.id, fields);
}

describe('tpsync accept', () => {
  it('--dry-run prints the unified diff and writes nothing; accept writes it; plan is then a no-op', async () => {
    const before = await readFile(join(plan, 'search.yaml'), 'utf8');
    edit('Products Searched', { description: 'Edited in Secoda.', owners: [] });

    const dry = await runCli(['accept', plan, '--dry-run'], env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(await readFile(join(plan, 'search.yaml'), 'utf8')).toBe(before);
    expect(dry.stdout.startsWith(`--- ${join(plan, 'search.yaml')}\n+++ ${join(plan, 'search.yaml')}\n@@ `)).toBe(true);
    expect(dry.stdout).toMatch(/^- {8}description: A shopper ran a product search\.$/m);
    expect(dry.stdout).toMatch(/^\+ {8}description: Edited in Secoda\.$/m);
    expect(dry.stdout).toMatch(/^\+ {8}owners: \[\]$/m);
    expect(dry.stderr).toContain('Would accept 2 changes from Secoda into');

    const run = await runCli(['accept', plan], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Accepted 2 changes from Secoda into');
    const after = await readFile(join(plan, 'search.yaml'), 'utf8');
    expect(after).toBe(
      before
        .replace('description: A shopper ran a product search.', 'description: Edited in Secoda.')
        .replace(/owners: \[[^\]]+\]/, 'owners: []'),
    );
    const planned = await runCli(['plan', plan, '--detailed-exitcode'], env);
    expect(planned.code, planned.stdout).toBe(0);
  }, 60_000);

  it('writes references by name where the directories name them, and an ID no directory lists as the ID', async () => {
    const before = await readFile(join(plan, 'search.yaml'), 'utf8');
    const ana = '33733f42-8ff7-460b-9e20-50a2133d3bb0';
    const revenue = '1c8b5e2d-9f3a-4d76-b0e1-6a4c7f2d9e58';
    const unlisted = '0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d';
    const searched = secoda.store.list('event').find((event) => event.title === 'Products Searched');
    if (searched === undefined) throw new Error('no event Products Searched');
    edit('Products Searched', { owners: [ana, unlisted], tags: [...searched.tags, revenue] });

    const run = await runCli(['accept', plan], env);
    expect(run.code, run.stderr).toBe(0);
    const after = await readFile(join(plan, 'search.yaml'), 'utf8');
    const changed = after.split('\n').filter((line) => !before.split('\n').includes(line));
    expect(changed.join('\n')).toContain(`owners: [ana@acme.com, ${unlisted}]`);
    expect(changed.join('\n')).toContain('Revenue');
    expect(changed.join('\n')).not.toContain(ana);
    expect(changed.join('\n')).not.toContain(revenue);
    const planned = await runCli(['plan', plan, '--detailed-exitcode'], env);
    expect(planned.code, planned.stdout).toBe(0);
  }, 60_000);

  it('exit 2 when something is left for a person, which plan still shows; nothing to accept is exit 0', async () => {
    const property = secoda.store.list('event_property').find((p) => p.type === 'enum');
    if (property === undefined) throw new Error('no enum property in the example');
    secoda.store.patch(property.id, { type: 'string' } as never);
    const run = await runCli(['accept', plan], env);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toContain('Left for a person (1 change; `tpsync plan` still shows it):');
    expect(run.stdout).toContain(`${property.title} type: Secoda has type "string", the YAML "enum"`);
    const planned = await runCli(['plan', plan, '--detailed-exitcode'], env);
    expect(planned.code).toBe(2);

    secoda.store.patch(property.id, { type: 'enum' } as never);
    const clean = await runCli(['accept', plan], env);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toBe('Nothing to accept: Secoda matches the tracking plan.\n');
  }, 60_000);

  it('refuses an unknown --fields name (exit 1, with the closest field)', async () => {
    const run = await runCli(['accept', plan, '--fields', 'description,onwers'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--fields: "onwers" is not a field accept can take');
    expect(run.stderr).toContain('did you mean owners?');
  });

  it('refuses to write through a plan file that is a symbolic link: exit 1, nothing written, the link kept', async () => {
    // A link to a file inside the plan directory is read as a plan file; accept does not write through it.
    await cp(join(plan, 'search.yaml'), join(plan, 'search.target'));
    await rm(join(plan, 'search.yaml'));
    await symlink(join(plan, 'search.target'), join(plan, 'search.yaml'));
    edit('Products Searched', { description: 'Edited in Secoda.' });
    const before = await readFile(join(plan, 'search.target'), 'utf8');
    const run = await runCli(['accept', plan], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('search.yaml is a symbolic link; tpsync accept does not write through it nor replace it');
    expect(await readFile(join(plan, 'search.target'), 'utf8')).toBe(before);
    expect((await lstat(join(plan, 'search.yaml'))).isSymbolicLink()).toBe(true);
  }, 60_000);
});
