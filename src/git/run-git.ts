/** Runs `git` (never through a shell) and turns its failures into errors a user can act on. */
import { execFile } from 'node:child_process';
import { UsageError } from '../errors.js';

/** A plan is small; this only stops a runaway read. */
const MAX_OUTPUT = 256 * 1024 * 1024;

export class GitError extends Error {
  override readonly name = 'GitError';
  constructor(
    message: string,
    readonly stderr: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function runGit(args: readonly string[], cwd: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...args],
      { cwd, encoding: 'buffer', maxBuffer: MAX_OUTPUT, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve(stdout);
          return;
        }
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(new UsageError('--baseline needs git, which is not installed or not on PATH', 'install git, or run without --baseline'));
          return;
        }
        const text = stderr.toString('utf8').trim();
        reject(new GitError(`git ${args[0] ?? ''} failed: ${text.split('\n')[0] ?? ''}`, text, { cause: error }));
      },
    );
  });
}
