/**
 * Apply asks before it writes to a real Secoda, as Terraform does (issue 11, item 5): "yes" on a
 * terminal, --auto-approve without one, never with --local, never when there is nothing to do.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import type { InputStream } from '../../src/cli/io.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { runCli } from '../support/run-cli.js';
import { CLI, REPO_ROOT } from '../support/spawn-cli.js';

const TOKEN = 'approval-token';
/** 7 creates: what is asked, and when, does not depend on the plan's size. */
const PLAN = join(REPO_ROOT, 'test/fixtures/small-plan.yaml');

let emulator: RunningEmulator;
let env: Record<string, string>;
beforeEach(async () => {
  emulator = await startEmulator({ token: TOKEN });
  env = { SECODA_API_URL: emulator.url, SECODA_API_TOKEN: TOKEN, NO_COLOR: '1' };
});
afterEach(async () => {
  await emulator.close();
});

const writes = () => emulator.log.entries.filter((e) => e.method !== 'GET').length;

/** A terminal that types `answer` once asked. */
function terminal(answer: string | undefined): InputStream {
  const input = Object.assign(new PassThrough(), { isTTY: true });
  if (answer !== undefined) input.write(`${answer}\n`);
  return input;
}

async function applyWith(stdin: InputStream | undefined, extra: string[] = []) {
  let stdout = '';
  let stderr = '';
  const code = await run(['apply', PLAN, '--writes-per-minute', '0', ...extra], {
    ...(stdin ? { stdin } : {}),
    stdout: { write: (text: string) => (stdout += text), isTTY: true },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env,
  });
  return { code, stdout, stderr };
}

describe('apply asks before it writes', () => {
  it('on a terminal, shows the plan and applies on "yes"', async () => {
    const result = await applyWith(terminal('yes'));
    expect(result.code).toBe(0);
    const asked = result.stdout.indexOf('Do you want to apply these changes to');
    expect(asked).toBeGreaterThan(result.stdout.indexOf('Plan: 7 to create'));
    expect(result.stdout).toContain("Only 'yes' will be accepted to approve.");
    expect(result.stdout).toContain('Enter a value:');
    expect(result.stdout.indexOf('Applying 7 changes')).toBeGreaterThan(asked);
    expect(writes()).toBe(7);
  });

  it.each(['no', 'y', 'YES please', ''])('on a terminal, anything but "yes" (%j) changes nothing and exits 1', async (answer) => {
    const result = await applyWith(terminal(answer));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Apply cancelled: nothing was changed.');
    expect(writes()).toBe(0);
  });

  it('without a terminal, refuses before any write unless --auto-approve, with a hint', async () => {
    for (const stdin of [undefined, Object.assign(new PassThrough(), { isTTY: false })]) {
      const refused = await applyWith(stdin);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain('Plan: 7 to create');
      expect(refused.stderr).toContain('error: apply changes Secoda only when approved, and there is no terminal to ask on');
      expect(refused.stderr).toContain('hint: review the plan above, then run again with --auto-approve');
      expect(writes()).toBe(0);
    }
    const approved = await applyWith(undefined, ['--auto-approve']);
    expect(approved.code).toBe(0);
    expect(approved.stdout).not.toContain('Do you want');
    expect(writes()).toBe(7);
  });

  it('asks nothing when there is nothing to apply', async () => {
    expect((await applyWith(undefined, ['--auto-approve'])).code).toBe(0);
    const again = await applyWith(undefined);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes. Secoda matches the tracking plan.');
    expect(again.stderr).toBe('');
  });

  it('asks nothing for a saved plan (--plan-file): it was approved when it was saved', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tpsync-approval-'));
    try {
      const planFile = join(dir, 'plan.json');
      await run(['plan', PLAN, '--out', planFile], { stdout: { write: () => true }, stderr: { write: () => true }, env });
      const result = await applyWith(undefined, ['--plan-file', planFile]);
      expect(result.code).toBe(0);
      expect(writes()).toBe(7);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('--local never asks: the quick start stays one command', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tpsync-approval-'));
    try {
      const result = await runCli(['apply', PLAN, '--local'], {}, { cwd: dir });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).not.toContain('Do you want');
      expect(result.stdout).toContain('✓ Verified');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  const hasScript = spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript)(
    'on a real pseudo-terminal (script -qc), "yes" applies',
    async () => {
      const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} apply ${JSON.stringify(PLAN)} --writes-per-minute 0`;
      const child = spawn('script', ['-qec', command, '/dev/null'], {
        env: { PATH: process.env['PATH'], ...env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (output.includes('Enter a value:') && !child.stdin.writableEnded) child.stdin.end('yes\n');
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code, output).toBe(0);
      expect(output).toContain('Do you want to apply these changes to');
      expect(output).toContain('Apply finished: 7 done');
      expect(writes()).toBe(7);
    },
    60_000,
  );
});

describe('interrupting the question', () => {
  it('Ctrl-C while apply waits for "yes" changes nothing and exits 130', async () => {
    const emulator = await startEmulator({ token: TOKEN });
    try {
      const controller = new AbortController();
      let stdout = '';
      const running = run(['apply', PLAN, '--writes-per-minute', '0'], {
        stdin: Object.assign(new PassThrough(), { isTTY: true }),
        stdout: {
          write: (text: string) => {
            stdout += text;
            if (stdout.includes('Enter a value:')) controller.abort('SIGINT');
            return true;
          },
        },
        stderr: { write: () => true },
        env: { SECODA_API_URL: emulator.url, SECODA_API_TOKEN: TOKEN, NO_COLOR: '1' },
        signal: controller.signal,
      });
      expect(await running).toBe(130);
      expect(stdout).toContain('Apply cancelled: nothing was changed.');
      expect(emulator.log.entries.filter((e) => e.method !== 'GET')).toHaveLength(0);
    } finally {
      await emulator.close();
    }
  });
});
