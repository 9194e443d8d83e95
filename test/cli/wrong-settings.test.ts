/**
 * Wrong settings are pointed at (issue 12, item 5): a base URL without /api/v1, the wrong host, https
 * against a plain-HTTP server, a web page instead of the API, an integration that holds nothing, and
 * the request log that shows what was asked — each with the full URL and the likely fix.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { runCli } from '../support/run-cli.js';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';
import { REPO_ROOT, spawnCli } from '../support/spawn-cli.js';

const TOKEN = 'sntlWRONG-settings-token-77c1';
const EXAMPLE = join(REPO_ROOT, 'tracking-plan.example');
const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tpsync-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a SECODA_API_URL that is not Secoda', () => {
  let server: ScriptedServer;
  afterEach(async () => {
    await server.close();
  });

  it('404 without /api/v1: names the URL asked and suggests adding /api/v1', async () => {
    server = await startScriptedServer((_request, response) => {
      response.writeHead(404, { 'content-type': 'text/html' });
      response.end('<!doctype html><html><body>Not Found</body></html>');
    });
    const base = server.url.replace(/\/api\/v1$/, '');
    const result = await runCli(['plan', EXAMPLE], { SECODA_API_URL: base, SECODA_API_TOKEN: TOKEN });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(`error: Secoda answered 404 Not Found to GET ${escape(base)}/[a-z_/]+/: no Secoda API answers at this address`),
    );
    expect(result.stderr).toContain(`hint: SECODA_API_URL must end in /api/v1: try ${base}/api/v1`);
  });

  it('404 with /api/v1: suggests checking the host, and names the regional hosts', async () => {
    server = await startScriptedServer((_request, response) => {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"detail":"Not found."}');
    });
    const result = await runCli(['plan', EXAMPLE], { SECODA_API_URL: server.url, SECODA_API_TOKEN: TOKEN });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`Secoda answered 404 Not Found to GET ${escape(server.url)}/[a-z_/]+/`));
    expect(result.stderr).toContain(`hint: check the host in SECODA_API_URL (now ${server.url})`);
    expect(result.stderr).toContain('https://eapi.secoda.co/api/v1');
  });

  it('a web page instead of the API: says so, with the URL', async () => {
    server = await startScriptedServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!DOCTYPE html>\n<html><head><title>Secoda</title></head><body>Sign in</body></html>');
    });
    const result = await runCli(['plan', EXAMPLE], { SECODA_API_URL: server.url, SECODA_API_TOKEN: TOKEN });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `unexpected response from Secoda to GET ${escape(server.url)}/[a-z_/]+/(\\?[^:]*)?: the 200 answer is an HTML page, not the API's JSON`,
      ),
    );
    expect(result.stderr).toContain("hint: SECODA_API_URL points at a web page, not at Secoda's API");
  });
});

describe('https:// against a plain-HTTP server', () => {
  let emulator: RunningEmulator;
  beforeEach(async () => {
    emulator = await startEmulator({ token: TOKEN });
  });
  afterEach(async () => {
    await emulator.close();
  });

  it('fails at once with the URL and the fix (http://), without retrying', async () => {
    const https = emulator.url.replace(/^http:/, 'https:');
    const result = await runCli(['plan', EXAMPLE], { SECODA_API_URL: https, SECODA_API_TOKEN: TOKEN });
    expect(result.code).toBe(1);
    const host = new URL(https).host;
    expect(result.stderr).toMatch(
      new RegExp(
        `error: could not start TLS with ${escape(https)}/[a-z_/]+/ \\(EPROTO: wrong version number\\): the server at ${escape(host)} does not speak https`,
      ),
    );
    expect(result.stderr).toContain(`use ${emulator.url};`);
    expect(result.stderr).not.toContain('retrying');
    expect(emulator.log.entries).toHaveLength(0);
  });
});

describe('an integration that holds nothing', () => {
  let emulator: RunningEmulator;
  beforeEach(async () => {
    emulator = await startEmulator({ token: TOKEN });
  });
  afterEach(async () => {
    await emulator.close();
  });

  it('plan says so (in text on stdout; beside --json on stderr), and pull too', async () => {
    const env = { SECODA_API_URL: emulator.url, SECODA_API_TOKEN: TOKEN };
    const text = await runCli(['plan', EXAMPLE], env);
    expect(text.stdout).toContain(
      `! Secoda (${emulator.url}) holds no events or properties for integration ${INTEGRATION}; if you expected some, check the ID`,
    );
    const json = await runCli(['plan', EXAMPLE, '--json'], env);
    expect(() => JSON.parse(json.stdout) as unknown).not.toThrow();
    expect(json.stderr).toContain('warning: Secoda');
    expect(json.stderr).toContain('check the ID');

    const pulled = await runCli(['pull', '--integration', INTEGRATION], env);
    expect(pulled.code).toBe(0);
    expect(pulled.stderr).toContain(`warning: Secoda (${emulator.url}) holds no events or properties for integration ${INTEGRATION}`);

    // Once it holds something, nothing is said.
    expect((await runCli(['apply', EXAMPLE, '--auto-approve', '--writes-per-minute', '0'], env)).code).toBe(0);
    const again = await runCli(['pull', '--integration', INTEGRATION], env);
    expect(again.stderr).not.toContain('check the ID');
  });

  it('an integration that is not a Secoda ID is refused by pull, with a hint', async () => {
    const result = await runCli(['pull', '--integration', 'Segment (production)'], {
      SECODA_API_URL: emulator.url,
      SECODA_API_TOKEN: TOKEN,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'error: --integration must be a Secoda integration ID, a UUID with or without dashes, not "Segment (production)"',
    );
    expect(result.stderr).toContain('hint: copy the ID from Secoda');
    expect(emulator.log.entries).toHaveLength(0);
  });

  it('validate points at the integration line of a plan that names its integration by name', async () => {
    const plan = join(dir, 'plan.yaml');
    await writeFile(plan, 'version: 1\nintegration: Segment\ncategories: []\n');
    const result = await runCli(['validate', plan]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${plan}:2:14  error  "integration" must be a Secoda integration ID, a UUID with or without dashes, not "Segment"`,
    );
  });
});

describe('the request log (--debug, TPSYNC_LOG=debug)', () => {
  let emulator: RunningEmulator;
  beforeEach(async () => {
    emulator = await startEmulator({ token: TOKEN });
    // Secoda echoes what it holds: here, the token someone pasted into a description.
    const category = emulator.store.insert('event_category', { title: 'Search', integration: INTEGRATION });
    emulator.store.insert('event', {
      title: 'Products Searched',
      integration: INTEGRATION,
      parent: category.id,
      description: `pasted ${TOKEN} by mistake`,
    });
  });
  afterEach(async () => {
    await emulator.close();
  });

  it('logs method, URL, status, time and trimmed bodies on stderr, never the token', async () => {
    const env = { SECODA_API_URL: emulator.url, SECODA_API_TOKEN: TOKEN };
    for (const result of [
      await runCli(['plan', EXAMPLE, '--debug', '--json'], env),
      await spawnCli(['plan', EXAMPLE, '--json'], { env: { ...env, TPSYNC_LOG: 'debug' } }),
    ]) {
      expect(result.stderr).toMatch(new RegExp(`^debug: GET ${escape(emulator.url)}/event/category/\\?page=1 → 200 in \\d+ ms$`, 'm'));
      expect(result.stderr).toMatch(/^debug: {3}got {2}\{.*"results":/m);
      expect(result.stderr).toContain('pasted *** by mistake');
      expect(result.stderr + result.stdout).not.toContain(TOKEN);
      expect(result.stderr).not.toMatch(/authorization|bearer/i);
      // stdout is still only the document.
      expect(() => JSON.parse(result.stdout) as unknown).not.toThrow();
    }
  });

  it('shows what a write sent', async () => {
    const result = await runCli(['apply', EXAMPLE, '--debug', '--auto-approve', '--writes-per-minute', '0'], {
      SECODA_API_URL: emulator.url,
      SECODA_API_TOKEN: TOKEN,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^debug: POST \S+\/event\/events\/ → 201 in \d+ ms\ndebug: {3}sent \{"title":/m);
    expect(result.stderr).not.toContain(TOKEN);
  });

  it('is off by default', async () => {
    const result = await runCli(['plan', EXAMPLE], { SECODA_API_URL: emulator.url, SECODA_API_TOKEN: TOKEN });
    expect(result.stderr).not.toContain('debug:');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

describe('a SECODA_API_URL that ends its path with an empty query or fragment', () => {
  it('is refused before anything is sent, as a query or fragment is', async () => {
    const emulator = await startEmulator({ token: TOKEN });
    try {
      for (const suffix of ['?', '#', '?#']) {
        const result = await runCli(['plan', EXAMPLE], { SECODA_API_URL: `${emulator.url}${suffix}`, SECODA_API_TOKEN: TOKEN });
        expect(result.code, suffix).toBe(1);
        expect(result.stderr).toContain('SECODA_API_URL must not have a query (?…) or a fragment (#…)');
      }
      expect(emulator.log.entries).toHaveLength(0);
    } finally {
      await emulator.close();
    }
  });
});
