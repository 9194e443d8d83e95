import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, spawnCli } from '../support/spawn-cli.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tpsync-int-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** 7 creates. */
const plan = join(REPO_ROOT, 'test/fixtures/small-plan.yaml');

interface Stored {
  resources: { kind: string; parent: string | null; title: string }[];
}

/** Resources with the same kind, parent and title in the local emulator's data file. */
async function duplicates(): Promise<string[]> {
  const data = JSON.parse(await readFile(join(dir, '.tpsync', 'emulator.json'), 'utf8')) as Stored;
  const seen = new Map<string, number>();
  for (const r of data.resources) {
    const key = `${r.kind} ${r.parent ?? ''} ${r.title}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([k]) => k);
}

describe('interrupting apply (--local, a real process)', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s lets requests in flight finish, says what was done, exits %i; a re-run finishes',
    async (signal, exitCode) => {
      let sent = false;
      // A write a second: five of the seven are still to come, seconds away, when the signal is sent.
      const run = spawnCli(['apply', plan, '--local', '--writes-per-minute', '60'], {
        cwd: dir,
        onStdout: (text) => {
          // Interrupt once a few creates have gone through.
          if (!sent && (text.match(/✓ created/g) ?? []).length >= 2) {
            sent = true;
            run.kill(signal);
          }
        },
      });
      const result = await run;
      expect(result.code).toBe(exitCode);
      expect(result.stdout).toMatch(/Apply stopped: \d+ done, 0 failed, 0 skipped, \d+ not started\./);
      expect(result.stdout).toContain('Interrupted. Run the same apply again to finish');

      const rerun = await spawnCli(['apply', plan, '--local', '--writes-per-minute', '0'], { cwd: dir });
      expect(rerun.code, rerun.stdout + rerun.stderr).toBe(0);
      expect(rerun.stdout).toContain('✓ Verified');
      const done = Number(/Apply stopped: (\d+) done/.exec(result.stdout)?.[1]);
      expect(rerun.stdout).toMatch(new RegExp(`Apply finished: ${7 - done} done`));
      expect(await duplicates()).toEqual([]);
    },
    60_000,
  );
});
