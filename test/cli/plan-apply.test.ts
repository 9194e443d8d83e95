import { mkdtemp, readFile, readdir, rm, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { applyToStore } from '../support/applied-store.js';
import { runCli } from '../support/run-cli.js';

const TOKEN = 'cli-secret-token-5a9e';
const EXAMPLE = 'tracking-plan.example';
/** 7 creates, for what does not depend on the plan's size. */
const SMALL = 'test/fixtures/small-plan.yaml';
const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';

let emulator: RunningEmulator;
let dir: string;
let env: Record<string, string>;

beforeEach(async () => {
  emulator = await startEmulator({ token: TOKEN });
  dir = await mkdtemp(join(tmpdir(), 'tpsync-cli-'));
  env = { SECODA_API_URL: emulator.url, SECODA_API_TOKEN: TOKEN };
});
afterEach(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

const writes = () => emulator.log.entries.filter((e) => e.method !== 'GET').length;
const unpaced = ['--writes-per-minute', '0', '--auto-approve'];

describe('tpsync plan', () => {
  it('exits 2 with --detailed-exitcode when there are changes, 0 once applied', async () => {
    const planned = await runCli(['plan', EXAMPLE, '--detailed-exitcode'], env);
    expect(planned.code).toBe(2);
    expect(planned.stdout).toMatch(/Plan: 201 to create, 0 to update, 0 to replace, 0 to delete\./);
    expect(planned.stdout).toMatch(/Apply makes 201 write calls: about 6 min 42 s at 30 writes a minute./);
    expect(writes()).toBe(0);

    await applyToStore(emulator.store, EXAMPLE);
    const again = await runCli(['plan', EXAMPLE, '--detailed-exitcode'], env);
    expect(again).toMatchObject({ code: 0, stdout: 'No changes. Secoda matches the tracking plan.\n' });
  });

  it('category drift: nothing to apply, but not "no changes"; --detailed-exitcode exits 2; apply asks nothing and exits 0', async () => {
    await applyToStore(emulator.store, EXAMPLE);
    emulator.store.insert('event_category', { title: 'Made In The UI', integration: INTEGRATION });
    const planned = await runCli(['plan', EXAMPLE, '--detailed-exitcode'], env);
    expect(planned.code).toBe(2);
    expect(planned.stdout.split('\n')[0]).toBe('Nothing to apply. 1 warning needs a manual step in Secoda.');
    expect(planned.stdout).toContain('! category "Made In The UI" is in Secoda but not in the tracking plan');
    expect(planned.stdout).not.toContain('No changes');
    expect((await runCli(['plan', EXAMPLE], env)).code).toBe(0);
    const markdown = await runCli(['plan', EXAMPLE, '--markdown', '--detailed-exitcode'], env);
    expect(markdown.code).toBe(2);
    expect(markdown.stdout.startsWith('**Nothing to apply. 1 warning needs a manual step in Secoda.**')).toBe(true);

    const before = writes();
    // No --auto-approve and no terminal: a plan with nothing to apply asks nothing.
    const applied = await runCli(['apply', EXAMPLE, '--writes-per-minute', '0'], env);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout.split('\n')[0]).toBe('Nothing to apply. 1 warning needs a manual step in Secoda.');
    expect(applied.stderr).toBe('');
    expect(writes()).toBe(before);
  });

  it('prints only JSON on stdout with --json, and only Markdown with --markdown', async () => {
    const asJson = await runCli(['plan', EXAMPLE, '--json'], env);
    expect(asJson.code).toBe(0);
    const parsed = JSON.parse(asJson.stdout) as { format_version: number; summary: { create: number }; operations: unknown[] };
    expect(parsed).toMatchObject({ format_version: 2, summary: { create: 201, compatibility: { breaking: 0, warning: 0, safe: 201 } } });
    const asMarkdown = await runCli(['plan', EXAMPLE, '--markdown'], env);
    expect(asMarkdown.stdout.startsWith('**Plan: 201 to create')).toBe(true);
    expect((await runCli(['plan', EXAMPLE, '--json'], env)).stdout).toBe(asJson.stdout);
    // --markdown-out saves that same Markdown, whatever stdout shows (for the drift check's issue).
    const saved = join(dir, 'plan.md');
    const withFile = await runCli(['plan', EXAMPLE, '--json', '--markdown-out', saved], env);
    expect(withFile.stdout).toBe(asJson.stdout);
    expect(await readFile(saved, 'utf8')).toBe(asMarkdown.stdout);
  });

  it('warns about a plan that would trip the delete guard', async () => {
    const category = emulator.store.insert('event_category', { title: 'Legacy', integration: INTEGRATION });
    for (let i = 0; i < 12; i++) emulator.store.insert('event', { title: `Old ${i}`, integration: INTEGRATION, parent: category.id });
    const planned = await runCli(['plan', EXAMPLE], env);
    expect(planned.stdout).toContain(
      '! this plan destroys 12 events and properties (deleted, or deleted and re-created): more than --max-deletes 10',
    );
    expect(planned.stdout).toContain('apply refuses it unless given --allow-deletes');
    expect(planned.stdout).toContain('- 12 events are not in the tracking plan: check the plan path');
  });
});

describe('tpsync apply', () => {
  it('refuses a mass delete before any write, and applies it with --allow-deletes', async () => {
    await applyToStore(emulator.store, EXAMPLE);
    const emptied = join(dir, 'plan.yaml');
    await writeFile(emptied, `version: 1\nintegration: ${INTEGRATION}\n`);
    const before = writes();
    const refused = await runCli(['apply', emptied, ...unpaced], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /error: refused: this plan destroys 195 events and properties \(deleted, or deleted and re-created\): more than --max-deletes 10, and more than a quarter of the 195/,
    );
    expect(refused.stderr).toContain('- 33 events and 162 properties are not in the tracking plan: check the plan path');
    expect(refused.stderr).toContain('--allow-deletes');
    expect(writes()).toBe(before);

    const allowed = await runCli(['apply', emptied, '--allow-deletes', ...unpaced], env);
    expect(allowed.code).toBe(0);
    expect(emulator.store.list('event')).toEqual([]);
  });

  it('applies exactly a saved plan, and refuses it once stale', async () => {
    const planFile = join(dir, 'plan.json');
    expect((await runCli(['plan', SMALL, '--out', planFile], env)).code).toBe(0);
    // Secoda changes after the plan was made: the saved plan is stale.
    emulator.store.insert('event_category', { title: 'Surprise', integration: INTEGRATION });
    const stale = await runCli(['apply', SMALL, '--plan-file', planFile, ...unpaced], env);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('stale plan: Secoda changed since the plan was saved');
    expect(writes()).toBe(0);

    await runCli(['plan', SMALL, '--out', planFile], env);
    const applied = await runCli(['apply', SMALL, '--plan-file', planFile, ...unpaced], env);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Verified');
  });

  it('refuses a saved plan when the YAML changed since', async () => {
    const copy = join(dir, 'plan');
    await cp(EXAMPLE, copy, { recursive: true });
    const planFile = join(dir, 'plan.json');
    await runCli(['plan', copy, '--out', planFile], env);
    const file = join(copy, 'search.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('title: Products Searched', 'title: Products Searched Again'));
    const stale = await runCli(['apply', copy, '--plan-file', planFile, ...unpaced], env);
    expect(stale).toMatchObject({ code: 1 });
    expect(stale.stderr).toContain('stale plan: the tracking plan (YAML) changed since the plan was saved');
    expect(writes()).toBe(0);
  });

  it('prints one line per step outside a terminal, and a summary', async () => {
    const applied = await runCli(['apply', SMALL, ...unpaced], env);
    expect(applied.stdout).toMatch(/✓ created category Landing Page \(id [0-9a-f-]+\)/);
    expect(applied.stdout).toMatch(/✓ created property Checkout › Order Completed › order_id/);
    expect(applied.stdout).toContain('Apply finished: 7 done, 0 failed, 0 skipped.');
    expect(applied.stdout).toContain('✓ Verified: Secoda matches the tracking plan.');
  });

  it('reports a failure, exits 1, and a re-run converges', async () => {
    // Secoda refuses category creates outright (a 400 is not retried).
    emulator.gate = (entry) => {
      if (entry.method === 'POST' && entry.route === '/event/category')
        throw Object.assign(new Error('Invalid integration.'), { statusCode: 400 });
    };
    // Made long ago: the apply has no other run to wait for under it.
    emulator.store.insert('event_category', { title: 'Checkout', integration: INTEGRATION, created_at: '2024-01-01T00:00:00Z' });
    const failed = await runCli(['apply', SMALL, ...unpaced], env);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(
      /✗ create category Landing Page failed: Secoda answered 400 Bad Request to POST \/event\/category\/: Invalid integration\./,
    );
    expect(failed.stdout).toMatch(/↷ skipped create event Landing Page › CTA Clicked: category Landing Page failed/);
    expect(failed.stdout).toMatch(/✓ created event Checkout › Order Completed/);
    // A 400 is Secoda refusing the values: the same apply would be refused again.
    expect(failed.stdout).toContain('as invalid (400): running apply again will not help');
    expect(failed.stdout).not.toContain('run the same apply again');
    emulator.gate = undefined;
    expect((await runCli(['apply', SMALL, ...unpaced], env)).code).toBe(0);
  });
});

describe('secrets and setup', () => {
  it('never prints or stores the token, whatever happens', async () => {
    const planFile = join(dir, 'plan.json');
    const outputs = [
      await runCli(['plan', SMALL, '--out', planFile], env),
      await runCli(['plan', SMALL, '--json'], env),
      await runCli(['plan', SMALL, '--markdown'], env),
      await runCli(['apply', SMALL, ...unpaced], env),
      await runCli(['plan', SMALL], { ...env, SECODA_API_TOKEN: `${TOKEN}-wrong` }),
    ];
    for (const output of outputs) {
      expect(output.stdout + output.stderr).not.toContain(TOKEN);
    }
    expect(outputs[4]?.stderr).toMatch(/Secoda answered 401 Unauthorized[\s\S]*hint: check SECODA_API_TOKEN/);
    expect(await readFile(planFile, 'utf8')).not.toContain(TOKEN);
    for (const name of await readdir(dir)) expect(await readFile(join(dir, name), 'utf8')).not.toContain(TOKEN);
  });

  it('says clearly when the token is missing', async () => {
    const result = await runCli(['plan', EXAMPLE], { SECODA_API_URL: emulator.url });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: SECODA_API_TOKEN is not set');
    expect(result.stderr).toContain('--local');
  });

  it('reports an invalid plan with file:line:col and never touches Secoda', async () => {
    const broken = join(dir, 'broken.yaml');
    await writeFile(broken, `version: 1\nintegration: ${INTEGRATION}\ncategories:\n  - title: A\n    evnts: []\n`);
    const result = await runCli(['apply', broken], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${broken}:5:5  error  unknown key "evnts" in category "A"`);
    expect(result.stderr).toContain('hint: did you mean "events"?');
    expect(emulator.log.entries).toHaveLength(0);
  });
});
