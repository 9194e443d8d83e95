/**
 * `plan --fail-on breaking|warning` against the emulator over HTTP: the plan is printed (and
 * saved, and commented) either way; the exit code is 1 exactly when a change at that level is
 * present, with a one-line reason. Drift (with --baseline) never fails it.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { INTEGRATION } from '../support/remote-fixtures.js';
import { runCli } from '../support/run-cli.js';

const TOKEN = 'fail-on-secret-token';
const execute = promisify(execFile);
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'T',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 'T',
  GIT_COMMITTER_EMAIL: 't@example.com',
};
const git = (cwd: string, ...args: string[]) => execute('git', ['-c', 'commit.gpgsign=false', ...args], { cwd, env: GIT_ENV });

let emulator: RunningEmulator;
let dir: string;
let env: Record<string, string>;
let planFile: string;
let orderId: string;

/** Secoda holds Checkout › Order Completed with payment_method [card, klarna] (required) and coupon. */
beforeEach(async () => {
  emulator = await startEmulator({ token: TOKEN });
  dir = await mkdtemp(join(tmpdir(), 'tpsync-fail-on-'));
  env = { SECODA_API_URL: emulator.url, SECODA_API_TOKEN: TOKEN };
  planFile = join(dir, 'plan.yaml');
  const category = emulator.store.insert('event_category', { title: 'Checkout', integration: INTEGRATION });
  const event = emulator.store.insert('event', { title: 'Order Completed', integration: INTEGRATION, parent: category.id });
  orderId = event.id;
  emulator.store.insert('event_property', {
    title: 'payment_method',
    integration: INTEGRATION,
    parent: event.id,
    type: 'enum',
    enum: 'card, klarna',
    is_required: true,
  });
  emulator.store.insert('event_property', { title: 'coupon', integration: INTEGRATION, parent: event.id, type: 'string' });
});
afterEach(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

const yaml = (payment: string, extra = '', header = '') =>
  `version: 1\nintegration: ${INTEGRATION}\n${header}categories:\n  - title: Checkout\n    events:\n      - title: Order Completed\n        properties:\n          - title: payment_method\n            ${payment}\n          - title: coupon\n            type: string\n${extra}`;
const UNCHANGED = yaml('type: enum\n            enum: [card, klarna]\n            required: true');
const writes = () => emulator.log.entries.filter((e) => e.method !== 'GET').length;

describe('plan --fail-on', () => {
  it('exits 0 when nothing reaches the level, and prints the plan', async () => {
    await writeFile(
      planFile,
      yaml('type: enum\n            enum: [card, klarna, apple_pay]\n            required: true', '          - title: note\n'),
    );
    for (const level of ['breaking', 'warning']) {
      const result = await runCli(['plan', planFile, '--fail-on', level], env);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('Compatibility: 0 breaking, 0 warnings, 2 safe.');
      expect(result.stderr).toBe('');
    }
    expect(writes()).toBe(0);
  });

  it('exits 1 on a breaking change, after printing the plan, with a one-line reason', async () => {
    await writeFile(planFile, yaml('type: enum\n            enum: [card]\n            required: true'));
    const out = join(dir, 'plan.json');
    const result = await runCli(['plan', planFile, '--fail-on', 'breaking', '--out', out], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('-/+ property Checkout › Order Completed › payment_method  (enum cannot change in place)\n');
    expect(result.stdout).toContain('breaking: apps that send `payment_method: klarna` will send an unplanned value [enum-value-removed]');
    expect(result.stdout).toContain('Compatibility: 1 breaking, 0 warnings, 0 safe.');
    expect(result.stderr).toBe('error: --fail-on breaking: the plan has 1 breaking change (enum-value-removed)\n');
    // The saved plan is written all the same, for the reviewer.
    expect(JSON.parse(await readFile(out, 'utf8'))).toMatchObject({ format_version: 2 });

    expect((await runCli(['plan', planFile], env)).code).toBe(0);
    expect((await runCli(['plan', planFile, '--detailed-exitcode'], env)).code).toBe(2);
    expect((await runCli(['plan', planFile, '--detailed-exitcode', '--fail-on', 'breaking'], env)).code).toBe(1);
    const json = await runCli(['plan', planFile, '--json', '--fail-on', 'breaking'], env);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ summary: { compatibility: { breaking: 1, warning: 0, safe: 0 } } });
    const markdown = await runCli(['plan', planFile, '--markdown', '--fail-on', 'warning'], env);
    expect(markdown.code).toBe(1);
    expect(markdown.stdout.startsWith('#### Breaking changes (1)\n')).toBe(true);
    expect(writes()).toBe(0);
  });

  it('--fail-on warning fails on a warning; --fail-on breaking does not', async () => {
    await writeFile(planFile, yaml('type: enum\n            enum: [card, klarna]\n            required: false'));
    expect((await runCli(['plan', planFile, '--fail-on', 'breaking'], env)).code).toBe(0);
    const warned = await runCli(['plan', planFile, '--fail-on', 'warning'], env);
    expect(warned.code).toBe(1);
    expect(warned.stderr).toBe('error: --fail-on warning: the plan has 1 change with a warning (property-became-optional)\n');
  });

  it('follows the levels set in the header file', async () => {
    await writeFile(
      planFile,
      yaml('type: enum\n            enum: [card]\n            required: true', '', 'compatibility:\n  enum-value-removed: warning\n'),
    );
    expect((await runCli(['plan', planFile, '--fail-on', 'breaking'], env)).code).toBe(0);
    expect((await runCli(['plan', planFile, '--fail-on', 'warning'], env)).code).toBe(1);
  });

  it('refuses an unknown level before reading Secoda', async () => {
    await writeFile(planFile, UNCHANGED);
    emulator.log.clear();
    const result = await runCli(['plan', planFile, '--fail-on', 'breakin'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: --fail-on must be breaking or warning, not "breakin"');
    expect(result.stderr).toContain('hint: did you mean --fail-on breaking?');
    expect(emulator.log.entries).toEqual([]);
  });

  it('with --baseline, does not fail a change for drift in Secoda, and fails the branch for its own', async () => {
    await git(dir, 'init', '--quiet');
    await writeFile(planFile, UNCHANGED);
    await git(dir, 'add', '.');
    await git(dir, 'commit', '--quiet', '-m', 'applied');
    // Someone adds an event in Secoda's UI: planned for deletion, breaking, but not this branch's doing.
    emulator.store.insert('event', {
      title: 'Added In The UI',
      integration: INTEGRATION,
      parent: emulator.store.get(orderId)?.parent ?? null,
    });
    const drift = await runCli(['plan', planFile, '--baseline', 'HEAD', '--fail-on', 'breaking'], env);
    expect(drift.code, drift.stderr).toBe(0);
    expect(drift.stdout).toContain('  - event Checkout › Added In The UI  (not in the tracking plan)  (drift: changed in Secoda)\n');
    expect(drift.stdout).toContain('Compatibility: 1 breaking (1 from drift), 0 warnings, 0 safe.');
    const markdown = await runCli(['plan', planFile, '--baseline', 'HEAD', '--markdown'], env);
    expect(markdown.stdout).toContain('#### Breaking changes (1, 1 from drift)');
    expect(markdown.stdout).toContain('_(drift: changed in Secoda)_');

    // Without a baseline the cause cannot be told: it counts.
    expect((await runCli(['plan', planFile, '--fail-on', 'breaking'], env)).code).toBe(1);

    // The branch's own breaking change fails, and the drift is said apart.
    await writeFile(planFile, yaml('type: enum\n            enum: [card]\n            required: true'));
    const own = await runCli(['plan', planFile, '--baseline', 'HEAD', '--fail-on', 'breaking'], env);
    expect(own.code).toBe(1);
    expect(own.stderr).toBe(
      'error: --fail-on breaking: the plan has 1 breaking change (enum-value-removed); 1 more from drift in Secoda is not counted\n',
    );
  });

  it('with --baseline, judges a change only the plan holds: no write planned, and --fail-on counts it', async () => {
    await git(dir, 'init', '--quiet');
    await writeFile(planFile, yaml('type: enum\n            enum: [card, klarna]\n            required: true\n            nullable: true'));
    await git(dir, 'add', '.');
    await git(dir, 'commit', '--quiet', '-m', 'applied');
    await writeFile(planFile, UNCHANGED);
    const result = await runCli(['plan', planFile, '--baseline', 'HEAD', '--fail-on', 'breaking'], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('No changes. Secoda matches the tracking plan.');
    expect(result.stdout).toContain('  ~ property Checkout › Order Completed › payment_method\n');
    expect(result.stdout).toContain('[property-became-non-nullable]');
    expect(result.stderr).toBe('error: --fail-on breaking: the plan has 1 breaking change (property-became-non-nullable)\n');
    // Without a baseline nothing is compared: Secoda matches, and that is all.
    expect(await runCli(['plan', planFile, '--fail-on', 'breaking'], env)).toMatchObject({
      code: 0,
      stdout: 'No changes. Secoda matches the tracking plan.\n',
    });
    expect(writes()).toBe(0);
  });

  it('credits a deprecation the baseline wrote: a removal after its sunset passes --fail-on breaking', async () => {
    await git(dir, 'init', '--quiet');
    const deprecated = (sunset: string) =>
      yaml('type: enum\n            enum: [card, klarna]\n            required: true', '').replace(
        '          - title: coupon\n',
        `          - title: coupon\n            deprecated: { since: 2020-01-01, sunset: ${sunset} }\n`,
      );
    const removed = yaml('type: enum\n            enum: [card, klarna]\n            required: true').replace(
      '          - title: coupon\n            type: string\n',
      '',
    );
    for (const [sunset, code, level] of [
      ['2020-06-30', 0, 'safe'],
      ['2999-12-31', 1, 'breaking'],
    ] as const) {
      await writeFile(planFile, deprecated(sunset));
      await git(dir, 'add', '.');
      await git(dir, 'commit', '--quiet', '--allow-empty', '-m', `deprecate until ${sunset}`);
      await writeFile(planFile, removed);
      const result = await runCli(['plan', planFile, '--baseline', 'HEAD', '--fail-on', 'breaking', '--json'], env);
      expect(result.code, result.stderr).toBe(code);
      const op = (JSON.parse(result.stdout) as { operations: { path: string[]; compatibility: { level: string }; deprecated: unknown }[] })
        .operations[0];
      expect(op).toMatchObject({ path: ['Checkout', 'Order Completed', 'coupon'], compatibility: { level }, deprecated: { sunset } });
    }
  });
});

describe('validate and deprecation sunsets', () => {
  it('warns about a sunset that has passed, and stays valid', async () => {
    await writeFile(
      planFile,
      UNCHANGED.replace(
        '            type: string\n',
        '            type: string\n            deprecated: { since: 2020-01-01, sunset: 2020-06-30 }\n',
      ),
    );
    const result = await runCli(['validate', planFile], env);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /plan\.yaml:\d+:\d+ {2}warning {2}property "coupon" of event "Order Completed" reached its sunset on 2020-06-30 .*\[sunset-passed\]/,
    );
    expect(result.stdout).toMatch(/is valid: 1 category, 1 event, 2 properties \(1 warning\)\.\n$/);
    const json = await runCli(['validate', planFile, '--format', 'json'], env);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ valid: true, issues: [{ level: 'warning', rule: 'sunset-passed' }] });
  });
});

describe('saved plans', () => {
  it('refuses a plan file of another format version, naming both', async () => {
    await writeFile(planFile, UNCHANGED);
    const old = join(dir, 'old.json');
    await writeFile(old, JSON.stringify({ format_version: 1, integration: INTEGRATION, operations: [] }));
    const result = await runCli(['apply', planFile, '--plan-file', old, '--writes-per-minute', '0'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the plan file has format_version 1; this tpsync reads format_version 2');
    expect(writes()).toBe(0);
  });
});
