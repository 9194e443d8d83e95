import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { SCHEMA_URL, schemaRefFor } from '../../src/files/pull-target.js';
import { loadTrackingPlan } from '../../src/tracking-plan/load-plan.js';
import { readTrackingPlan } from '../support/read-plan.js';
import type { TrackingPlan } from '../../src/tracking-plan/types.js';
import { FOREIGN, INTEGRATION } from '../support/remote-fixtures.js';
import { runCli } from '../support/run-cli.js';

const TOKEN = 'pull-cli-secret-token';
const EXAMPLE = 'tracking-plan.example';
const LOCAL_SCHEMA = resolve('schemas/tracking-plan.schema.json');

let emulator: RunningEmulator;
let dir: string;
let env: Record<string, string>;

beforeEach(async () => {
  emulator = await startEmulator({ token: TOKEN });
  dir = await mkdtemp(join(tmpdir(), 'tpsync-pull-'));
  env = { SECODA_API_URL: emulator.url, SECODA_API_TOKEN: TOKEN };
});
afterEach(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

/** The example plan, applied: a realistic remote of 6 categories and their events. */
async function applyExample(): Promise<void> {
  const applied = await runCli(['apply', EXAMPLE, '--writes-per-minute', '0', '--auto-approve'], env);
  expect(applied.code).toBe(0);
}

/** Every category, event and property, as paths. */
function paths(plan: TrackingPlan): string[] {
  return plan.categories
    .flatMap((c) => [
      c.title,
      ...c.events.flatMap((e) => [`${c.title}/${e.title}`, ...e.properties.map((p) => `${c.title}/${e.title}/${p.title}`)]),
    ])
    .sort();
}

async function loaded(path: string): Promise<TrackingPlan> {
  const result = await readTrackingPlan(path);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.plan;
}

async function readAll(directory: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of (await readdir(directory)).sort()) files[name] = await readFile(join(directory, name), 'utf8');
  return files;
}

describe('tpsync pull', () => {
  it('pulls a realistic remote into one file that validates and plans as a no-op', async () => {
    await applyExample();
    const file = join(dir, 'plan.yaml');
    const pulled = await runCli(['pull', '--integration', INTEGRATION, '--out', file], env);
    expect(pulled).toMatchObject({ code: 0, stderr: '' });
    expect(pulled.stdout).toContain(`Pulled 6 categories, 33 events, 162 properties from integration ${INTEGRATION} into ${file}.`);

    const text = await readFile(file, 'utf8');
    const schemaRef = relative(dirname(file), LOCAL_SCHEMA).split('\\').join('/');
    expect(text.startsWith(`# yaml-language-server: $schema=${schemaRef}\nversion: 1\nintegration: ${INTEGRATION}\ncategories:\n`)).toBe(
      true,
    );
    expect(resolve(dirname(file), schemaRef)).toBe(LOCAL_SCHEMA);

    expect(await runCli(['validate', file])).toMatchObject({ code: 0 });
    expect(await runCli(['plan', file, '--detailed-exitcode'], env)).toMatchObject({
      code: 0,
      stdout: 'No changes. Secoda matches the tracking plan.\n',
    });
    // Every category, event and property of the example, and nothing else.
    expect(paths(await loaded(file))).toEqual(paths(await loaded(EXAMPLE)));
  });

  it('pulls into a directory: tracking-plan.yaml plus one file per category, byte-identical on a second run', async () => {
    await applyExample();
    const out = join(dir, 'tracking-plan');
    expect((await runCli(['pull', '--integration', INTEGRATION, '--out', out], env)).code).toBe(0);
    const first = await readAll(out);
    expect(Object.keys(first)).toEqual([
      'account.yaml',
      'checkout.yaml',
      'landing-page.yaml',
      'onboarding.yaml',
      'product-catalog.yaml',
      'search.yaml',
      'tracking-plan.yaml',
    ]);
    expect(first['tracking-plan.yaml']).toBe(
      `# yaml-language-server: $schema=${relative(out, LOCAL_SCHEMA)}\nversion: 1\nintegration: ${INTEGRATION}\n`,
    );
    expect(first['checkout.yaml']).toMatch(/^# yaml-language-server: .*\ncategories:\n {2}- title: Checkout\n/);

    expect(await runCli(['validate', out])).toMatchObject({ code: 0 });
    expect(await runCli(['plan', out, '--detailed-exitcode'], env)).toMatchObject({ code: 0 });

    const again = await runCli(['pull', '--integration', INTEGRATION, '--out', out, '--force'], env);
    expect(again.code).toBe(0);
    expect(await readAll(out)).toEqual(first);
  });

  it('never overwrites a non-empty file without --force, and reads nothing from Secoda before refusing', async () => {
    const file = join(dir, 'plan.yaml');
    await writeFile(file, 'keep me\n');
    const refused = await runCli(['pull', '--integration', INTEGRATION, '--out', file], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`error: ${file} exists and is not empty; pull does not overwrite it`);
    expect(refused.stderr).toContain('--force');
    expect(await readFile(file, 'utf8')).toBe('keep me\n');
    expect(emulator.log.entries).toEqual([]);

    expect((await runCli(['pull', '--integration', INTEGRATION, '--out', file, '--force'], env)).code).toBe(0);
    expect(await readFile(file, 'utf8')).toContain(`integration: ${INTEGRATION}`);
  });

  it('refuses a non-empty directory; with --force it removes stale plan files and keeps everything else', async () => {
    emulator.store.insert('event_category', { title: 'Checkout', integration: INTEGRATION });
    const out = join(dir, 'plan');
    await mkdir(join(out, 'nested'), { recursive: true });
    await writeFile(join(out, 'legacy.yaml'), 'categories:\n  - title: Legacy\n');
    await writeFile(join(out, 'nested', 'old.yml'), 'categories:\n  - title: Old\n');
    await writeFile(join(out, 'docker-compose.yml'), 'services: {}\n');
    await writeFile(join(out, 'README.md'), '# plan\n');

    const refused = await runCli(['pull', '--integration', INTEGRATION, '--out', out], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`the directory ${out} is not empty`);
    expect(await readFile(join(out, 'legacy.yaml'), 'utf8')).toContain('Legacy');

    const forced = await runCli(['pull', '--integration', INTEGRATION, '--out', out, '--force'], env);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain(`removed ${join(out, 'legacy.yaml')}`);
    expect((await readdir(out)).sort()).toEqual(['README.md', 'checkout.yaml', 'docker-compose.yml', 'nested', 'tracking-plan.yaml']);
    expect(await readdir(join(out, 'nested'))).toEqual([]);
    expect(await readFile(join(out, 'docker-compose.yml'), 'utf8')).toBe('services: {}\n');
    const written = await Promise.all(
      ['tracking-plan.yaml', 'checkout.yaml'].map(async (name) => ({ path: name, bytes: await readFile(join(out, name)) })),
    );
    const result = loadTrackingPlan(written);
    expect(result.ok && result.plan.categories.map((c) => c.title)).toEqual(['Checkout']);
  });

  it('prints the YAML on stdout without --out, and what it could not write on stderr', async () => {
    const category = emulator.store.insert('event_category', { title: 'Checkout', integration: INTEGRATION });
    emulator.store.insert('event', { title: 'Order Completed', integration: INTEGRATION, parent: category.id, description: 'Placed.' });
    const padded = emulator.store.insert('event', { title: 'Order Completed ', integration: INTEGRATION, parent: category.id });
    emulator.store.insert('event', { title: 'Foreign Event', integration: FOREIGN, parent: category.id });

    const pulled = await runCli(['pull', '--integration', INTEGRATION], env);
    expect(pulled.code).toBe(0);
    expect(pulled.stdout.startsWith('# yaml-language-server: $schema=schemas/tracking-plan.schema.json\n')).toBe(true);
    expect(pulled.stderr).toContain(
      `! event "Checkout" › "Order Completed " (id ${padded.id}): the title has leading or trailing spaces; not pulled, so the plan deletes it; rename it in Secoda and pull again to keep it\n`,
    );
    expect(pulled.stderr).toContain(
      `Pulled 1 category, 1 event, 0 properties from integration ${INTEGRATION}; 1 thing could not be written as Secoda holds it (listed above).`,
    );
    const result = loadTrackingPlan([{ path: 'stdout.yaml', bytes: new TextEncoder().encode(pulled.stdout) }]);
    expect(result.ok && paths(result.plan)).toEqual(['Checkout', 'Checkout/Order Completed']);
  });

  it('on stdout, text that the output guard escapes keeps its meaning: a description with invisible characters reads back exact', async () => {
    const category = emulator.store.insert('event_category', { title: 'Checkout', integration: INTEGRATION });
    const description = 'Zero\u200bwidth, a line\u2028separator, an override \u202e and a tag \u{E0041}.';
    emulator.store.insert('event', { title: 'Order Completed', integration: INTEGRATION, parent: category.id, description });

    const pulled = await runCli(['pull', '--integration', INTEGRATION], env);
    expect(pulled.code).toBe(0);
    expect(pulled.stdout).not.toMatch(/[\u200b\u2028\u202e]|\u{E0041}/u);
    const result = loadTrackingPlan([{ path: 'stdout.yaml', bytes: new TextEncoder().encode(pulled.stdout) }]);
    expect(result.ok && result.plan.categories[0]?.events[0]?.description).toBe(description);
  });

  it('needs a valid --integration', async () => {
    expect(await runCli(['pull'], env)).toMatchObject({ code: 1, stderr: expect.stringContaining('--integration is required') as string });
    expect(await runCli(['pull', '--integration', 'not an id'], env)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--integration must be a Secoda integration ID, a UUID with or without dashes') as string,
    });
  });
});

describe('the $schema comment', () => {
  it('points at the published schema outside a checkout that holds schemas/', () => {
    expect(schemaRefFor({ kind: 'file', path: join(dir, 'plan.yaml') }, dir)).toBe(SCHEMA_URL);
  });

  it('points at the local schema, relative to where the file is written, inside one', () => {
    const cwd = process.cwd();
    expect(schemaRefFor({ kind: 'directory', path: 'tracking-plan' }, cwd)).toBe('../schemas/tracking-plan.schema.json');
    expect(schemaRefFor({ kind: 'file', path: 'plan.yaml' }, cwd)).toBe('schemas/tracking-plan.schema.json');
    expect(schemaRefFor({ kind: 'stdout' }, cwd)).toBe('schemas/tracking-plan.schema.json');
  });
});
