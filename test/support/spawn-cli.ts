/**
 * Runs tpsync in a child process, as a workflow step or a terminal would: the command line bundled
 * from today's sources (cli-bundle.ts), which starts faster than bin/tpsync.js over dist/.
 */
import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

/** The checkout's launcher (bin/tpsync.js, which runs dist/): for tests of the launcher and of dist/ themselves. */
export const BIN = fileURLToPath(new URL('../../bin/tpsync.js', import.meta.url));
/** What a test starts as `tpsync`: the bundle of today's sources, made before the tests run (cli-bundle.ts). */
export const CLI = fileURLToPath(new URL('../../dist/test-cli/tpsync.mjs', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface SpawnResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface SpawnedCli extends Promise<SpawnResult> {
  kill(signal: NodeJS.Signals): void;
  readonly pid: number | undefined;
  /** The child's stdin, with `stdin: 'pipe'`. */
  readonly stdin: Writable | null;
}

export function spawnCli(
  args: string[],
  options: { env?: Record<string, string | undefined>; cwd?: string; onStdout?: (text: string) => void; stdin?: 'ignore' | 'pipe' } = {},
): SpawnedCli {
  // Only what the test gives, plus PATH: the host's GITHUB_* variables must not leak in.
  const env = { PATH: process.env['PATH'], NO_COLOR: '1', ...options.env };
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env,
    stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    options.onStdout?.(stdout);
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const done = new Promise<SpawnResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return Object.assign(done, { kill: (signal: NodeJS.Signals) => void child.kill(signal), pid: child.pid, stdin: child.stdin });
}
