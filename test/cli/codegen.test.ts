import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { spawnCli } from '../support/spawn-cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tpsync-codegen-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('tpsync codegen', () => {
  it('writes the module, is byte-stable across runs, and --check passes until the file changes', async () => {
    const out = join(dir, 'src', 'tracking.ts');
    const first = await spawnCli(['codegen', 'tracking-plan.example', '--lang', 'typescript', '--out', out]);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('written (33 events)');
    const text = await readFile(out, 'utf8');
    expect(text).toContain('export function createTracker(send: Send): Tracker {');
    expect(text).toBe(await readFile('test/codegen/__snapshots__/tracking.ts', 'utf8'));

    const second = await spawnCli(['codegen', 'tracking-plan.example', '--lang', 'typescript', '--out', out]);
    expect(second.stdout).toContain('already up to date');
    expect(await readFile(out, 'utf8')).toBe(text);
    expect(await spawnCli(['codegen', 'tracking-plan.example', '--lang', 'typescript', '--out', out, '--check'])).toMatchObject({
      code: 0,
    });

    await writeFile(out, text.replace('orderCompleted', 'orderComplete'));
    const stale = await runCli(['codegen', 'tracking-plan.example', '--lang', 'typescript', '--out', out, '--check']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain(`${out} is out of date with the plan`);
    expect(stale.stderr).toContain('hint: run `tpsync codegen tracking-plan.example --lang typescript --out');
    expect(await readFile(out, 'utf8')).not.toBe(text);

    const missing = await runCli(['codegen', 'tracking-plan.example', '--lang', 'typescript', '--out', join(dir, 'none.ts'), '--check']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('none.ts does not exist');
  });

  it('prints the module without --out', async () => {
    const result = await runCli(['codegen', 'tracking-plan.example', '--lang', 'ts']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(await readFile('test/codegen/__snapshots__/tracking.ts', 'utf8'));
  });

  it('reports the method names it had to change on stderr', async () => {
    const plan = join(dir, 'collide.yaml');
    await writeFile(
      plan,
      'version: 1\nintegration: ca529385-fbc9-4934-afae-e372affe795b\ncategories:\n  - title: Web\n    events:\n      - { title: Order Completed, properties: [] }\n      - { title: Order-Completed, properties: [] }\n',
    );
    const result = await runCli(['codegen', plan, '--lang', 'typescript']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      [
        'note: "Order Completed" (Web) is tracker.webOrderCompleted(): orderCompleted is also wanted by "Order-Completed" (Web)',
        'note: "Order-Completed" (Web) is tracker.webOrderCompleted2(): orderCompleted is also wanted by "Order Completed" (Web)',
        '',
      ].join('\n'),
    );
  });

  it('reports renames when it writes the file, not when it is up to date nor under --check, unless --verbose', async () => {
    const plan = join(dir, 'collide-out.yaml');
    await writeFile(
      plan,
      'version: 1\nintegration: ca529385-fbc9-4934-afae-e372affe795b\ncategories:\n  - title: Web\n    events:\n      - { title: Order Completed, properties: [] }\n      - { title: Order-Completed, properties: [] }\n',
    );
    const out = join(dir, 'collide-out.ts');
    const note = 'note: "Order Completed" (Web) is tracker.webOrderCompleted()';
    const first = await runCli(['codegen', plan, '--out', out]);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(note);
    const again = await runCli(['codegen', plan, '--out', out]);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');
    const check = await runCli(['codegen', plan, '--out', out, '--check']);
    expect(check.code).toBe(0);
    expect(check.stderr).toBe('');
    const verbose = await runCli(['codegen', plan, '--out', out, '--check', '--verbose']);
    expect(verbose.code).toBe(0);
    expect(verbose.stderr).toContain(note);
  });

  it('explains an unknown language, --check without --out, and an --out that is a directory', async () => {
    const lang = await runCli(['codegen', 'tracking-plan.example', '--lang', 'kotlin']);
    expect(lang.code).toBe(1);
    expect(lang.stderr).toContain('--lang "kotlin" is not supported');
    expect(lang.stderr).toContain('supported: typescript');
    const check = await runCli(['codegen', 'tracking-plan.example', '--check']);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('--check needs --out');
    const directory = await runCli(['codegen', 'tracking-plan.example', '--out', dir]);
    expect(directory.code).toBe(1);
    expect(directory.stderr).toContain('is not a file');
  });
});
