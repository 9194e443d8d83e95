import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { spawnCli } from '../support/spawn-cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tpsync-validate-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const HEADER = 'version: 1\nintegration: ca529385-fbc9-4934-afae-e372affe795b\n';
const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)|node:internal|Error: /);

// The executable's smoke test for validate, --help and --version; the rest runs the command line in process.
describe('npx tpsync validate', () => {
  it('accepts the example plan', async () => {
    const result = await spawnCli(['validate', 'tracking-plan.example']);
    expect(result).toMatchObject({ code: 0, stdout: '✓ tracking-plan.example is valid: 6 categories, 33 events, 162 properties.\n' });
  });

  it('exits 1 on a broken plan, naming file, line, column and the culprit, without a stack trace', async () => {
    const file = join(dir, 'broken.yaml');
    await writeFile(
      file,
      `${HEADER}categories:\n  - title: Checkout\n    events:\n      - title: Order Completed\n        properties:\n          - title: currency\n            type: enumm\n`,
    );
    const result = await runCli(['validate', file], {}, { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('broken.yaml:9:19  error  unknown "type" "enumm" in property "currency" of event "Order Completed"');
    expect(result.stderr).toContain('hint: did you mean "enum"?');
    expect(result.stdout).toBe('');
    noStackTrace(result.stderr);
  });

  it('prints issues as JSON with --format json', async () => {
    const file = join(dir, 'typo.yaml');
    await writeFile(file, `${HEADER}categorys: []\n`);
    const result = await runCli(['validate', file, '--format', 'json'], {}, { cwd: dir });
    expect(result.code).toBe(1);
    const parsed = JSON.parse(result.stdout) as {
      valid: boolean;
      issues: { file: string; line: number; column: number; code: string; hint: string }[];
    };
    expect(parsed).toMatchObject({
      valid: false,
      issues: [{ file: 'typo.yaml', line: 3, column: 1, code: 'unknown-key', hint: 'did you mean "categories"?' }],
    });
  });

  it.each([
    ['a missing path', 'nope.yaml', 'nope.yaml  error  no such file or directory'],
    ['an empty directory', 'empty-dir', 'empty-dir  error  the directory holds no .yaml or .yml files'],
    ['an empty file', 'empty.yaml', 'empty.yaml:1:1  error  the file is empty'],
  ])('gives one clear line for %s', async (_name, target, expected) => {
    await mkdir(join(dir, 'empty-dir'), { recursive: true });
    await writeFile(join(dir, 'empty.yaml'), '');
    const result = await runCli(['validate', target], {}, { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')[0]).toBe(expected);
    noStackTrace(result.stderr);
  });

  it('answers --help, --version and an unknown command or flag helpfully', async () => {
    expect((await spawnCli(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const help = await spawnCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('tpsync validate <plan>');
    const unknown = await runCli(['valdate', 'x']);
    expect(unknown).toMatchObject({ code: 1 });
    expect(unknown.stderr).toContain('did you mean `tpsync validate`?');
    const flag = await runCli(['plan', 'x', '--detailed-exit-code']);
    expect(flag.code).toBe(1);
    expect(flag.stderr).toContain('unknown option --detailed-exit-code');
    expect(flag.stderr).toContain('did you mean --detailed-exitcode?');
  });

  it('needs no network and no token', async () => {
    const result = await runCli(['validate', 'tracking-plan.example'], { SECODA_API_URL: 'http://127.0.0.1:9/api/v1' });
    expect(result.code).toBe(0);
  });
});
