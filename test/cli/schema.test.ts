import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tpsync-schema-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const HEADER = 'version: 1\nintegration: ca529385-fbc9-4934-afae-e372affe795b\n';

async function writePlan(name: string, events: string[]): Promise<string> {
  const file = join(dir, name);
  const body = events
    .map(
      (title) =>
        `      - title: ${title}\n        properties:\n          - title: id\n            type: string\n            required: true\n`,
    )
    .join('');
  await writeFile(file, `${HEADER}categories:\n  - title: Shop\n    events:\n${body}`);
  return file;
}

describe('tpsync schema', () => {
  it('writes one schema per event of the example plan and an index, then --check finds them up to date', async () => {
    const out = join(dir, 'example');
    const written = await runCli(['schema', 'tracking-plan.example', '--out', out]);
    expect(written).toMatchObject({ code: 0, stderr: '' });
    expect(written.stdout).toContain('33 events');
    expect((await readdir(out)).sort()).toEqual([
      'account',
      'checkout',
      'index.json',
      'landing-page',
      'onboarding',
      'product-catalog',
      'search',
    ]);
    const schema = JSON.parse(await readFile(join(out, 'checkout', 'order-completed.schema.json'), 'utf8'));
    expect(schema).toMatchObject({ title: 'Order Completed', $id: 'checkout/order-completed.schema.json', additionalProperties: false });
    const index = JSON.parse(await readFile(join(out, 'index.json'), 'utf8'));
    expect(index.events).toHaveLength(33);
    expect(index.events).toContainEqual({
      category: 'Checkout',
      event: 'Order Completed',
      file: 'checkout/order-completed.schema.json',
      id: 'checkout/order-completed.schema.json',
    });
    expect(await runCli(['schema', 'tracking-plan.example', '--out', out, '--check'])).toMatchObject({ code: 0 });
  });

  it('--check exits 1 and names the files when the directory is missing or differs', async () => {
    const out = join(dir, 'stale-check');
    const missing = await runCli(['schema', 'tracking-plan.example', '--out', out, '--check']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('missing  checkout/order-completed.schema.json');
    expect(missing.stderr).toContain('out of date');
    await expect(readdir(out)).rejects.toThrow();

    await runCli(['schema', 'tracking-plan.example', '--out', out]);
    await writeFile(join(out, 'search', 'products-searched.schema.json'), '{}\n');
    const changed = await runCli(['schema', 'tracking-plan.example', '--out', out, '--check']);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain('changed  search/products-searched.schema.json');
    expect(await runCli(['schema', 'tracking-plan.example', '--out', out, '--additional-properties', '--check'])).toMatchObject({
      code: 1,
    });
  });

  it('removes the files of events that left the plan, and nothing it did not write', async () => {
    const out = join(dir, 'stale');
    await runCli(['schema', await writePlan('two.yaml', ['Order Completed', 'Order Refunded']), '--out', out]);
    await writeFile(join(out, 'shop', 'notes.md'), 'mine\n');
    await writeFile(join(out, 'README.md'), 'mine\n');
    const plan = await writePlan('one.yaml', ['Order Completed']);
    const check = await runCli(['schema', plan, '--out', out, '--check']);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('stale    shop/order-refunded.schema.json');
    const result = await runCli(['schema', plan, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('removed shop/order-refunded.schema.json');
    expect((await readdir(join(out, 'shop'))).sort()).toEqual(['notes.md', 'order-completed.schema.json']);
    expect(await readFile(join(out, 'README.md'), 'utf8')).toBe('mine\n');
  });

  it('never deletes outside the directory, whatever an index.json names', async () => {
    const out = join(dir, 'hostile');
    await mkdir(out, { recursive: true });
    const victim = join(dir, 'victim.schema.json');
    await writeFile(victim, 'keep\n');
    await writeFile(
      join(out, 'index.json'),
      JSON.stringify({ generator: 'tpsync', events: [{ file: '../victim.schema.json' }, { file: '/etc/hostname' }] }),
    );
    expect((await runCli(['schema', await writePlan('h.yaml', ['A']), '--out', out])).code).toBe(0);
    expect(await readFile(victim, 'utf8')).toBe('keep\n');
  });

  it('sets $id from --id-base and refuses a base that is not an absolute URI', async () => {
    const out = join(dir, 'ids');
    expect((await runCli(['schema', 'tracking-plan.example', '--out', out, '--id-base', 'https://schemas.example.com/events'])).code).toBe(
      0,
    );
    const schema = JSON.parse(await readFile(join(out, 'account', 'signed-in.schema.json'), 'utf8'));
    expect(schema.$id).toBe('https://schemas.example.com/events/account/signed-in.schema.json');
    const bad = await runCli(['schema', 'tracking-plan.example', '--out', out, '--id-base', 'schemas/']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--id-base "schemas/" is not an absolute URI');
  });

  it('explains a missing --out, an --out that is a file, and an invalid plan', async () => {
    const noOut = await runCli(['schema', 'tracking-plan.example']);
    expect(noOut).toMatchObject({ code: 1 });
    expect(noOut.stderr).toContain('--out is required');
    const file = join(dir, 'a-file');
    await writeFile(file, 'x');
    const notDir = await runCli(['schema', 'tracking-plan.example', '--out', file]);
    expect(notDir.code).toBe(1);
    expect(notDir.stderr).toContain('is not a directory');
    const broken = join(dir, 'broken.yaml');
    await writeFile(broken, `${HEADER}categories: [{title: A, events: [{title: E, properties: [{title: p, type: enumm}]}]}]\n`);
    const invalid = await runCli(['schema', broken, '--out', join(dir, 'never')]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('broken.yaml:3:');
    await expect(readdir(join(dir, 'never'))).rejects.toThrow();
  });
});
