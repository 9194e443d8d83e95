/**
 * One run at a time on a --local store (issue 11, item 2): a second run waits for the first or
 * refuses with a clear message, and never silently overwrites its work; a lock left by a killed
 * run is taken over. Real processes, as a user would run them.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, spawnCli } from '../support/spawn-cli.js';

/** 2 categories, 2 events, 3 properties: the locking does not depend on the plan's size. */
const PLAN = join(REPO_ROOT, 'test/fixtures/small-plan.yaml');
const OTHER_INTEGRATION = '0b7e1d44-8a0a-4a57-9a57-0c6f3b0f2e11';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tpsync-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Stored {
  resources: { kind: string; parent: string | null; title: string; integration: string | null }[];
}
const stored = async () => JSON.parse(await readFile(join(dir, '.tpsync', 'emulator.json'), 'utf8')) as Stored;

/** The plan under another integration, so two runs change different things in one store. */
async function otherPlan(): Promise<string> {
  const copy = join(dir, 'other-plan.yaml');
  await writeFile(copy, (await readFile(PLAN, 'utf8')).replace(/integration: \S+/, `integration: ${OTHER_INTEGRATION}`));
  return copy;
}

async function writeLock(pid: number, startedAt = new Date().toISOString()): Promise<void> {
  await mkdir(join(dir, '.tpsync'), { recursive: true });
  await writeFile(
    join(dir, '.tpsync', 'lock'),
    JSON.stringify({ pid, host: hostname(), command: 'apply', started_at: startedAt, nonce: 'someone-else' }),
  );
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('--local: one run at a time on a store', () => {
  it('a second apply started while the first holds the store waits for it, and neither loses the other’s work', async () => {
    const other = await otherPlan();
    // A write a second: once the first run has created something, it holds the store for seconds more.
    let started: () => void = () => {};
    const holding = new Promise<void>((resolve) => (started = resolve));
    const firstRun = spawnCli(['apply', PLAN, '--local', '--writes-per-minute', '60'], {
      cwd: dir,
      onStdout: (text) => text.includes('✓ created') && started(),
    });
    await Promise.race([holding, firstRun]);
    const second = await spawnCli(['apply', other, '--local'], { cwd: dir });
    const first = await firstRun;
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(
      /Waiting for another tpsync apply \(pid \d+, started [^)]+\) to finish with the local Secoda in \.tpsync\//,
    );
    // Without the lock each run would save its own copy of the store, and the last would win.
    const resources = (await stored()).resources;
    expect(resources.filter((r) => r.integration === OTHER_INTEGRATION && r.kind !== 'event_category')).toHaveLength(5);
    expect(resources.filter((r) => r.integration !== OTHER_INTEGRATION && r.kind !== 'event_category')).toHaveLength(5);
    expect(existsSync(join(dir, '.tpsync', 'lock'))).toBe(false);
  }, 60_000);

  it('refuses at once with --lock-timeout 0 while another run holds the store, saying who and what to do', async () => {
    await writeLock(process.pid, '2026-01-02T03:04:05.000Z');
    const refused = await spawnCli(['plan', PLAN, '--local', '--lock-timeout', '0'], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `error: another tpsync apply (pid ${process.pid}, started 2026-01-02T03:04:05.000Z) is using the local Secoda in .tpsync/`,
    );
    expect(refused.stderr).toContain('hint: wait for it to finish, or raise --lock-timeout; if no tpsync is running, delete .tpsync/lock');
    // The other run's lock is left alone.
    expect(JSON.parse(await readFile(join(dir, '.tpsync', 'lock'), 'utf8'))).toMatchObject({ pid: process.pid, nonce: 'someone-else' });
  });

  it('gives up after --lock-timeout seconds of waiting, and says so', async () => {
    await writeLock(process.pid);
    const refused = await spawnCli(['apply', PLAN, '--local', '--lock-timeout', '1'], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Waiting for another tpsync apply \(pid \d+/);
    expect(refused.stderr).toMatch(/is using the local Secoda in \.tpsync\/; gave up waiting after \d/);
    expect(existsSync(join(dir, '.tpsync', 'emulator.json'))).toBe(false);
  });

  it('takes over a lock whose process is gone', async () => {
    await writeLock(await deadPid());
    const applied = await spawnCli(['apply', PLAN, '--local'], { cwd: dir });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).not.toContain('Waiting');
    expect(existsSync(join(dir, '.tpsync', 'lock'))).toBe(false);
  }, 60_000);

  it('after kill -9 mid-apply, the next run takes the stale lock over and converges without a duplicate', async () => {
    let killed = false;
    // A write a second: five of the seven are still to come, seconds away, when the kill is sent.
    const run = spawnCli(['apply', PLAN, '--local', '--writes-per-minute', '60'], {
      cwd: dir,
      onStdout: (text) => {
        if (!killed && (text.match(/✓ created/g) ?? []).length >= 2) {
          killed = true;
          run.kill('SIGKILL');
        }
      },
    });
    expect((await run).signal).toBe('SIGKILL');
    expect(existsSync(join(dir, '.tpsync', 'lock'))).toBe(true);
    const rerun = await spawnCli(['apply', PLAN, '--local'], { cwd: dir });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain('✓ Verified');
    const seen = new Map<string, number>();
    for (const r of (await stored()).resources)
      seen.set(`${r.kind} ${r.parent ?? ''} ${r.title}`, (seen.get(`${r.kind} ${r.parent ?? ''} ${r.title}`) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1)).toEqual([]);
  }, 60_000);
});
