/**
 * The richer keys are local to the plan: Secoda receives a property's title, its type as
 * written, the comma-joined enum text and is_required, and a change to the richer keys alone
 * plans no write (against the emulator, over HTTP).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { runCli } from '../support/run-cli.js';

const TOKEN = 'local-keys-secret-token-3c1d';
const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';

let emulator: RunningEmulator;
let dir: string;
let env: Record<string, string>;

beforeEach(async () => {
  emulator = await startEmulator({ token: TOKEN });
  dir = await mkdtemp(join(tmpdir(), 'tpsync-local-keys-'));
  env = { SECODA_API_URL: emulator.url, SECODA_API_TOKEN: TOKEN };
});
afterEach(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

const HEADER = `version: 1\nintegration: ${INTEGRATION}\n`;

/** The same plan for Secoda: the second adds only keys local to the plan. */
const BEFORE = `${HEADER}properties:
  - { title: product, type: object }
categories:
  - title: Shop
    events:
      - title: Order Completed
        properties:
          - { title: status, type: integer, enum: [200, 201], required: true }
          - { title: coupon, type: string }
          - { title: quantity, type: integer }
          - { title: tags, type: array }
          - { title: address, type: object }
          - { use: product }
      - title: User Traits
        properties: [{ title: email, type: string }]
      - title: Page Viewed
        properties: []
`;

const AFTER = `${HEADER}properties:
  - title: product
    type: object
    nullable: true
    properties: [{ title: sku, type: string, required: true, pattern: '^[A-Z]+$' }]
categories:
  - title: Shop
    events:
      - title: Order Completed
        additional_properties: true
        properties:
          - { title: status, type: integer, enum: [200, 201], required: true, nullable: true }
          - { title: coupon, type: string, pattern: '^[A-Z0-9]{4,12}$', min_length: 4, max_length: 12, format: hostname }
          - { title: quantity, type: integer, minimum: 1, maximum: 99 }
          - { title: tags, type: array, items: { type: string, max_length: 30 } }
          - title: address
            type: object
            additional_properties: false
            properties:
              - { title: city, type: string, required: true }
              - { title: lines, type: array, items: { use: product } }
          - { use: product }
      - title: User Traits
        kind: identify
        properties: [{ title: email, type: string, format: email }]
      - title: Page Viewed
        kind: page
        any_name: true
        properties: []
`;

const writes = () => emulator.log.entries.filter((e) => e.method !== 'GET').length;

describe('keys local to the plan', () => {
  it('reach Secoda only as title, type, the enum text and is_required; changing them alone is a no-op', async () => {
    const plan = join(dir, 'plan.yaml');
    await writeFile(plan, BEFORE);
    const applied = await runCli(['apply', plan, '--writes-per-minute', '0', '--auto-approve'], env);
    expect(applied.code, applied.stderr).toBe(0);
    const [status] = emulator.store.list('event_property', (r) => r.title === 'status');
    expect(status).toMatchObject({ type: 'integer', enum: '200, 201', is_required: true });

    await writeFile(plan, AFTER);
    const validated = await runCli(['validate', plan]);
    expect(validated.code, validated.stderr).toBe(0);
    const before = writes();
    const planned = await runCli(['plan', plan, '--detailed-exitcode'], env);
    expect(planned).toMatchObject({ code: 0, stdout: 'No changes. Secoda matches the tracking plan.\n' });
    const again = await runCli(['apply', plan, '--writes-per-minute', '0', '--auto-approve'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(writes()).toBe(before);
  });

  it('creates a plan written with them from scratch as Secoda holds it', async () => {
    const plan = join(dir, 'plan.yaml');
    await writeFile(plan, AFTER);
    expect((await runCli(['apply', plan, '--writes-per-minute', '0', '--auto-approve'], env)).code).toBe(0);
    const properties = emulator.store.list('event_property');
    const coupon = properties.find((p) => p.title === 'coupon');
    expect(coupon).toMatchObject({ type: 'string', is_required: false });
    // Nested properties are not Secoda properties.
    expect(properties.map((p) => p.title).sort()).toEqual(['address', 'coupon', 'email', 'product', 'quantity', 'status', 'tags']);
    const planned = await runCli(['plan', plan, '--detailed-exitcode'], env);
    expect(planned).toMatchObject({ code: 0 });
  });
});
