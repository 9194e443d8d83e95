/**
 * The command line behaves like the tools users know (issue 12, item 6): `tpsync help <command>`,
 * our own words for bad values, help within 80 columns, flags that only make sense together,
 * plurals, and a 400 from Secoda that says a re-run will not help.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { runCli } from '../support/run-cli.js';
import { json, startScriptedServer } from '../support/scripted-server.js';

const TOKEN = 'cli-line-token-4411';
const COMMANDS = ['validate', 'plan', 'apply', 'pull', 'schema', 'check', 'codegen', 'emulator'];

describe('help', () => {
  it("`tpsync help <command>` is the command's --help", async () => {
    for (const command of COMMANDS) {
      const viaHelp = await runCli(['help', command]);
      const viaFlag = await runCli([command, '--help']);
      expect(viaHelp.code).toBe(0);
      expect(viaHelp.stdout).toBe(viaFlag.stdout);
      expect(viaHelp.stdout).toMatch(new RegExp(`^Usage:\\n {2}tpsync ${command}`, 'm'));
    }
    const main = await runCli(['help']);
    expect(main.code).toBe(0);
    expect(main.stdout).toContain('tpsync help <command>');
  });

  it('`tpsync help` of an unknown command says so, with a guess', async () => {
    const wrong = await runCli(['help', 'plna']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('error: no help for "plna": there is no such command');
    expect(wrong.stderr).toContain('hint: did you mean `tpsync help plan`?');
  });

  it('every help text fits in 80 columns, without trailing spaces', async () => {
    const texts = [
      (await runCli(['--help'])).stdout,
      ...(await Promise.all(COMMANDS.map(async (c) => (await runCli([c, '--help'])).stdout))),
    ];
    for (const text of texts) {
      for (const line of text.split('\n')) {
        expect([...line].length, line).toBeLessThanOrEqual(80);
        expect(line, JSON.stringify(line)).not.toMatch(/\s$/);
      }
    }
  });
});

describe('bad values get our own message', () => {
  it.each([
    [['plan', 'p', '--max-deletes', '-1'], '--max-deletes must be a whole number ≥ 0, not "-1"'],
    [['apply', 'p', '--max-deletes', '-5'], '--max-deletes must be a whole number ≥ 0, not "-5"'],
    [['apply', 'p', '--max-deletes', 'ten'], '--max-deletes must be a whole number ≥ 0, not "ten"'],
    [['apply', 'p', '--max-deletes', '1.5'], '--max-deletes must be a whole number ≥ 0, not "1.5"'],
    [['plan', 'p', '--concurrency', '0', '--local'], '--concurrency must be a whole number from 1 to 64, not "0"'],
    [['plan', 'p', '--writes-per-minute', '-30'], '--writes-per-minute must be a whole number from 0 to 100000, not "-30"'],
    [['emulator', '--fail-before-rate', '-0.5'], '--fail-before-rate must be a number from 0 to 1, not "-0.5"'],
  ])('%j', async (args, message) => {
    const dir = await mkdtemp(join(tmpdir(), 'tpsync-args-'));
    try {
      const plan = join(dir, 'p.yaml');
      await writeFile(plan, 'version: 1\nintegration: ca529385-fbc9-4934-afae-e372affe795b\ncategories: []\n');
      const result = await runCli(
        args.map((a) => (a === 'p' ? plan : a)),
        { SECODA_API_URL: 'http://127.0.0.1:9/api/v1', SECODA_API_TOKEN: 't' },
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`error: ${message}`);
      expect(result.stderr).not.toMatch(/ambiguous|ERR_PARSE_ARGS|Unknown option '-/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a missing value, and a value given to a flag that takes none', async () => {
    const missing = await runCli(['plan', 'p', '--out']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('error: tpsync plan: --out needs a value');
    expect(missing.stderr).toContain('hint: write --out <file>');
    const extra = await runCli(['plan', 'p', '--json=yes']);
    expect(extra.code).toBe(1);
    expect(extra.stderr).toContain('error: tpsync plan: --json takes no value');
  });
});

describe('flags that need each other', () => {
  it('--force without --require-reviewed-plan is an error, before anything is read', async () => {
    const result = await runCli(['apply', 'tracking-plan.example', '--force', '--local']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: --force only has a meaning with --require-reviewed-plan');
    expect(result.stderr).toContain('hint: without --require-reviewed-plan apply checks no review');
    expect(result.stdout).toBe('');
  });

  it('apply --plan-file without the plan path says why the path is needed', async () => {
    const result = await runCli(['apply', '--plan-file', 'plan.json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "error: tpsync apply: --plan-file needs the tracking plan's path too: tpsync apply <plan> --plan-file plan.json",
    );
    expect(result.stderr).toContain('apply plans afresh from the YAML and Secoda and runs that plan only if it is exactly the saved one');
  });
});

describe('apply against a Secoda that refuses a create (400)', () => {
  let emulator: RunningEmulator;
  let dir: string;
  beforeEach(async () => {
    emulator = await startEmulator({ token: TOKEN });
    dir = await mkdtemp(join(tmpdir(), 'tpsync-400-'));
  });
  afterEach(async () => {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows the field errors and says that running apply again will not help; one change is "1 change"', async () => {
    // In front of the emulator: the create of one property is refused the way Django REST Framework refuses a field.
    const proxy = await startScriptedServer(async (request, response) => {
      if (request.method === 'POST' && request.url.pathname.endsWith('/event/event_properties/') && request.body.includes('"coupon"')) {
        json(response, 400, { title: ['Ensure this field has no more than 5 characters.'], enum: ['Not a valid choice.'] });
        return;
      }
      await forward(emulator.url, request, response);
    });
    try {
      const plan = join(dir, 'plan.yaml');
      await writeFile(
        plan,
        [
          'version: 1',
          'integration: ca529385-fbc9-4934-afae-e372affe795b',
          'categories:',
          '  - title: Checkout',
          '    events:',
          '      - title: Order Completed',
          '        properties:',
          '          - title: coupon',
          '',
        ].join('\n'),
      );
      const env = { SECODA_API_URL: proxy.url, SECODA_API_TOKEN: TOKEN };
      const result = await runCli(['apply', plan, '--auto-approve', '--writes-per-minute', '0'], env);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('Applying 3 changes…');
      expect(result.stdout).toContain(
        '✗ create property Checkout › Order Completed › coupon failed: Secoda answered 400 Bad Request to POST /event/event_properties/: title: Ensure this field has no more than 5 characters.; enum: Not a valid choice.',
      );
      expect(result.stdout).toContain('Secoda refused the failed change as invalid (400): running apply again will not help.');
      expect(result.stdout).not.toContain('Run the same apply again');

      // The category and event were made; the next apply is a single change, and says so in the singular.
      const again = await runCli(['apply', plan, '--auto-approve', '--writes-per-minute', '0'], env);
      expect(again.stdout).toContain('Applying 1 change…');
      expect(again.stdout).toMatch(/Plan: 1 to create, 0 to update, 0 to replace, 0 to delete\./);
    } finally {
      await proxy.close();
    }
  });
});

/** Passes a request on to `base` (the emulator) and its answer back. */
async function forward(
  base: string,
  request: { method: string; url: URL; body: string; headers: IncomingMessage['headers'] },
  response: ServerResponse,
) {
  const target = `${base}${request.url.pathname.replace(/^\/api\/v1/, '')}${request.url.search}`;
  const answer = await fetch(target, {
    method: request.method,
    headers: { authorization: String(request.headers.authorization ?? ''), 'content-type': 'application/json' },
    ...(request.method === 'GET' || request.method === 'DELETE' ? {} : { body: request.body }),
  });
  response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
  response.end(await answer.text());
}
