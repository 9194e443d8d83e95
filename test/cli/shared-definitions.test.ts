/**
 * Shared property definitions end to end, with the command line (in process) and its local Secoda (--local):
 * a plan written with definitions applies to the same Secoda state as the same plan written out
 * in full, a change to a definition is planned on every event that uses it (and says so), and
 * `pull --shared` gives definitions back that plan as a no-op.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';
const HEADER = `version: 1\nintegration: ${INTEGRATION}\n`;
const DEFINITIONS = `properties:
  - title: currency
    type: enum
    enum: [USD, EUR]
    required: true
    description: ISO 4217 code.
  - title: platform
    type: enum
    enum: [web, ios]
`;
const SHARED = `categories:
  - title: Checkout
    events:
      - title: Order Completed
        properties:
          - use: currency
          - use: platform
      - title: Order Refunded
        properties:
          - use: currency
            required: false
            description: Currency of the refund.
      - title: Cart Viewed
        properties:
          - use: currency
          - title: cart_id
            type: string
`;
const WRITTEN_OUT = `${HEADER}categories:
  - title: Checkout
    events:
      - title: Order Completed
        properties:
          - { title: currency, type: enum, enum: [USD, EUR], required: true, description: ISO 4217 code. }
          - { title: platform, type: enum, enum: [web, ios] }
      - title: Order Refunded
        properties:
          - { title: currency, type: enum, enum: [USD, EUR], required: false, description: Currency of the refund. }
      - title: Cart Viewed
        properties:
          - { title: currency, type: enum, enum: [USD, EUR], required: true, description: ISO 4217 code. }
          - { title: cart_id, type: string }
`;

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tpsync-shared-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function sharedPlan(dir: string, definitions = DEFINITIONS): Promise<void> {
  await mkdir(join(dir, 'plan'), { recursive: true });
  await writeFile(join(dir, 'plan', 'tracking-plan.yaml'), HEADER);
  await writeFile(join(dir, 'plan', 'shared-properties.yaml'), definitions);
  await writeFile(join(dir, 'plan', 'checkout.yaml'), SHARED);
}
const cli = (dir: string, ...args: string[]) => runCli(args, {}, { cwd: dir });
const pulled = async (dir: string) => (await cli(dir, 'pull', '--integration', INTEGRATION, '--local')).stdout;

describe('shared property definitions, end to end', () => {
  it('apply to the same Secoda state as the plan written out in full', async () => {
    const shared = join(root, 'shared');
    const written = join(root, 'written');
    await sharedPlan(shared);
    await mkdir(written);
    await writeFile(join(written, 'plan.yaml'), WRITTEN_OUT);
    const applied = await cli(shared, 'apply', 'plan', '--local');
    expect(applied.code, applied.stderr).toBe(0);
    expect((await cli(written, 'apply', 'plan.yaml', '--local')).code).toBe(0);
    const state = await pulled(shared);
    expect(state).toContain('description: Currency of the refund.');
    expect(state).toBe(await pulled(written));
    // Each plan is a no-op against the other's Secoda.
    expect((await cli(shared, 'plan', join(written, 'plan.yaml'), '--local', '--detailed-exitcode')).code).toBe(0);
  }, 60_000);

  it('plans a change to a definition on every event that uses it, and says which definition', async () => {
    const dir = join(root, 'change');
    await sharedPlan(dir);
    expect((await cli(dir, 'apply', 'plan', '--local')).code).toBe(0);
    await writeFile(join(dir, 'plan', 'shared-properties.yaml'), DEFINITIONS.replace('enum: [USD, EUR]', 'enum: [USD, EUR, GBP]'));

    const json = await cli(dir, 'plan', 'plan', '--local', '--json');
    expect(json.code, json.stderr).toBe(0);
    const plan = JSON.parse(json.stdout) as {
      operations: { action: string; path: string[]; shared_definition?: string; forced_by: string[] }[];
    };
    expect(plan.operations.map((op) => [op.action, op.path.join(' › '), op.shared_definition, op.forced_by])).toEqual([
      ['replace', 'Checkout › Order Completed › currency', 'currency', ['enum']],
      ['replace', 'Checkout › Order Refunded › currency', 'currency', ['enum']],
      ['replace', 'Checkout › Cart Viewed › currency', 'currency', ['enum']],
    ]);

    const text = await cli(dir, 'plan', 'plan', '--local');
    expect(text.stdout).toContain(
      '-/+ property Checkout › Order Completed › currency  (enum cannot change in place; shared property "currency")',
    );
    expect(text.stdout).toContain('From shared property definitions: "currency" (3 properties).');
    const markdown = await cli(dir, 'plan', 'plan', '--local', '--markdown');
    expect(markdown.stdout).toContain('shared property "currency"');
  }, 60_000);

  it('does not credit the definition with a change made only where an event overrides it', async () => {
    const dir = join(root, 'override');
    await sharedPlan(dir);
    expect((await cli(dir, 'apply', 'plan', '--local')).code).toBe(0);
    await writeFile(join(dir, 'plan', 'checkout.yaml'), SHARED.replace('Currency of the refund.', 'Currency the refund was paid in.'));
    const plan = JSON.parse((await cli(dir, 'plan', 'plan', '--local', '--json')).stdout) as { operations: Record<string, unknown>[] };
    expect(plan.operations).toHaveLength(1);
    expect(plan.operations[0]).toMatchObject({ action: 'update', path: ['Checkout', 'Order Refunded', 'currency'] });
    expect(plan.operations[0]).not.toHaveProperty('shared_definition');
  }, 60_000);

  it('pull --shared writes definitions back, and planning them is a no-op', async () => {
    const dir = join(root, 'pull');
    await sharedPlan(dir);
    expect((await cli(dir, 'apply', 'plan', '--local')).code).toBe(0);
    const pull = await cli(dir, 'pull', '--integration', INTEGRATION, '--local', '--shared', '--out', 'pulled');
    expect(pull.code, pull.stderr).toBe(0);
    const header = await readFile(join(dir, 'pulled', 'tracking-plan.yaml'), 'utf8');
    expect(header).toContain(
      'properties:\n  - title: currency\n    type: enum\n    enum: [USD, EUR]\n    required: true\n    description: ISO 4217 code.\n',
    );
    // Alike on two events: shared. The refund's currency says something else: written out. Platform is on one event.
    const checkout = await readFile(join(dir, 'pulled', 'checkout.yaml'), 'utf8');
    expect(checkout.match(/- use: currency\n/g)).toHaveLength(2);
    expect(checkout).toContain(
      // `required: false` is Secoda's default, and not written.
      '          - title: currency\n            type: enum\n            enum: [USD, EUR]\n            description: Currency of the refund.\n',
    );
    expect(checkout).toContain('- title: platform');
    expect((await cli(dir, 'plan', 'pulled', '--local', '--detailed-exitcode')).code).toBe(0);
    expect((await cli(dir, 'validate', 'pulled')).code).toBe(0);
  }, 60_000);
});
