// Files a command writes (`plan --out`, `pull --out`, `schema --out`, `codegen --out`) replace a
// symbolic link found at their path instead of writing through it: on a pull request the
// checkout is the author's, and a committed link `schemas/x.schema.json → ~/.bashrc` must not
// let a CI step overwrite a file outside the repository.
import { lstat, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeOutputFileInside } from '../../src/files/write-output-file.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { INTEGRATION } from '../support/remote-fixtures.js';
import { runCli } from '../support/run-cli.js';

const TOKEN = 'output-symlinks-token';
const VICTIM_TEXT = 'outside the output directory: never written\n';

let dir: string;
let victim: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tpsync-links-'));
  victim = join(dir, 'victim.txt');
  await writeFile(victim, VICTIM_TEXT);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The victim is untouched and `path` is now a regular file holding what tpsync wrote. */
async function expectReplacedNotFollowed(path: string): Promise<string> {
  expect(await readFile(victim, 'utf8')).toBe(VICTIM_TEXT);
  expect((await lstat(path)).isSymbolicLink()).toBe(false);
  const text = await readFile(path, 'utf8');
  expect(text).not.toBe(VICTIM_TEXT);
  return text;
}

describe('output files never write through a symbolic link', () => {
  it('schema --out replaces a linked schema file', async () => {
    const out = join(dir, 'schemas');
    await mkdir(out);
    const linked = join(out, 'checkout.order-completed.schema.json');
    await symlink(victim, linked);
    expect((await runCli(['schema', 'tracking-plan.example', '--out', out])).code).toBe(0);
    expect(JSON.parse(await expectReplacedNotFollowed(linked))).toMatchObject({ title: 'Order Completed' });
  });

  it('codegen --out replaces a linked output file', async () => {
    const out = join(dir, 'tracking.ts');
    await symlink(victim, out);
    const result = await runCli(['codegen', 'tracking-plan.example', '--lang', 'typescript', '--out', out]);
    expect(result.code).toBe(0);
    expect(await expectReplacedNotFollowed(out)).toContain('Order Completed');
  });

  describe('against the emulator', () => {
    let emulator: RunningEmulator;
    let env: Record<string, string>;
    beforeEach(async () => {
      emulator = await startEmulator({ token: TOKEN });
      env = { SECODA_API_URL: emulator.url, SECODA_API_TOKEN: TOKEN };
    });
    afterEach(async () => {
      await emulator.close();
    });

    it('plan --out replaces a linked plan file', async () => {
      const out = join(dir, 'plan.json');
      await symlink(victim, out);
      expect((await runCli(['plan', 'tracking-plan.example', '--out', out], env)).code).toBe(0);
      expect(JSON.parse(await expectReplacedNotFollowed(out))).toHaveProperty('operations');
    });

    it('pull --out <dir> --force replaces a linked category file', async () => {
      expect((await runCli(['apply', 'tracking-plan.example', '--writes-per-minute', '0', '--auto-approve'], env)).code).toBe(0);
      const out = join(dir, 'pulled');
      await mkdir(out);
      const linked = join(out, 'checkout.yaml');
      await symlink(victim, linked);
      expect((await runCli(['pull', '--integration', INTEGRATION, '--out', out, '--force'], env)).code).toBe(0);
      expect(await expectReplacedNotFollowed(linked)).toContain('title: Checkout');
    });
  });

  it('refuses a linked directory below the output directory, naming it', async () => {
    const outside = join(dir, 'outside');
    await mkdir(outside);
    const out = join(dir, 'out');
    await mkdir(out);
    await symlink(outside, join(out, 'nested'));
    await expect(writeOutputFileInside(out, 'nested/file.json', '{}')).rejects.toThrow(
      `${join(out, 'nested')} is a symbolic link; tpsync does not write through it`,
    );
    await expect(readFile(join(outside, 'file.json'), 'utf8')).rejects.toThrow(/ENOENT/);
  });
});
