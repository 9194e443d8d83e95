/**
 * A GitHub Actions runner's environment for a spawned tpsync: GITHUB_ACTIONS and RUNNER_NAME,
 * the GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, an event file for a pull request or a push,
 * and helpers to read back everything a run left and look for secrets in it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { DEFAULT_REPO, fakeSha } from './github-api-server.js';

export interface RunnerFiles {
  readonly summary: string;
  readonly output: string;
}

/** Files and variables a runner gives every step, under `dir`. */
export async function runnerEnv(dir: string, name = 'step'): Promise<{ env: Record<string, string>; files: RunnerFiles }> {
  const files = { summary: join(dir, `${name}-summary.md`), output: join(dir, `${name}-output.txt`) };
  await writeFile(files.summary, '');
  await writeFile(files.output, '');
  return {
    files,
    env: {
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      RUNNER_NAME: 'GitHub Actions 2',
      RUNNER_TEMP: dir,
      GITHUB_REPOSITORY: DEFAULT_REPO,
      GITHUB_SERVER_URL: 'https://github.example',
      GITHUB_RUN_ID: '4242',
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_OUTPUT: files.output,
    },
  };
}

/** The event of a `pull_request` run for PR `number` with head `headSha`, written to `dir`. */
export async function pullRequestEvent(dir: string, number: number, headSha = fakeSha(`head ${number}`)): Promise<Record<string, string>> {
  const path = join(dir, `event-${number}.json`);
  await writeFile(
    path,
    JSON.stringify({
      number,
      pull_request: {
        number,
        head: { sha: headSha, repo: { full_name: DEFAULT_REPO } },
        base: { repo: { full_name: DEFAULT_REPO } },
      },
    }),
  );
  return {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: path,
    GITHUB_SHA: fakeSha(`pr merge ref ${number}`),
    GITHUB_REF: `refs/pull/${number}/merge`,
  };
}

/** The variables of a `push` run for commit `sha` on main. */
export function pushEvent(sha: string): Record<string, string> {
  return { GITHUB_EVENT_NAME: 'push', GITHUB_SHA: sha, GITHUB_REF: 'refs/heads/main' };
}

export async function readRunnerFiles(files: RunnerFiles): Promise<{ summary: string; output: string }> {
  return { summary: await readFile(files.summary, 'utf8'), output: await readFile(files.output, 'utf8') };
}

/**
 * Every named text is free of every secret: whole, or its first 10 characters (a cut token is a
 * leak too), in any case, raw, percent-encoded, as a workflow command escapes it, or in base64
 * or hex.
 */
export function expectNoSecrets(texts: Record<string, string | undefined>, secrets: readonly string[]): void {
  const needles = secrets
    .flatMap((s) => [
      s,
      s.slice(0, 10),
      encodeURIComponent(s).slice(0, 12),
      s.replace(/%/g, '%25').slice(0, 12),
      Buffer.from(s).toString('base64').slice(0, 12),
      Buffer.from(s).toString('hex').slice(0, 16),
    ])
    .map((n) => n.toLowerCase());
  for (const [where, text] of Object.entries(texts)) {
    if (text === undefined) continue;
    const haystack = text.toLowerCase();
    for (const needle of needles) {
      const at = haystack.indexOf(needle);
      expect(at, `${where} holds a secret (${needle.slice(0, 4)}…): …${text.slice(Math.max(0, at - 200), at + 200)}…`).toBe(-1);
    }
  }
}
