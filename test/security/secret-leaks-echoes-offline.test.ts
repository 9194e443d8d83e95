/** No secret leaves the process (continued from secret-leaks.test.ts): pieces and encodings of a token that Secoda echoes, credentials in the URL, GitHub echoing its token, a secret in the wrong variable, and the offline commands and pull. */
// No secret ever leaves the process. Every command and error path runs in a runner's environment,
// with sentinel tokens; whatever it prints or writes (stdout, stderr as anything that captures it
// keeps it, --out files, pulled YAML, the job summary, step outputs, PR comments and every request
// body sent to GitHub) is searched for them. The commands run in process, through the same output
// boundary as the executable (run.ts); the process's own streams — where the workflow commands go,
// with a real shell's redirections — are tested on the built executable, below and in
// runner-streams.test.ts.
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/server.js';
import { expectNoSecrets, pullRequestEvent } from '../support/runner-env.js';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';
import {
  baseEnv,
  dir,
  everything,
  github,
  INTEGRATION,
  PR,
  SECODA_TOKEN,
  GITHUB_TOKEN,
  URL_PASSWORD,
  SECRETS,
  useLeakScene,
} from './leak-scene.js';
import { runCli } from '../support/run-cli.js';

useLeakScene();

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
