// Every command, on a GitHub runner (GITHUB_ACTIONS, RUNNER_NAME and the GITHUB_* variables),
// with stdout and stderr both pipes — the case in which tpsync once wrote `::add-mask::<token>`
// to stderr, which anything capturing stderr (`2>&1 | tee log`, a wrapper that logs it) then kept.
// Neither stream may hold any of the three secrets in any form, whatever the command, its
// outcome or its errors.
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';
import { expectNoSecrets, runnerEnv } from '../support/runner-env.js';
import { CLI, REPO_ROOT, spawnCli, type SpawnResult } from '../support/spawn-cli.js';

const SECODA_TOKEN = 'sntlSTREAMsecoda/+"\\&<e41b9c>';
const GITHUB_TOKEN = 'ghs_sntlSTREAMgithub8d2f60';
const REVIEW_KEY = 'sntlSTREAMreview3a9c55e1';
const SECRETS = [SECODA_TOKEN, GITHUB_TOKEN, REVIEW_KEY];
const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';

let dir: string;
let secoda: RunningEmulator;
let github: GitHubApiServer;
let env: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tpsync-streams-'));
  // A small plan (7 creates): what each command writes where does not depend on the plan's size.
  await mkdir(join(dir, 'tracking-plan'));
  await cp(join(REPO_ROOT, 'test/fixtures/small-plan.yaml'), join(dir, 'tracking-plan', 'tracking-plan.yaml'));
  await writeFile(join(dir, 'payloads.ndjson'), `${JSON.stringify({ event: 'Order Completed', properties: { order_id: 7 } })}\n`);
  secoda = await startEmulator({ token: SECODA_TOKEN });
  github = await startGitHubApiServer({ tokens: { [GITHUB_TOKEN]: 'github-actions[bot]' } });
  env = {
    ...(await runnerEnv(dir)).env,
    GITHUB_WORKSPACE: dir,
    GITHUB_WORKFLOW: 'tracking plan',
    GITHUB_JOB: 'plan',
    GITHUB_ACTOR: 'octocat',
    GITHUB_API_URL: github.url,
    SECODA_API_URL: secoda.url,
    SECODA_API_TOKEN: SECODA_TOKEN,
    GITHUB_TOKEN,
    TPSYNC_REVIEW_KEY: REVIEW_KEY,
  };
});
afterAll(async () => {
  await secoda.close();
  await github.close();
  await rm(dir, { recursive: true, force: true });
});

function expectClean(result: Pick<SpawnResult, 'stdout' | 'stderr'>): void {
  expectNoSecrets({ stdout: result.stdout, stderr: result.stderr }, SECRETS);
  expect(result.stdout + result.stderr).not.toContain('::add-mask::');
}

// In order: later rows use what earlier ones made (schemas, generated code, an applied Secoda).
const runs: [name: string, args: string[], codes: number[], extraEnv?: Record<string, string>][] = [
  ['--version', ['--version'], [0]],
  ['help', ['help'], [0]],
  ['help <command>', ['help', 'apply'], [0]],
  ['<command> --help', ['plan', '--help'], [0]],
  ['emulator --help', ['emulator', '--help'], [0]],
  ['no command', [], [1]],
  ['an unknown command', ['deploy'], [1]],
  ['an unknown flag', ['plan', 'tracking-plan', '--bogus'], [1]],
  ['validate', ['validate', 'tracking-plan'], [0]],
  ['validate --format json', ['validate', 'tracking-plan', '--format', 'json'], [0]],
  ['validate of a missing path', ['validate', 'nowhere'], [1]],
  ['plan', ['plan', 'tracking-plan', '--writes-per-minute', '0'], [0]],
  ['plan --json --out', ['plan', 'tracking-plan', '--json', '--out', 'plan.json', '--writes-per-minute', '0'], [0]],
  ['plan --markdown --detailed-exitcode', ['plan', 'tracking-plan', '--markdown', '--detailed-exitcode'], [2]],
  ['plan --debug', ['plan', 'tracking-plan', '--debug', '--writes-per-minute', '0'], [0]],
  ['plan with a SECODA_API_URL that is no http(s) URL', ['plan', 'tracking-plan'], [1], { SECODA_API_URL: 'ftp://api.secoda.co/api/v1' }],
  ['plan without a token', ['plan', 'tracking-plan'], [1], { SECODA_API_TOKEN: '' }],
  ['plan with a wrong token', ['plan', 'tracking-plan'], [1], { SECODA_API_TOKEN: `${SECODA_TOKEN}x` }],
  ['apply', ['apply', 'tracking-plan', '--auto-approve', '--writes-per-minute', '0'], [0]],
  ['apply again (nothing to do)', ['apply', 'tracking-plan', '--auto-approve', '--writes-per-minute', '0'], [0]],
  ['apply --plan-file', ['apply', 'tracking-plan', '--plan-file', 'plan.json', '--writes-per-minute', '0'], [1]],
  ['pull', ['pull', '--integration', INTEGRATION], [0]],
  ['pull --out', ['pull', '--integration', INTEGRATION, '--out', 'pulled/'], [0]],
  ['plan --local', ['plan', 'tracking-plan', '--local'], [0]],
  ['apply --local', ['apply', 'tracking-plan', '--local'], [0]],
  ['pull --local', ['pull', '--integration', INTEGRATION, '--local'], [0]],
  ['schema --out', ['schema', 'tracking-plan', '--out', 'schemas', '--index'], [0]],
  ['schema --check', ['schema', 'tracking-plan', '--out', 'schemas', '--index', '--check'], [0]],
  ['schema --check, out of date', ['schema', 'tracking-plan', '--out', 'schemas', '--check'], [1]],
  ['check', ['check', 'tracking-plan', 'payloads.ndjson'], [1]],
  ['check --format json', ['check', 'tracking-plan', 'payloads.ndjson', '--format', 'json'], [1]],
  ['check - (empty stdin)', ['check', 'tracking-plan', '-'], [0]],
  ['check of a missing file', ['check', 'tracking-plan', 'nowhere.ndjson'], [1]],
  ['codegen', ['codegen', 'tracking-plan', '--lang', 'typescript'], [0]],
  ['codegen --out', ['codegen', 'tracking-plan', '--out', 'tracking.ts'], [0]],
  ['codegen --check', ['codegen', 'tracking-plan', '--out', 'tracking.ts', '--check'], [0]],
  ['codegen --check of a missing file', ['codegen', 'tracking-plan', '--out', 'nowhere.ts', '--check'], [1]],
  ['emulator with a bad option', ['emulator', '--port', 'x'], [1]],
];

describe('on a runner, stdout and stderr piped, no command writes a secret in any form', () => {
  it.each(runs)(
    '%s',
    async (_name, args, codes, extraEnv = {}) => {
      const result = await spawnCli(args, { env: { ...env, ...extraEnv }, cwd: dir });
      expect(codes, `exit ${result.code}: ${result.stderr}`).toContain(result.code);
      expectClean(result);
    },
    60_000,
  );

  it('emulator, from start to SIGINT', async () => {
    const child = spawn(process.execPath, [CLI, 'emulator', '--port', '0', '--token', SECODA_TOKEN], {
      cwd: dir,
      env: { PATH: process.env['PATH'], NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        if (stdout.includes('Ctrl-C')) resolve();
      });
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    });
    child.kill('SIGINT');
    expect(await closed).toBe(130);
    expect(stdout).toContain('Emulator stopped');
    expectClean({ stdout, stderr });
  }, 60_000);
});
