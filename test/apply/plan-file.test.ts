// `apply --plan-file` never executes a file's operations as written: it plans afresh, runs the
// fresh plan only if its operations are exactly the file's, and guards deletes from fresh data.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { runCli } from '../support/run-cli.js';
import { spawnCli } from '../support/spawn-cli.js';

const TOKEN = 'plan-file-token-93be';
const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';
const FOREIGN = 'f0f0f0f0-0000-4000-8000-000000000000';
// Not --local: a real Secoda needs --auto-approve without a terminal.
const unpaced = ['--writes-per-minute', '0', '--auto-approve'];

let emulator: RunningEmulator;
let dir: string;
let env: Record<string, string>;
let planPath: string;
let planFile: string;

beforeEach(async () => {
  emulator = await startEmulator({ token: TOKEN });
  dir = await mkdtemp(join(tmpdir(), 'tpsync-planfile-'));
  env = { SECODA_API_URL: emulator.url, SECODA_API_TOKEN: TOKEN };
  planPath = join(dir, 'plan.yaml');
  planFile = join(dir, 'plan.json');
});
afterEach(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

const writes = () => emulator.log.entries.filter((e) => e.method !== 'GET');

async function writePlan(events: string[], description = 'Shown to the reviewer.'): Promise<void> {
  const list = events.map((title) => `      - title: ${title}\n        description: ${description}\n`).join('');
  await writeFile(planPath, `version: 1\nintegration: ${INTEGRATION}\ncategories:\n  - title: Shop\n    events:\n${list}`);
}

interface PlanFileJson {
  integration: string;
  summary: Record<string, number>;
  operations: Record<string, unknown>[];
}

async function savePlan(): Promise<PlanFileJson> {
  const planned = await runCli(['plan', planPath, '--out', planFile], env);
  expect(planned.code, planned.stderr).toBe(0);
  return JSON.parse(await readFile(planFile, 'utf8')) as PlanFileJson;
}

async function saveEdited(edit: (plan: PlanFileJson) => void): Promise<void> {
  const plan = await savePlan();
  edit(plan);
  await writeFile(planFile, JSON.stringify(plan, null, 2));
}

describe('apply --plan-file with a file edited by hand', () => {
  it.each<[string, (plan: PlanFileJson) => void]>([
    [
      'a value changed',
      (plan) => {
        (plan.operations[1]!['body'] as Record<string, unknown>)['description'] = 'Never shown to anyone.';
      },
    ],
    ['an operation removed', (plan) => void plan.operations.pop()],
    ['an operation duplicated', (plan) => void plan.operations.push(plan.operations[1]!)],
    ['an operation of no known shape', (plan) => void plan.operations.push({ action: 'drop-table' })],
    ['another integration', (plan) => void (plan.integration = FOREIGN)],
  ])('is refused when it has %s, and nothing is written', async (_what, edit) => {
    await writePlan(['Viewed', 'Bought']);
    await saveEdited(edit);
    const refused = await runCli(['apply', planPath, '--plan-file', planFile, ...unpaced], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the plan file does not match a fresh plan');
    expect(writes()).toEqual([]);
  });

  it('is refused when it adds a delete that the YAML does not call for', async () => {
    await writePlan(['Viewed', 'Bought']);
    expect((await runCli(['apply', planPath, ...unpaced], env)).code).toBe(0);
    const victim = emulator.store.list('event').find((e) => e.title === 'Bought')!;
    await saveEdited((plan) => {
      plan.operations.push({
        action: 'delete',
        kind: 'event',
        path: ['Shop', 'Bought'],
        remote_id: victim.id,
        reason: null,
        changes: [],
        parent_id: victim.parent,
        duplicate_of: null,
      });
    });
    const before = writes().length;
    const refused = await runCli(['apply', planPath, '--plan-file', planFile, ...unpaced], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the plan file does not match a fresh plan');
    expect(writes().length).toBe(before);
    expect(emulator.store.list('event').map((e) => e.title)).toContain('Bought');
  });
});

describe('apply --plan-file with a file that matches', () => {
  it('runs the fresh operations, not the file’s: what the digest leaves out cannot steer it', async () => {
    await writePlan(['Viewed']);
    // The parent ID is not part of what an operation does (it is resolved when it runs): point it elsewhere.
    const foreignCategory = emulator.store.insert('event_category', { title: 'Elsewhere', integration: FOREIGN });
    await saveEdited((plan) => {
      for (const op of plan.operations) if (op['kind'] === 'event') op['parent_id'] = foreignCategory.id;
    });
    const applied = await runCli(['apply', planPath, '--plan-file', planFile, ...unpaced], env);
    expect(applied.code, applied.stderr).toBe(0);
    const shop = emulator.store.list('event_category').find((c) => c.title === 'Shop')!;
    expect(emulator.store.list('event').map((e) => [e.title, e.parent])).toEqual([['Viewed', shop.id]]);
  });

  it('takes the delete guard’s figures from fresh data, not from the file', async () => {
    await writePlan(['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8']);
    expect((await runCli(['apply', planPath, ...unpaced], env)).code).toBe(0);
    await writePlan(['E1', 'E2', 'E3', 'E4', 'E5']);
    // Three deletes of eight is more than a quarter; the file claims thousands are managed.
    await saveEdited((plan) => {
      plan.summary['managed_resources'] = 10_000;
      plan.summary['delete'] = 0;
    });
    const before = writes().length;
    const refused = await runCli(['apply', planPath, '--plan-file', planFile, ...unpaced], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error: refused: this plan destroys 3 events and properties');
    expect(refused.stderr).toContain('more than a quarter of the 8 events and properties under the integration');
    expect(writes().length).toBe(before);
  });
});

describe('apply --plan-file with something that is not a file', () => {
  it('refuses a named pipe in one line, without blocking on it', async () => {
    await writePlan(['Viewed']);
    const fifo = join(dir, 'plan-pipe.json');
    execFileSync('mkfifo', [fifo]);
    const result = await spawnCli(['apply', planPath, '--plan-file', fifo, ...unpaced], { env, cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')[0]).toBe(
      `error: the plan file "${fifo}" is a named pipe (FIFO), not a file; tpsync reads only regular files`,
    );
    expect(writes()).toEqual([]);
  });

  it('refuses a directory, and a file larger than any plan, before reading it', async () => {
    await writePlan(['Viewed']);
    await mkdir(join(dir, 'a-dir'));
    const asDir = await runCli(['apply', planPath, '--plan-file', join(dir, 'a-dir'), ...unpaced], env);
    expect(asDir.stderr).toContain('is a directory');
    const huge = join(dir, 'huge.json');
    await writeFile(huge, '');
    await truncate(huge, 256 * 1024 * 1024 + 1);
    const tooLarge = await runCli(['apply', planPath, '--plan-file', huge, ...unpaced], env);
    expect(tooLarge.code).toBe(1);
    expect(tooLarge.stderr).toContain('is larger than 256 MiB, more than any plan file');
    expect(writes()).toEqual([]);
  });
});
