// SIGINT and SIGTERM stop every command promptly, in a real process: one busy on the CPU (a huge
// plan being parsed), one waiting on a Secoda that never answers, `check -` on a live stream and
// the emulator with a request in flight. "Promptly" is checked with a hang guard only: the process
// must have ended within 10 s of the signal (a loaded machine never needs that long; the old code
// took minutes, or the 20 s of an unanswered request).
import { spawn } from 'node:child_process';
import { readFile, rm, writeFile, mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, REPO_ROOT, spawnCli, type SpawnResult, type SpawnedCli } from '../support/spawn-cli.js';

const HANG_GUARD_MS = 10_000;
const EXAMPLE = join(REPO_ROOT, 'tracking-plan.example');
const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';
const EXIT_CODE = { SIGINT: 130, SIGTERM: 143 } as const;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tpsync-signals-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Sends `signal` and waits for the end, at most HANG_GUARD_MS (then kills it and fails). */
function stop(run: SpawnedCli, signal: 'SIGINT' | 'SIGTERM'): Promise<SpawnResult> {
  run.kill(signal);
  return end(run, signal);
}

/** Waits for the end after `signal` was sent, at most HANG_GUARD_MS (then kills it and fails). */
async function end(run: SpawnedCli, signal: 'SIGINT' | 'SIGTERM'): Promise<SpawnResult> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), HANG_GUARD_MS)));
  const ended = await Promise.race([run, guard]);
  clearTimeout(timer);
  if (ended === 'hung') {
    run.kill('SIGKILL');
    const result = await run;
    throw new Error(
      `still running ${HANG_GUARD_MS / 1000} s after ${signal}; stdout: ${result.stdout.slice(-300)} stderr: ${result.stderr.slice(-300)}`,
    );
  }
  return ended;
}

/** Ended by `signal`: killed by it (a shell shows 130 / 143), or exited 130 / 143; no stack trace, no result. */
function expectStoppedBy(result: SpawnResult, signal: 'SIGINT' | 'SIGTERM'): void {
  expect(result.signal === signal || result.code === EXIT_CODE[signal], `code ${result.code}, signal ${result.signal}`).toBe(true);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stdout).not.toMatch(/✓|is valid|written/);
}

describe.skipIf(process.platform !== 'linux')('busy on the CPU (a 25 MB plan being parsed)', () => {
  let plan: string;
  beforeAll(async () => {
    plan = join(dir, 'huge.yaml');
    const lines = ['version: 1', `integration: ${INTEGRATION}`, 'categories:'];
    for (let c = 0; c < 550; c++) {
      lines.push(`  - title: Category ${c}`, '    events:');
      for (let e = 0; e < 100; e++) {
        lines.push(`      - title: Event ${c} ${e}`, '        description: An event.', '        properties:');
        for (let p = 0; p < 5; p++)
          lines.push(`          - title: property_${p}`, '            type: string', '            required: true');
      }
    }
    await writeFile(plan, `${lines.join('\n')}\n`);
    await writeFile(join(dir, 'payloads.ndjson'), '{"event":"Event 1 1","properties":{}}\n');
  });

  /** CPU seconds the process has used (user + system), from /proc: past start-up, it is parsing. */
  async function cpuSeconds(pid: number): Promise<number> {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
  }

  it.each([
    ['validate', ['validate', 'PLAN'], 'SIGTERM'],
    ['schema', ['schema', 'PLAN', '--out', 'schemas'], 'SIGINT'],
    ['codegen', ['codegen', 'PLAN', '--out', 'tracking.ts'], 'SIGTERM'],
    ['check', ['check', 'PLAN', 'payloads.ndjson'], 'SIGTERM'],
    ['plan', ['plan', 'PLAN', '--local'], 'SIGINT'],
  ] as const)(
    '%s stops at once',
    async (_name, args, signal) => {
      const run = spawnCli(
        args.map((a) => (a === 'PLAN' ? plan : a)),
        { cwd: dir },
      );
      // Wait until it has used a second of CPU: well past start-up, and still parsing (which takes several).
      while ((await cpuSeconds(run.pid ?? 0)) < 1) await sleep(20);
      const result = await stop(run, signal);
      expectStoppedBy(result, signal);
    },
    60_000,
  );
});

describe('waiting on a Secoda that never answers', () => {
  let server: Server;
  let url: string;
  let arrived: () => void = () => {};
  beforeAll(async () => {
    server = createServer(() => arrived());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it.each([
    ['plan', ['plan', EXAMPLE], 'SIGTERM'],
    ['pull', ['pull', '--integration', INTEGRATION], 'SIGINT'],
    ['apply', ['apply', EXAMPLE, '--auto-approve'], 'SIGTERM'],
  ] as const)(
    '%s stops at once',
    async (_name, args, signal) => {
      const asked = new Promise<void>((resolve) => (arrived = resolve));
      const run = spawnCli([...args], { cwd: dir, env: { SECODA_API_URL: url, SECODA_API_TOKEN: 'signal-test-token' } });
      await asked;
      const result = await stop(run, signal);
      expectStoppedBy(result, signal);
      expect(result.stdout).toBe('');
    },
    60_000,
  );
});

describe('check - on a live stream', () => {
  const line = Buffer.from(`${JSON.stringify({ event: 'Products Searched', properties: { query: 'shoes' } })}\n`.repeat(2_000));

  /** `check -` fed without end; resolves once it has read well past the pipe's buffer. */
  async function feeding(): Promise<{ run: SpawnedCli }> {
    const run = spawnCli(['check', EXAMPLE, '-'], { cwd: dir, stdin: 'pipe' });
    const stdin = run.stdin!;
    stdin.on('error', () => {});
    let written = 0;
    await new Promise<void>((resolve) => {
      const feed = () => {
        // Past 1 MiB accepted, most of it has been read (a pipe holds 64 KiB): the check is reading.
        if (written > 1024 * 1024) resolve();
        do written += line.length;
        while (stdin.write(line));
        stdin.once('drain', feed);
      };
      feed();
    });
    // Wrapped: the run is a promise itself, which `return` would wait for.
    return { run };
  }

  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s prints the report so far and exits 130 / 143',
    async (signal) => {
      const { run } = await feeding();
      const result = await stop(run, signal);
      expect(result.code, result.stderr).toBe(EXIT_CODE[signal]);
      expect(result.stdout).toMatch(/^Checked [\d,]+ track calls from stdin/);
      expect(result.stderr).toMatch(/interrupted: the report covers the first [\d,]+ lines/);
    },
    60_000,
  );

  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s that comes as the input ends (Ctrl-C stops the whole pipeline) is an interrupt too',
    async (signal) => {
      const { run } = await feeding();
      run.kill(signal);
      run.stdin!.end();
      const result = await end(run, signal);
      expect(result.code, result.stderr).toBe(EXIT_CODE[signal]);
      expect(result.stdout).toMatch(/^Checked [\d,]+ track calls from stdin/);
      expect(result.stderr).toMatch(/interrupted: the report covers the first [\d,]+ lines/);
    },
    60_000,
  );
});

describe('the emulator, with a request in flight', () => {
  it('stops on SIGTERM without waiting for the request (--latency-ms 60000)', async () => {
    const child = spawn(process.execPath, [CLI, 'emulator', '--port', '0', '--latency-ms', '60000'], {
      cwd: dir,
      env: { PATH: process.env['PATH'], NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    const ended = new Promise<SpawnResult>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr: '' })));
    const url = await new Promise<string>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        const match = /SECODA_API_URL=(\S+)/.exec(stdout);
        if (match?.[1] !== undefined && stdout.includes('Ctrl-C')) resolve(match[1]);
      }),
    );
    // A request the emulator holds for a minute; sent on its own connection, then the signal.
    const request = fetch(`${url}/event/category/`, { headers: { authorization: 'Bearer any' } }).catch(() => 'cut');
    await sleep(200);
    const run = Object.assign(ended, { kill: (s: NodeJS.Signals) => void child.kill(s), pid: child.pid, stdin: null });
    const result = await stop(run, 'SIGTERM');
    expect(result.code).toBe(143);
    expect(result.stdout).toContain('Emulator stopped');
    expect(await request).toBe('cut');
  }, 60_000);
});
