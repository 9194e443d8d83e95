import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputStream } from '../../src/cli/io.js';
import { runCli } from '../support/run-cli.js';
import { CLI, REPO_ROOT } from '../support/spawn-cli.js';

const PLAN = 'test/fixtures/check/plan.yaml';
const VIOLATIONS = 'test/fixtures/check/violations.ndjson';
const CLEAN = 'test/fixtures/check/clean.ndjson';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tpsync-check-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The built executable with `input` piped to its stdin. */
function spawnWithStdin(args: string[], input: string | Buffer): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env: { PATH: process.env['PATH'], NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const EXPECTED_BY_KIND = {
  'unplanned-event': { count: 2, lines: [3, 16] },
  'unplanned-property': { count: 1, lines: [4] },
  'missing-required': { count: 3, lines: [5, 14] },
  'wrong-type': { count: 5, lines: [6, 11, 12] },
  'value-not-in-enum': { count: 1, lines: [7] },
  'invalid-json': { count: 3, lines: [8, 15, 17] },
};

describe('tpsync check', () => {
  it('finds every kind of violation with exact counts and line numbers (--format json)', async () => {
    const result = await runCli(['check', PLAN, VIOLATIONS, '--format', 'json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    expect(report.format_version).toBe(1);
    expect(report.clean).toBe(false);
    expect(report.summary).toEqual({ lines: 18, checked: 12, valid: 3, invalid: 9, skipped: 2, blank: 1, violations: 15 });
    expect(report.by_kind).toEqual(EXPECTED_BY_KIND);
    expect(report.invalid_json).toEqual([
      { reason: 'not valid JSON', count: 1, lines: [8] },
      { reason: 'not a JSON object', count: 1, lines: [15] },
      { reason: 'no event name (a non-empty string)', count: 1, lines: [17] },
    ]);
    expect(report.events).toEqual([
      {
        event: 'Order Complete',
        planned: false,
        categories: [],
        checked: 2,
        invalid: 2,
        suggestion: 'Order Completed',
        violations: [{ kind: 'unplanned-event', count: 2, lines: [3, 16] }],
      },
      {
        event: 'Order Completed',
        planned: true,
        categories: ['Shop'],
        checked: 8,
        invalid: 6,
        violations: [
          { kind: 'unplanned-property', property: 'discount', count: 1, lines: [4] },
          { kind: 'missing-required', property: 'currency', count: 1, lines: [5] },
          { kind: 'missing-required', property: 'total', count: 1, lines: [5] },
          { kind: 'wrong-type', property: 'currency', expected: 'one of: USD, EUR', count: 1, lines: [12] },
          { kind: 'wrong-type', property: 'delivery_date', expected: 'a date (YYYY-MM-DD)', count: 1, lines: [11] },
          {
            kind: 'wrong-type',
            property: 'placed_at',
            expected: 'a date-time (RFC 3339, e.g. 2024-05-01T12:00:00Z)',
            count: 1,
            lines: [11],
          },
          { kind: 'wrong-type', property: 'quantity', expected: 'an integer', count: 1, lines: [6] },
          { kind: 'wrong-type', property: 'total', expected: 'a number', count: 1, lines: [6] },
          { kind: 'value-not-in-enum', property: 'currency', expected: 'one of: USD, EUR', count: 1, lines: [7] },
        ],
      },
      {
        event: 'Product Viewed',
        planned: true,
        categories: ['Shop'],
        checked: 2,
        invalid: 1,
        violations: [{ kind: 'missing-required', property: 'product_id', count: 1, lines: [14] }],
      },
    ]);
  });

  it('prints a report for people, by event and by kind, and never a payload value', async () => {
    const result = await runCli(['check', PLAN, VIOLATIONS]);
    expect(result.code).toBe(1);
    await expect(result.stdout).toMatchFileSnapshot('__snapshots__/check-violations.txt');
    for (const value of ['19.99', 'GBP', 'a@example.com', '2024-02-30', 'o4']) expect(result.stdout).not.toContain(value);
  });

  it('exits 0 on clean payloads', async () => {
    const result = await runCli(['check', PLAN, CLEAN]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Checked 2 track calls');
    expect(result.stdout).toContain('✓ No violations.');
    expect(JSON.parse((await runCli(['check', PLAN, CLEAN, '--format', 'json'])).stdout)).toMatchObject({
      clean: true,
      summary: { lines: 3, checked: 2, valid: 2, invalid: 0, skipped: 1, violations: 0 },
    });
  });

  it('reads stdin with -, in the built executable', async () => {
    const input = await readFile(VIOLATIONS);
    const result = await spawnWithStdin(['check', PLAN, '-', '--format', 'json'], input);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.input).toBe('stdin');
    expect(report.by_kind).toEqual(EXPECTED_BY_KIND);
    const clean = await spawnWithStdin(['check', PLAN, '-'], await readFile(CLEAN));
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('from stdin');
  });

  it('reads gzipped files, CRLF line ends, a byte order mark and a last line without a break', async () => {
    const text = (await readFile(VIOLATIONS, 'utf8')).trimEnd();
    const gz = join(dir, 'payloads.ndjson.gz');
    await writeFile(gz, gzipSync(text));
    const crlf = join(dir, 'crlf.ndjson');
    await writeFile(crlf, `\ufeff${text.replace(/\n/g, '\r\n')}`);
    for (const file of [gz, crlf]) {
      const result = await runCli(['check', PLAN, file, '--format', 'json']);
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout).by_kind).toEqual(EXPECTED_BY_KIND);
    }
  });

  it('reads other shapes with --event-field and --properties-field (dotted paths)', async () => {
    const file = join(dir, 'custom.ndjson');
    await writeFile(
      file,
      [
        JSON.stringify({ name: 'Product Viewed', data: { props: { product_id: 'p1' } } }),
        JSON.stringify({ name: 'Product Viewed', data: { props: { product_id: 7 } } }),
        JSON.stringify({ name: 'Product Viewed', data: {} }),
        JSON.stringify({ event: 'Product Viewed', properties: { product_id: 'p1' } }),
      ].join('\n'),
    );
    const result = await runCli(['check', PLAN, file, '--event-field', 'name', '--properties-field', 'data.props', '--format', 'json']);
    const report = JSON.parse(result.stdout);
    expect(report.by_kind['wrong-type']).toEqual({ count: 1, lines: [2] });
    expect(report.by_kind['missing-required']).toEqual({ count: 1, lines: [3] });
    expect(report.by_kind['invalid-json']).toEqual({ count: 1, lines: [4] });
    const bad = await runCli(['check', PLAN, file, '--event-field', 'a..b']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--event-field "a..b" is not a field name or a dotted path');
  });

  it('allows unplanned properties with --additional-properties', async () => {
    const result = await runCli(['check', PLAN, VIOLATIONS, '--format', 'json', '--additional-properties']);
    expect(JSON.parse(result.stdout).by_kind['unplanned-property']).toEqual({ count: 0, lines: [] });
  });

  it('checks a title in two categories against both: a payload that fits either passes', async () => {
    const plan = join(dir, 'two-categories.yaml');
    await writeFile(
      plan,
      [
        'version: 1',
        'integration: ca529385-fbc9-4934-afae-e372affe795b',
        'categories:',
        '  - title: Web',
        '    events:',
        '      - title: Signed In',
        '        properties: [{ title: method, type: enum, enum: [password, google], required: true }]',
        '  - title: Server',
        '    events:',
        '      - title: Signed In',
        '        properties: [{ title: user_id, type: string, required: true }, { title: ip, type: string }]',
        '',
      ].join('\n'),
    );
    const payloads = join(dir, 'signed-in.ndjson');
    await writeFile(
      payloads,
      [{ method: 'google' }, { user_id: 'u1', ip: '10.0.0.1' }, { user_id: 'u1', method: 'google' }, { user_id: 5, ip: '10.0.0.1' }]
        .map((properties) => JSON.stringify({ event: 'Signed In', properties }))
        .join('\n'),
    );
    const report = JSON.parse((await runCli(['check', plan, payloads, '--format', 'json'])).stdout);
    expect(report.summary).toMatchObject({ checked: 4, valid: 2, invalid: 2 });
    expect(report.events[0]).toMatchObject({ event: 'Signed In', categories: ['Web', 'Server'] });
    // Each failing payload is reported against the event it comes closest to (fewest violations).
    expect(report.events[0].violations).toEqual([
      { kind: 'unplanned-property', property: 'user_id', count: 1, lines: [3] },
      { kind: 'wrong-type', property: 'user_id', expected: 'a string', count: 1, lines: [4] },
    ]);
  });

  it('judges only own properties: an inherited name is neither present nor unplanned', async () => {
    const plan = join(dir, 'inherited.yaml');
    await writeFile(
      plan,
      'version: 1\nintegration: ca529385-fbc9-4934-afae-e372affe795b\ncategories:\n  - title: A\n    events:\n      - title: E\n        properties: [{ title: constructor, type: string, required: true }, { title: toString, type: string }]\n',
    );
    const payloads = join(dir, 'inherited.ndjson');
    await writeFile(
      payloads,
      '{"event":"E","properties":{}}\n{"event":"E","properties":{"constructor":"x","toString":"y"}}\n{"event":"E","properties":{"constructor":"x","__proto__":{"a":1}}}\n',
    );
    const report = JSON.parse((await runCli(['check', plan, payloads, '--format', 'json'])).stdout);
    expect(report.by_kind['missing-required']).toEqual({ count: 1, lines: [1] });
    expect(report.by_kind['unplanned-property']).toEqual({ count: 1, lines: [3] });
    expect(report.summary.valid).toBe(1);
  });

  it('refuses a plan property titled __proto__, which validators cannot judge, as validate does', async () => {
    const plan = join(dir, 'proto.yaml');
    await writeFile(
      plan,
      'version: 1\nintegration: ca529385-fbc9-4934-afae-e372affe795b\ncategories:\n  - title: A\n    events:\n      - title: E\n        properties: [{ title: __proto__, type: string }]\n',
    );
    const result = await runCli(['check', plan, CLEAN]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('proto.yaml:7:31');
    expect(result.stderr).toContain('a property may not be titled "__proto__"');
    const validate = await runCli(['validate', plan]);
    expect(validate.code).toBe(1);
    expect(validate.stderr).toContain('`tpsync check` could not judge it');
  });

  it('gives a clear error, and no stack trace, for an unreadable input', async () => {
    const missing = await runCli(['check', PLAN, join(dir, 'nope.ndjson')]);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toContain('cannot read the payloads');
    expect(missing.stderr).toContain('nope.ndjson: no such file');
    expect(missing.stderr).toContain('hint: give a newline-delimited JSON file');
    const directory = await runCli(['check', PLAN, dir]);
    expect(directory.code).toBe(1);
    expect(directory.stderr).toContain(': it is a directory');
    const brokenGz = join(dir, 'broken.ndjson.gz');
    await writeFile(brokenGz, 'not gzip at all');
    const gz = await runCli(['check', PLAN, brokenGz]);
    expect(gz.code).toBe(1);
    expect(gz.stderr).toContain('not valid gzip data');
    for (const result of [missing, directory, gz]) expect(result.stderr).not.toMatch(/\n\s+at |TPSYNC_DEBUG/);
  });

  it('needs the payloads argument, and a valid plan', async () => {
    const noInput = await runCli(['check', PLAN]);
    expect(noInput.code).toBe(1);
    expect(noInput.stderr).toContain('missing <payloads>');
    const noPlan = await runCli(['check', join(dir, 'no-plan.yaml'), CLEAN, '--format', 'json']);
    expect(noPlan).toMatchObject({ code: 1, stdout: '' });
    expect(noPlan.stderr).toContain('no-plan.yaml');
  });
});

describe('tpsync check on a live stream', () => {
  it('on Ctrl-C stops waiting for input, prints the report so far and exits 130', async () => {
    const { run } = await import('../../src/cli/run.js');
    const controller = new AbortController();
    let pulledAgain: () => void = () => undefined;
    const waiting = new Promise<void>((resolve) => (pulledAgain = resolve));
    let end: () => void = () => undefined;
    // stdin that gives two lines and then waits for more, as a pipe from a live source does.
    const stdin = {
      async *[Symbol.asyncIterator]() {
        yield '{"event":"Product Viewed","properties":{"product_id":"p1"}}\n{"event":"Nope"}\n';
        pulledAgain();
        await new Promise<void>((resolve) => (end = resolve));
      },
      destroy: () => end(),
    };
    let stdout = '';
    let stderr = '';
    const done = run(['check', PLAN, '-', '--format', 'json'], {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env: { NO_COLOR: '1' },
      signal: controller.signal,
      // check reads stdin only by async iteration (and destroys it on Ctrl-C): this is all it needs.
      stdin: stdin as unknown as InputStream,
    });
    await waiting;
    controller.abort('SIGINT');
    const code = await done;
    expect(stderr).toBe('interrupted: the report covers the first 2 lines\n');
    expect(code).toBe(130);
    expect(JSON.parse(stdout).summary).toMatchObject({ lines: 2, checked: 2, valid: 1, violations: 1 });
    expect(stderr).toBe('interrupted: the report covers the first 2 lines\n');
  });
});
