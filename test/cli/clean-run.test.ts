/**
 * No Node warning on a normal run (issue 11, item 6): a paced apply keeps hundreds of writes
 * waiting for their slot at once, which used to add an abort listener each
 * (MaxListenersExceededWarning).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { abortableSleep, onAbort } from '../../src/secoda/abortable-sleep.js';
import { REPO_ROOT, spawnCli } from '../support/spawn-cli.js';

const EXAMPLE = join(REPO_ROOT, 'tracking-plan.example');

describe('clean runs', () => {
  it('a paced apply of 201 writes, then a plan, print nothing on stderr', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tpsync-clean-'));
    try {
      const applied = await spawnCli(['apply', EXAMPLE, '--local', '--writes-per-minute', '12000'], { cwd: dir });
      expect(applied.code, applied.stderr).toBe(0);
      expect(applied.stdout).toContain('Apply finished: 201 done');
      // Only the line that names the local store, which stays.
      expect(applied.stderr).toMatch(
        /^Local Secoda: \.tpsync\/emulator\.json in .* \(0 resources\), an emulator run by tpsync; delete \.tpsync\/ to start from an empty one\.\n$/,
      );
      const planned = await spawnCli(['plan', EXAMPLE, '--local'], { cwd: dir });
      expect(planned.code).toBe(0);
      expect(planned.stderr).toMatch(/^Local Secoda: \.tpsync\/emulator\.json in .* \(201 resources\)[^\n]*\n$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('many waits on one signal share one abort listener, and all of them end when it aborts', async () => {
    const controller = new AbortController();
    const listeners: unknown[] = [];
    const add = controller.signal.addEventListener.bind(controller.signal);
    controller.signal.addEventListener = (...args: Parameters<typeof add>) => {
      listeners.push(args[1]);
      add(...args);
    };
    const waits = Array.from({ length: 500 }, () =>
      abortableSleep(60_000, controller.signal).then(
        () => 'slept',
        () => 'aborted',
      ),
    );
    let called = 0;
    const cancel = onAbort(controller.signal, () => called++);
    cancel();
    expect(listeners).toHaveLength(1);
    controller.abort('SIGINT');
    expect(new Set(await Promise.all(waits))).toEqual(new Set(['aborted']));
    // A cancelled callback is not called.
    expect(called).toBe(0);
  });
});
