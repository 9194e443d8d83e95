/**
 * Drift: after a pull, an edit made in Secoda shows up in `plan` (exit 2 with
 * --detailed-exitcode), and `--baseline <git-ref>` tells it apart from changes to the YAML.
 * The baselines are real git repositories made in a temporary directory.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import type { StoredResource } from '../../src/emulator/stored-resource.js';
import { INTEGRATION } from '../support/remote-fixtures.js';
import { runCli } from '../support/run-cli.js';

const TOKEN = 'drift-secret-token';
const run = promisify(execFile);
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', ['-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd, env: GIT_ENV });
  return stdout;
}

interface JsonOp {
  action: string;
  kind: string;
  path: string[];
  origin?: string | null;
}

let emulator: RunningEmulator;
let repo: string;
let plan: string;
let env: Record<string, string>;
let events: Record<string, StoredResource>;

beforeEach(async () => {
  emulator = await startEmulator({ token: TOKEN });
  env = { SECODA_API_URL: emulator.url, SECODA_API_TOKEN: TOKEN };
  repo = await mkdtemp(join(tmpdir(), 'tpsync-drift-'));
  plan = join(repo, 'tracking-plan');
  const category = emulator.store.insert('event_category', { title: 'Checkout', integration: INTEGRATION });
  events = {};
  for (const title of ['Edited In Secoda', 'Removed In Secoda', 'Rewritten In YAML', 'Dropped From YAML']) {
    events[title] = emulator.store.insert('event', { title, integration: INTEGRATION, parent: category.id, description: `${title}.` });
    emulator.store.insert('event_property', {
      title: 'order_id',
      integration: INTEGRATION,
      parent: events[title].id,
      type: 'string',
      is_required: true,
    });
  }
  await git(repo, 'init', '--quiet');
  await writeFile(join(repo, 'README.md'), 'before the plan\n');
  await git(repo, 'add', '.');
  await git(repo, 'commit', '--quiet', '-m', 'start');
  expect((await runCli(['pull', '--integration', INTEGRATION, '--out', plan], env)).code).toBe(0);
  await git(repo, 'add', '.');
  await git(repo, 'commit', '--quiet', '-m', 'pulled from Secoda');
});
afterEach(async () => {
  await emulator.close();
  await rm(repo, { recursive: true, force: true });
});

const event = (title: string): StoredResource => events[title]!;

async function editYaml(change: (text: string) => string): Promise<void> {
  const file = join(plan, 'checkout.yaml');
  await writeFile(file, change(await readFile(file, 'utf8')));
}

/** "action kind path → origin" for each operation. */
async function origins(...extra: string[]): Promise<string[]> {
  const planned = await runCli(['plan', plan, '--json', ...extra], env);
  expect(planned.code).toBe(0);
  const ops = (JSON.parse(planned.stdout) as { operations: JsonOp[] }).operations;
  return ops.map((op) => `${op.action} ${op.kind} ${op.path.join('/')} → ${'origin' in op ? String(op.origin) : '(none)'}`);
}

describe('drift', () => {
  it('a pulled plan is a no-op; an edit made in Secoda then exits 2 with --detailed-exitcode', async () => {
    expect(await runCli(['plan', plan, '--detailed-exitcode'], env)).toMatchObject({ code: 0 });
    emulator.store.patch(event('Edited In Secoda').id, { description: 'Changed in the UI.' });
    const drifted = await runCli(['plan', plan, '--detailed-exitcode'], env);
    expect(drifted.code).toBe(2);
    expect(drifted.stdout).toContain(
      '  ~ event Checkout › Edited In Secoda\n      description: "Changed in the UI." → "Edited In Secoda."\n',
    );
    // Without --baseline nothing is said about where changes come from.
    expect(drifted.stdout).not.toContain('drift');
    expect(await origins()).toEqual(['update event Checkout/Edited In Secoda → (none)']);
  });

  it('--baseline marks what changed in Secoda as drift, and what changed in the YAML as the plan', async () => {
    // In Secoda: an edit, a deletion, an addition.
    emulator.store.patch(event('Edited In Secoda').id, { description: 'Changed in the UI.' });
    emulator.store.remove(event('Removed In Secoda').id);
    emulator.store.insert('event', { title: 'Added In Secoda', integration: INTEGRATION, parent: event('Edited In Secoda').parent });
    // In the YAML (not committed): an edit, an addition, a removal.
    await editYaml((text) =>
      text
        .replace('description: Rewritten In YAML.', 'description: Rewritten.')
        .replace(/ {6}- title: Dropped From YAML\n(?: {8}.*\n)+\n/, '')
        .concat('\n      - title: New In YAML\n'),
    );

    expect((await origins('--baseline', 'HEAD')).sort()).toEqual(
      [
        'create event Checkout/New In YAML → tracking-plan',
        'create event Checkout/Removed In Secoda → secoda',
        'create property Checkout/Removed In Secoda/order_id → secoda',
        'delete event Checkout/Added In Secoda → secoda',
        'delete event Checkout/Dropped From YAML → tracking-plan',
        'delete property Checkout/Dropped From YAML/order_id → tracking-plan',
        'update event Checkout/Edited In Secoda → secoda',
        'update event Checkout/Rewritten In YAML → tracking-plan',
      ].sort(),
    );

    const text = await runCli(['plan', plan, '--baseline', 'HEAD', '--detailed-exitcode'], env);
    expect(text.code).toBe(2);
    expect(text.stdout).toContain('  ~ event Checkout › Edited In Secoda  (drift: changed in Secoda)\n');
    expect(text.stdout).toContain('  - event Checkout › Added In Secoda  (not in the tracking plan)  (drift: changed in Secoda)\n');
    expect(text.stdout).toContain('  ~ event Checkout › Rewritten In YAML\n');
    expect(text.stdout).toContain('  - event Checkout › Dropped From YAML  (not in the tracking plan)\n');
    expect(text.stdout).toContain(
      'Drift: 4 of 8 changes undo edits made in Secoda; the tracking plan did not change them since the baseline.',
    );
    const markdown = await runCli(['plan', plan, '--baseline', 'HEAD', '--markdown'], env);
    expect(markdown.stdout).toContain('~ event Checkout › Edited In Secoda  (drift: changed in Secoda)');
    expect(markdown.stdout).toContain(
      '| `-` delete | event `Checkout › Added In Secoda` | not in the tracking plan; drift: changed in Secoda |',
    );
  });

  it('in the scheduled check (baseline HEAD, YAML unchanged) every change is drift', async () => {
    emulator.store.patch(event('Rewritten In YAML').id, { pii: true, description: 'UI' });
    const planned = await runCli(['plan', plan, '--baseline', 'HEAD', '--markdown', '--detailed-exitcode'], env);
    expect(planned.code).toBe(2);
    expect(planned.stdout).toContain('Drift: All 1 change undoes an edit made in Secoda');
  });

  it("a baseline from before the plan existed makes every change the tracking plan's", async () => {
    emulator.store.patch(event('Edited In Secoda').id, { description: 'Changed in the UI.' });
    expect(await origins('--baseline', 'HEAD~1')).toEqual(['update event Checkout/Edited In Secoda → tracking-plan']);
  });

  it('a baseline that does not load leaves origins unknown, and says so', async () => {
    await writeFile(join(plan, 'checkout.yaml'), 'categories: [oops\n');
    await git(repo, 'commit', '--quiet', '-am', 'broken');
    await git(repo, 'revert', '--no-edit', 'HEAD');
    emulator.store.patch(event('Edited In Secoda').id, { description: 'Changed in the UI.' });
    const planned = await runCli(['plan', plan, '--baseline', 'HEAD~1'], env);
    expect(planned.stderr).toContain(
      'warning: the tracking plan at HEAD~1 does not load (1 problem), so where each change comes from cannot be told',
    );
    expect(planned.stdout).toContain('Where the changes come from could not be told');
    expect(await origins('--baseline', 'HEAD~1')).toEqual(['update event Checkout/Edited In Secoda → null']);
  });

  it('refuses a ref that is not a commit, and a plan outside git, before reading Secoda', async () => {
    emulator.log.clear();
    const badRef = await runCli(['plan', plan, '--baseline', 'no-such-branch'], env);
    expect(badRef).toMatchObject({ code: 1 });
    expect(badRef.stderr).toContain('error: --baseline: "no-such-branch" is not a commit in this repository');
    const outside = await mkdtemp(join(tmpdir(), 'tpsync-nogit-'));
    try {
      await writeFile(join(outside, 'plan.yaml'), `version: 1\nintegration: ${INTEGRATION}\n`);
      const noRepo = await runCli(['plan', join(outside, 'plan.yaml'), '--baseline', 'HEAD'], env);
      expect(noRepo).toMatchObject({ code: 1 });
      expect(noRepo.stderr).toContain('is not in a git repository');
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
    expect(emulator.log.entries).toEqual([]);
  });
});
