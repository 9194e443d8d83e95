// No secret ever leaves the process. Every command and error path runs in a runner's environment,
// with sentinel tokens; whatever it prints or writes (stdout, stderr as anything that captures it
// keeps it, --out files, pulled YAML, the job summary, step outputs, PR comments and every request
// body sent to GitHub) is searched for them. The commands run in process, through the same output
// boundary as the executable (run.ts); the process's own streams — where the workflow commands go,
// with a real shell's redirections — are tested on the built executable, below and in
// runner-streams.test.ts.
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { fakeSha, startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';
import { expectNoSecrets, pullRequestEvent, pushEvent, readRunnerFiles, runnerEnv, type RunnerFiles } from '../support/runner-env.js';
import { json, page, startScriptedServer, type ScriptedServer, seededDirectoryPage } from '../support/scripted-server.js';
import { runCli, type CliResult } from '../support/run-cli.js';
import { CLI, REPO_ROOT } from '../support/spawn-cli.js';

/** A Secoda token with the characters that JSON, URLs and HTML each write differently. */
const SECODA_TOKEN = 'sntlSECODA/x+To"k\\en&<9f3e1a7b>';
const GITHUB_TOKEN = 'ghs_sntlGITHUB7c1d0e9f4a2b';
const URL_PASSWORD = 'sntlPASSw0rd92xq';
const SECRETS = [SECODA_TOKEN, GITHUB_TOKEN, URL_PASSWORD];
const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';
const PR = 7;

let dir: string;
let github: GitHubApiServer;
let runner: { env: Record<string, string>; files: RunnerFiles };

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

function baseEnv(secodaUrl: string, extra: Record<string, string> = {}): Record<string, string> {
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
async function everything(result: CliResult, extra: Record<string, string> = {}): Promise<Record<string, string>> {
  return {
    stdout: result.stdout,
    stderr: result.stderr,
    ...(await readRunnerFiles(runner.files)),
    comments: github.state.comments.map((c) => c.body).join('\n'),
    githubRequests: JSON.stringify(github.requests.map((r) => ({ url: r.url, body: r.body }))),
    ...extra,
  };
}

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

describe('with a Secoda that echoes pieces of the token, encoded or broken up', () => {
  let server: ScriptedServer;
  afterEach(async () => {
    await server.close();
  });

  /** What a server may do to a token before echoing it (the attack suite's findings). */
  const pieces: [string, (token: string) => string][] = [
    ['its first 20 characters, not cut by an ellipsis', (t) => `bad key ${t.slice(0, 20)} rejected`],
    ['its hex', (t) => `{"detail":"token hex ${Buffer.from(t).toString('hex')}"}`],
    ['base64 of a Bearer header', (t) => `{"detail":"auth ${Buffer.from(`Bearer ${t}`).toString('base64')}"}`],
    ['split by an escaped line break', (t) => JSON.stringify({ detail: `${t.slice(0, 14)}\n${t.slice(14)}` })],
    ['split by a carriage return', (t) => `token ${t.slice(0, 14)}\r${t.slice(14)} end`],
    ['split by an ANSI colour code', (t) => `token ${t.slice(0, 14)}\u001b[39m${t.slice(14)} end`],
  ];

  /** Each stream with gaps and escapes dropped, so that a token put back together is seen. */
  function joined(texts: Record<string, string>): Record<string, string> {
    const squeeze = (text: string) =>
      text
        .replace(new RegExp(String.raw`(?:\\u001b|\u001b)\[[0-9;]*[A-Za-z]|\\[nrt]|\s`, 'g'), '')
        .replace(/\\u([0-9a-f]{4})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    return Object.fromEntries(Object.entries(texts).map(([where, text]) => [`${where} (joined)`, squeeze(text)]));
  }

  it.each(pieces)(
    'a 401 that echoes %s: on stdout, stderr, the job summary and the PR comment, no piece of it',
    async (_what, echo) => {
      server = await startScriptedServer((request, response) => {
        response.writeHead(401, { 'content-type': 'application/json' });
        response.end(echo(String(request.headers.authorization).replace(/^Bearer /, '')));
      });
      const result = await runCli(['plan', 'tracking-plan', '--comment'], baseEnv(server.url, await pullRequestEvent(dir, PR)), {
        cwd: dir,
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Secoda answered 401');
      expect(github.state.comments.map((c) => c.body).join('')).toContain('Plan failed');
      const texts = await everything(result);
      expectNoSecrets({ ...texts, ...joined(texts) }, SECRETS);
    },
    60_000,
  );
});

describe('a SECODA_API_URL with credentials in it', () => {
  it.each([
    ['a valid URL', `https://sntluser:${URL_PASSWORD}@api.secoda.co/api/v1`],
    ['a URL that does not parse', `https://sntluser:${URL_PASSWORD} x@api secoda.co/api/v1`],
    ['another scheme', `ftp://sntluser:${URL_PASSWORD}@api.secoda.co/api/v1`],
    ['a key in the query', `https://api.secoda.co/api/v1?key=${URL_PASSWORD}`],
  ])(
    'is refused without quoting them (%s)',
    async (_what, url) => {
      const result = await runCli(['plan', 'tracking-plan', '--json'], baseEnv(url), { cwd: dir });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/error: SECODA_API_URL /);
      expect(result.stdout).toBe('');
      expectNoSecrets(await everything(result), SECRETS);
    },
    60_000,
  );
});

describe('with a GitHub that echoes its token', () => {
  it('the failed comment is reported without the token', async () => {
    const secoda = await startEmulator({ token: SECODA_TOKEN });
    try {
      github.fail('issues/create-comment', 422, {
        times: 5,
        body: { message: `Validation Failed for token ${GITHUB_TOKEN}`, documentation_url: 'x' },
      });
      const result = await runCli(
        ['plan', 'tracking-plan', '--comment', '--writes-per-minute', '0'],
        baseEnv(secoda.url, await pullRequestEvent(dir, PR)),
        { cwd: dir },
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('could not post the plan comment: GitHub answered 422');
      expectNoSecrets(await everything(result), SECRETS);
    } finally {
      await secoda.close();
    }
  }, 60_000);
});

describe('a secret in the wrong variable', () => {
  /** A Secoda key pasted into SECODA_API_URL, the URL into SECODA_API_TOKEN: swapped by an unlucky operator. */
  const KEY = 'sntlSWAPPEDkey4e2a9c71d0';

  it.each([
    ['a bare key', KEY],
    ['a key with a colon, which parses as a URL scheme', `sntl:${KEY}`],
  ])(
    'SECODA_API_URL holding %s is refused without quoting it, and the swap is named',
    async (_what, value) => {
      for (const args of [
        ['plan', 'tracking-plan', '--json'],
        ['apply', 'tracking-plan', '--auto-approve'],
        ['pull', '--integration', INTEGRATION],
      ]) {
        const result = await runCli(
          args,
          { ...baseEnv('https://api.secoda.co/api/v1'), SECODA_API_URL: value, SECODA_API_TOKEN: 'https://api.secoda.co/api/v1' },
          { cwd: dir },
        );
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(/error: SECODA_API_URL .*it may hold a secret/);
        expect(result.stderr).toContain('are SECODA_API_URL and SECODA_API_TOKEN swapped?');
        expectNoSecrets(await everything(result), [KEY]);
      }
    },
    60_000,
  );

  it('GITHUB_API_URL holding a token, or a URL with credentials, is refused without quoting it', async () => {
    const secoda = await startEmulator({ token: SECODA_TOKEN });
    try {
      for (const value of [`ghp_${URL_PASSWORD}`, `https://x-access-token:${URL_PASSWORD}@127.0.0.1:9/api/v3`]) {
        const result = await runCli(
          ['plan', 'tracking-plan', '--comment', '--writes-per-minute', '0'],
          { ...baseEnv(secoda.url, await pullRequestEvent(dir, PR)), GITHUB_API_URL: value },
          { cwd: dir },
        );
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(/GITHUB_API_URL (is not an http\(s\) URL|must not contain credentials)/);
        expectNoSecrets(await everything(result), SECRETS);
      }
    } finally {
      await secoda.close();
    }
  }, 60_000);
});

describe('a GitHub that echoes its token across the cut of its message', () => {
  it('leaves not even the first characters of the token', async () => {
    const secoda = await startEmulator({ token: SECODA_TOKEN });
    try {
      // GitHub's message is cut at 300 characters: here, ten characters into the token.
      github.fail('issues/create-comment', 422, {
        times: 5,
        body: { message: `Validation Failed: ${'x'.repeat(290 - 'Validation Failed: '.length)}${GITHUB_TOKEN}`, documentation_url: 'x' },
      });
      const result = await runCli(
        ['plan', 'tracking-plan', '--comment', '--writes-per-minute', '0'],
        baseEnv(secoda.url, await pullRequestEvent(dir, PR)),
        { cwd: dir },
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('could not post the plan comment: GitHub answered 422');
      expect(result.stderr).toMatch(/xxx\*\*\*…/);
      expectNoSecrets(await everything(result), SECRETS);
    } finally {
      await secoda.close();
    }
  }, 60_000);
});

describe('schema, codegen and check, with a token pasted into the YAML', () => {
  const yamlString = (text: string) => `"${text.replace(/["\\]/g, '\\$&')}"`;

  it('write no token into schema files, generated code or reports, on stdout or in files', async () => {
    await mkdir(join(dir, 'pasted'));
    await writeFile(
      join(dir, 'pasted', 'plan.yaml'),
      [
        'version: 1',
        `integration: ${INTEGRATION}`,
        'categories:',
        '  - title: Shop',
        '    events:',
        '      - title: Viewed',
        `        description: ${yamlString(`debug: Bearer ${SECODA_TOKEN} */ and ${GITHUB_TOKEN}`)}`,
        '        properties:',
        '          - title: source',
        '            type: enum',
        `            description: ${yamlString(SECODA_TOKEN)}`,
        `            enum: [web, ${yamlString(GITHUB_TOKEN)}]`,
        '',
      ].join('\n'),
    );
    await writeFile(
      join(dir, 'payloads.ndjson'),
      [{ event: 'Viewed', properties: { source: SECODA_TOKEN } }, { event: `${GITHUB_TOKEN} ${SECODA_TOKEN}` }]
        .map((p) => JSON.stringify(p))
        .join('\n'),
    );
    const env = baseEnv('https://api.secoda.co/api/v1');
    const texts: Record<string, string> = {};
    const runs = [
      ['schema', 'pasted', '--out', 'schemas', '--index'],
      ['codegen', 'pasted', '--lang', 'typescript'],
      ['codegen', 'pasted', '--lang', 'typescript', '--out', 'tracking.ts'],
      ['check', 'pasted', 'payloads.ndjson'],
      ['check', 'pasted', 'payloads.ndjson', '--format', 'json'],
    ];
    for (const args of runs) {
      const result = await runCli(args, env, { cwd: dir });
      expect(result.stderr).not.toMatch(/error/);
      Object.assign(texts, { [`${args.join(' ')} stdout`]: result.stdout, [`${args.join(' ')} stderr`]: result.stderr });
    }
    expect(texts['codegen pasted --lang typescript stdout']).toContain('debug: Bearer ***');
    for (const name of await readdir(join(dir, 'schemas'))) {
      texts[`schemas/${name}`] = await readFile(join(dir, 'schemas', name), 'utf8');
      texts[`schemas/${name} (name)`] = name;
    }
    texts['tracking.ts'] = await readFile(join(dir, 'tracking.ts'), 'utf8');
    expect(texts['tracking.ts']).toContain('debug: Bearer ***');
    expectNoSecrets(texts, SECRETS);
  }, 60_000);
});

describe('pull, with a token in a category title', () => {
  it('names no file after it', async () => {
    const secoda = await startEmulator({ token: SECODA_TOKEN });
    try {
      secoda.store.insert('event_category', { title: `Leak ${SECODA_TOKEN}`, integration: INTEGRATION });
      const result = await runCli(['pull', '--integration', INTEGRATION, '--out', 'pulled/'], baseEnv(secoda.url), { cwd: dir });
      expect(result.code, result.stderr).toBe(0);
      const names = await readdir(join(dir, 'pulled'));
      const files = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readFile(join(dir, 'pulled', n), 'utf8')])));
      expectNoSecrets({ names: names.join('\n'), ...files, stdout: result.stdout, stderr: result.stderr }, SECRETS);
    } finally {
      await secoda.close();
    }
  }, 60_000);
});
