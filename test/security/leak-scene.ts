/**
 * The scene every secret-leak test runs in (secret-leaks.test.ts, secret-leaks-echoes-offline.test.ts):
 * sentinel tokens, a copy of the example plan in a fresh folder, the OpenAPI-checked GitHub server
 * with a pull request, and a runner's environment; and everything a run leaves, gathered for the
 * search. `dir`, `github` and `runner` are the current test's (live bindings, set before each test).
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { fakeSha, startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';
import { readRunnerFiles, runnerEnv, type RunnerFiles } from '../support/runner-env.js';
import type { CliResult } from '../support/run-cli.js';
import { REPO_ROOT } from '../support/spawn-cli.js';

/** A Secoda token with the characters that JSON, URLs and HTML each write differently. */
export const SECODA_TOKEN = 'sntlSECODA/x+To"k\\en&<9f3e1a7b>';
export const GITHUB_TOKEN = 'ghs_sntlGITHUB7c1d0e9f4a2b';
export const URL_PASSWORD = 'sntlPASSw0rd92xq';
export const SECRETS = [SECODA_TOKEN, GITHUB_TOKEN, URL_PASSWORD];
export const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';
export const PR = 7;

export let dir: string;
export let github: GitHubApiServer;
export let runner: { env: Record<string, string>; files: RunnerFiles };

/** Sets the scene up before each test of the calling file, and takes it down after. */
export function useLeakScene(): void {
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tpsync-leaks-'));
    await cp(join(REPO_ROOT, 'tracking-plan.example'), join(dir, 'tracking-plan'), { recursive: true });
    github = await startGitHubApiServer({
      tokens: { [GITHUB_TOKEN]: 'github-actions[bot]' },
      seed: { pulls: [{ number: PR, headSha: fakeSha('head') }] },
    });
    runner = await runnerEnv(dir);
  });
  afterEach(async () => {
    await github.close();
    await rm(dir, { recursive: true, force: true });
  });
}

/** The runner's variables with both tokens, Secoda at `secodaUrl`, and debug output on. */
export function baseEnv(secodaUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...runner.env,
    SECODA_API_URL: secodaUrl,
    SECODA_API_TOKEN: SECODA_TOKEN,
    GITHUB_TOKEN,
    GITHUB_API_URL: github.url,
    TPSYNC_DEBUG: '1',
    ...extra,
  };
}

/** Everything a run left, as the runner and GitHub would see it. */
export async function everything(result: CliResult, extra: Record<string, string> = {}): Promise<Record<string, string>> {
  return {
    stdout: result.stdout,
    stderr: result.stderr,
    ...(await readRunnerFiles(runner.files)),
    comments: github.state.comments.map((c) => c.body).join('\n'),
    githubRequests: JSON.stringify(github.requests.map((r) => ({ url: r.url, body: r.body }))),
    ...extra,
  };
}
