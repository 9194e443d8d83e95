// No secret ever leaves the process. Every command and error path runs in a runner's environment,
// with sentinel tokens; whatever it prints or writes (stdout, stderr as anything that captures it
// keeps it, --out files, pulled YAML, the job summary, step outputs, PR comments and every request
// body sent to GitHub) is searched for them. The commands run in process, through the same output
// boundary as the executable (run.ts); the process's own streams — where the workflow commands go,
// with a real shell's redirections — are tested on the built executable, below and in
// runner-streams.test.ts.
import { spawn } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { fakeSha } from '../support/github-api-server.js';
import { expectNoSecrets, pullRequestEvent, pushEvent } from '../support/runner-env.js';
import { json, page, startScriptedServer, type ScriptedServer, seededDirectoryPage } from '../support/scripted-server.js';
import { baseEnv, dir, everything, github, INTEGRATION, PR, SECODA_TOKEN, GITHUB_TOKEN, SECRETS, useLeakScene } from './leak-scene.js';
import { runCli, type CliResult } from '../support/run-cli.js';
import { CLI } from '../support/spawn-cli.js';

useLeakScene();

function expectNoMaskCommands(result: CliResult): void {
  // Not even to mask it: `::add-mask::` carries the secret to whatever captures the stream.
  expect(result.stdout + result.stderr).not.toContain('::add-mask::');
}

describe('with Secoda data that holds the tokens (pasted into a description)', () => {
  let secoda: RunningEmulator;
  beforeEach(async () => {
    secoda = await startEmulator({ token: SECODA_TOKEN });
    // Made long ago: an apply has no other run to wait for under it.
    const category = secoda.store.insert('event_category', {
      title: 'Search',
      integration: INTEGRATION,
      created_at: '2024-01-01T00:00:00Z',
    });
    secoda.store.insert('event', {
      title: 'Products Searched',
      parent: category.id,
      integration: INTEGRATION,
      description: `debug: Bearer ${SECODA_TOKEN} and ${GITHUB_TOKEN} (${encodeURIComponent(SECODA_TOKEN)})`,
    });
  });
  afterEach(async () => {
    await secoda.close();
  });

  it.each([
    ['plan', []],
    ['plan --json', ['--json']],
    ['plan --markdown', ['--markdown']],
    ['plan --comment --out', ['--comment', '--out', 'plan.json']],
    ['plan --detailed-exitcode --markdown --baseline', ['--detailed-exitcode', '--markdown', '--comment']],
  ])(
    '%s prints, writes and posts no token',
    async (_name, flags) => {
      const env = baseEnv(secoda.url, await pullRequestEvent(dir, PR, fakeSha('head')));
      const result = await runCli(['plan', 'tracking-plan', '--writes-per-minute', '0', ...flags], env, { cwd: dir });
      expect([0, 2]).toContain(result.code);
      const out = flags.includes('--out') ? await readFile(join(dir, 'plan.json'), 'utf8') : undefined;
      expectNoSecrets(await everything(result, out === undefined ? {} : { out }), SECRETS);
      expectNoMaskCommands(result);
      // The description was shown, redacted: the plan still says what changes.
      expect(result.stdout + (out ?? '') + github.state.comments.map((c) => c.body).join('')).toMatch(/Bearer \*\*\*/);
      if (flags.includes('--json')) expect(() => JSON.parse(result.stdout) as unknown).not.toThrow();
      if (flags.includes('--json') || flags.includes('--markdown')) expect(result.stdout).not.toMatch(/^\s*::|##\[/m);
    },
    60_000,
  );

  it('apply on merge (reviewed plan, comment status) and a second plan leave no token anywhere', async () => {
    const planned = await runCli(
      ['plan', 'tracking-plan', '--comment', '--writes-per-minute', '0'],
      baseEnv(secoda.url, await pullRequestEvent(dir, PR, fakeSha('head'))),
      { cwd: dir },
    );
    expect(planned.code, planned.stderr).toBe(0);
    const merge = github.mergePull(PR);
    const applied = await runCli(
      ['apply', 'tracking-plan', '--require-reviewed-plan', '--auto-approve', '--writes-per-minute', '0'],
      baseEnv(secoda.url, pushEvent(merge)),
      { cwd: dir },
    );
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(github.state.comments.find((c) => c.body.includes('tpsync:plan'))?.body).toContain('🟢 **Applied**');
    expectNoSecrets(await everything(applied, { planned: planned.stdout + planned.stderr }), SECRETS);
    expectNoMaskCommands(applied);
  }, 60_000);

  it('pull, to stdout and into a directory, writes no token into the YAML', async () => {
    const env = baseEnv(secoda.url);
    const toStdout = await runCli(['pull', '--integration', INTEGRATION], env, { cwd: dir });
    expect(toStdout.code, toStdout.stderr).toBe(0);
    const intoDir = await runCli(['pull', '--integration', INTEGRATION, '--out', 'pulled/'], env, { cwd: dir });
    expect(intoDir.code, intoDir.stderr).toBe(0);
    const files: Record<string, string> = {};
    for (const name of await readdir(join(dir, 'pulled'))) files[name] = await readFile(join(dir, 'pulled', name), 'utf8');
    expect(Object.values(files).join('')).toContain('debug: Bearer ***');
    expectNoSecrets({ ...(await everything(toStdout)), ...files, intoDir: intoDir.stdout + intoDir.stderr }, SECRETS);
  }, 60_000);
});

describe('where the workflow commands go', () => {
  let secoda: RunningEmulator;
  beforeEach(async () => {
    secoda = await startEmulator({ token: SECODA_TOKEN });
  });
  afterEach(async () => {
    await secoda.close();
  });

  /** A step's script, as a workflow writes it, with tpsync as the built executable. */
  function step(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn('bash', ['-e', '-c', script], {
        cwd: dir,
        env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', ...baseEnv(secoda.url), TPSYNC: `"${process.execPath}" "${CLI}"` },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('stderr when the runner reads it, with no mask (it would carry the token): never a document, a redirected log, or stdout joined to stderr', async () => {
    const toRunner = await step('eval "$TPSYNC plan tracking-plan --markdown --writes-per-minute 0" > plan.md');
    expect(toRunner.code, toRunner.stderr).toBe(0);
    expect(toRunner.stderr).not.toContain('::add-mask::');
    const document = await readFile(join(dir, 'plan.md'), 'utf8');
    expect(document.startsWith('**Plan: 201 to create')).toBe(true);
    expect(document).not.toMatch(/^\s*::/m);

    // stderr into a file a workflow may upload: no commands.
    const toFile = await step('eval "$TPSYNC plan tracking-plan --json --writes-per-minute 0" > plan.json 2> plan.log');
    expect(toFile.code).toBe(0);
    const log = await readFile(join(dir, 'plan.log'), 'utf8');
    expect(log).not.toContain('::');
    JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8'));

    // stdout and stderr one stream: the commands would land in the document.
    const joined = await step('eval "$TPSYNC plan tracking-plan --markdown --writes-per-minute 0" 2>&1 | cat > joined.md');
    expect(joined.code).toBe(0);
    expect(await readFile(join(dir, 'joined.md'), 'utf8')).not.toMatch(/^\s*::/m);

    expectNoSecrets({ document, log, joined: await readFile(join(dir, 'joined.md'), 'utf8'), out: toRunner.stderr }, SECRETS);
  }, 90_000);
});

describe('validate, with tokens pasted into the YAML', () => {
  it('reports the problems, annotates and summarises them without the tokens', async () => {
    await mkdir(join(dir, 'broken'));
    await writeFile(
      join(dir, 'broken', 'plan.yaml'),
      `version: 1\nintegration: ${INTEGRATION}\ncategories:\n  - title: A\n    events:\n      - title: E\n        pii: "${SECODA_TOKEN.replace(/["\\]/g, '\\$&')}"\n        owners: ["${GITHUB_TOKEN}"]\n`,
    );
    const result = await runCli(['validate', 'broken'], baseEnv('https://api.secoda.co/api/v1'), { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^::error /m);
    expectNoSecrets(await everything(result), SECRETS);
    expectNoMaskCommands(result);
  }, 60_000);
});

describe('with a Secoda that echoes the token in its error bodies', () => {
  let server: ScriptedServer;
  afterEach(async () => {
    await server.close();
  });

  /** A DRF-like body that repeats the token in the forms servers use, and once across the 300-character cut. */
  function echo(status: number, authorization: string): string {
    const token = authorization.replace(/^Bearer /, '');
    const padding = 'x'.repeat(290 - `{"detail": "Invalid token`.length);
    return JSON.stringify({
      detail: `Invalid token${padding}${token}`,
      echoed: token,
      url: `https://api.example/?token=${encodeURIComponent(token)}`,
      headers: { Authorization: authorization },
      status,
    });
  }

  it.each([400, 401, 403, 404, 501])(
    '%i: the error shows the trimmed body without the token',
    async (status) => {
      server = await startScriptedServer((request, response) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(echo(status, String(request.headers.authorization)));
      });
      const result = await runCli(['plan', 'tracking-plan', '--comment'], baseEnv(server.url, await pullRequestEvent(dir, PR)), {
        cwd: dir,
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Secoda answered ${status}`);
      expectNoSecrets(await everything(result), SECRETS);
      expectNoMaskCommands(result);
      // The failed plan is on the PR (item 7), without the token either.
      expect(github.state.comments.map((c) => c.body).join('')).toContain('Plan failed');
    },
    60_000,
  );

  it('a write refused with the token in the body: the apply summary names the failure, not the token', async () => {
    server = await startScriptedServer((request, response) => {
      if (request.method === 'GET') return json(response, 200, seededDirectoryPage(request.url) ?? page([], 1, 1));
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(echo(400, String(request.headers.authorization)));
    });
    const result = await runCli(['apply', 'tracking-plan', '--auto-approve', '--writes-per-minute', '0'], baseEnv(server.url), {
      cwd: dir,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✗ create category .*: Secoda answered 400/);
    expectNoSecrets(await everything(result), SECRETS);
  }, 60_000);

  it('a body that echoes the token upper-cased (a proxy, an error page)', async () => {
    server = await startScriptedServer((request, response) =>
      json(response, 401, { detail: `INVALID TOKEN: ${String(request.headers.authorization).toUpperCase()}` }),
    );
    const result = await runCli(['plan', 'tracking-plan', '--json'], baseEnv(server.url), { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Secoda answered 401');
    expectNoSecrets(await everything(result), SECRETS);
  }, 60_000);

  it('an answer in the wrong shape that quotes the token', async () => {
    server = await startScriptedServer((request, response) =>
      json(response, 200, { unexpected: `${'y'.repeat(150)}${String(request.headers.authorization)}` }),
    );
    const result = await runCli(['plan', 'tracking-plan', '--json'], baseEnv(server.url), { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('unexpected response from Secoda');
    expect(result.stdout).toBe('');
    expectNoSecrets(await everything(result), SECRETS);
  }, 60_000);
});
