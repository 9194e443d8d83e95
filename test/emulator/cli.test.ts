import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { run } from '../../src/cli/run.js';
import type { Io } from '../../src/cli/io.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const TOKEN = 'cli-s3cret-token';

function spawnEmulator(args: string[]): ChildProcessWithoutNullStreams {
  if (!existsSync(join(root, 'dist/src/cli/main.js')))
    throw new Error('run `npm run build` first: this test runs bin/tpsync.js, which runs dist/');
  const child = spawn(process.execPath, ['bin/tpsync.js', 'emulator', ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
  child.stdin.end();
  return child;
}

/** Collects a stream's text and resolves once it matches. */
function waitFor(stream: NodeJS.ReadableStream, pattern: RegExp, seen: { text: string }): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; got: ${seen.text}`)), 10_000);
    const check = () => {
      const match = pattern.exec(seen.text);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    stream.on('data', (chunk: Buffer) => {
      seen.text += chunk.toString();
      check();
    });
    check();
  });
}

const exitOf = (child: ChildProcessWithoutNullStreams) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

describe('tpsync emulator (the real executable)', () => {
  it('prints its URL, serves the API with the token, and exits 130 on SIGINT, as every command a signal stopped', async () => {
    const child = spawnEmulator(['--port', '0', '--token', TOKEN]);
    const exited = exitOf(child);
    const out = { text: '' };
    const [, url] = await waitFor(child.stdout, /Secoda emulator listening on (\S+)/, out);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    expect(out.text).toContain(`SECODA_API_URL=${url}`);
    expect(out.text).toContain('(the token you passed)');

    const unauthenticated = await fetch(`${url}/event/category/`);
    expect(unauthenticated.status).toBe(401);
    const created = await fetch(`${url}/event/category/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'From CLI', integration: 'i' }),
    });
    expect(created.status).toBe(201);

    child.kill('SIGINT');
    const { code } = await exited;
    expect(code).toBe(130);
    expect(out.text).toContain('Emulator stopped');
    expect(out.text).not.toContain(TOKEN);
  });

  it('leaves a complete data file when killed outright (debounced atomic saves)', async () => {
    const dataFile = join(await mkdtemp(join(tmpdir(), 'tpsync-cli-')), 'data.json');
    const child = spawnEmulator(['--port', '0', '--data', dataFile]);
    const exited = exitOf(child);
    const [, url] = await waitFor(child.stdout, /listening on (\S+)/, { text: '' });
    for (let i = 0; i < 5; i++) {
      const reply = await fetch(`${url}/event/category/`, {
        method: 'POST',
        headers: { authorization: 'Bearer any-token', 'content-type': 'application/json' },
        body: JSON.stringify({ title: `C${i}`, integration: 'i' }),
      });
      expect(reply.status).toBe(201);
    }
    // Whenever it is read, the file is whole: the old one or the new one, never half of one.
    // (Waiting for the debounced save by reading, not by a sleep that a loaded machine outlasts.)
    const titles = async () => {
      const text = await readFile(dataFile, 'utf8').catch(() => undefined);
      return text === undefined ? [] : (JSON.parse(text) as { resources: { title: string }[] }).resources.map((r) => r.title);
    };
    while ((await titles()).length < 5) await new Promise((resolve) => setImmediate(resolve));
    child.kill('SIGKILL');
    expect((await exited).signal).toBe('SIGKILL');
    expect(await titles()).toEqual(['C0', 'C1', 'C2', 'C3', 'C4']);
  });
});

describe('tpsync emulator (in process)', () => {
  function captureIo(signal: AbortSignal) {
    const out = { text: '' };
    const err = { text: '' };
    const io: Io = {
      stdout: { write: (text: string) => (out.text += text) },
      stderr: { write: (text: string) => (err.text += text) },
      env: { NO_COLOR: '1' },
      signal,
    };
    return { io, out, err };
  }

  it('says any token is accepted when none was given, and stops when the signal aborts', async () => {
    const controller = new AbortController();
    const { io, out } = captureIo(controller.signal);
    const running = run(['emulator', '--port', '0', '--seed', '7', '--fail-after-commit-rate', '0.25'], io);
    while (!out.text.includes('Press Ctrl-C')) await new Promise((resolve) => setTimeout(resolve, 5));
    const url = /listening on (\S+)/.exec(out.text)?.[1];
    expect(out.text).toContain(`SECODA_API_URL=${url} SECODA_API_TOKEN=`);
    expect(out.text).toContain('any Bearer token is accepted');
    expect(out.text).toContain('seed 7');
    expect((await fetch(`${url}/event/events`, { headers: { authorization: 'Bearer whatever' } })).status).toBe(200);
    controller.abort('SIGTERM');
    expect(await running).toBe(143);
    await expect(fetch(`${url}/event/events`)).rejects.toThrow();
  });

  it.each([
    ['0.0.0.0', 'http://0.0.0.0:', ' (every IPv4 address of this machine)'],
    ['127.0.0.1', 'http://127.0.0.1:', ''],
  ])(
    '--host %s: says the address it bound, gives a URL that reaches it, and warns beyond loopback without --token',
    async (host, bound, note) => {
      const controller = new AbortController();
      const { io, out, err } = captureIo(controller.signal);
      const running = run(['emulator', '--port', '0', '--host', host], io);
      while (!out.text.includes('Press Ctrl-C')) await new Promise((resolve) => setTimeout(resolve, 5));
      const listening = /listening on (http:\/\/[^:]+:(\d+)\/api\/v1)(.*)/.exec(out.text);
      expect(listening?.[1]).toBe(`${bound}${listening?.[2]}/api/v1`);
      expect(listening?.[3]).toBe(note);
      const url = /SECODA_API_URL=(\S+)/.exec(out.text)?.[1];
      expect((await fetch(`${url}/event/category/`, { headers: { authorization: 'Bearer whatever' } })).status).toBe(200);
      if (host === '0.0.0.0') {
        expect(err.text).toMatch(/warning: the emulator listens beyond this machine \(0\.0\.0\.0\) and accepts any Bearer token/);
        expect(err.text).toContain('pass --token');
      } else expect(err.text).toBe('');
      controller.abort('SIGINT');
      expect(await running).toBe(130);
    },
  );

  it('--host 0.0.0.0 with --token: no warning, and the token is not printed', async () => {
    const controller = new AbortController();
    const { io, out, err } = captureIo(controller.signal);
    const running = run(['emulator', '--port', '0', '--host', '0.0.0.0', '--token', TOKEN], io);
    while (!out.text.includes('Press Ctrl-C')) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(out.text).toMatch(/listening on http:\/\/0\.0\.0\.0:\d+\/api\/v1/);
    expect(err.text).toBe('');
    controller.abort('SIGINT');
    expect(await running).toBe(130);
    expect(out.text + err.text).not.toContain(TOKEN);
  });

  it('rejects bad flags with a usage error', async () => {
    const { io, err } = captureIo(new AbortController().signal);
    expect(await run(['emulator', '--fail-before-rate', '2'], io)).toBe(1);
    expect(err.text).toContain('--fail-before-rate must be a number from 0 to 1');
    expect(await run(['emulator', '--fault-methods', 'FETCH'], io)).toBe(1);
    expect(err.text).toContain('--fault-methods');
  });
});
