/**
 * What apply tells an operator while it runs (issue 12, item 4): a rate-limit wait is announced on
 * a terminal (above the bar) and as a line in CI; every step is a line on stdout whenever stdout is
 * not a terminal; on GitHub Actions the steps fold into a group of the log, on stderr beside the
 * group's markers, and a stdout redirected to a file keeps them instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { throttled } from '../../src/emulator/drf-errors.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { stripColour } from '../../src/style.js';
import { runCli } from '../support/run-cli.js';
import { CLI, REPO_ROOT, spawnCli } from '../support/spawn-cli.js';

const TOKEN = 'apply-output-token-3c9e';
/** 7 creates: what apply prints does not depend on the plan's size. */
const PLAN = join(REPO_ROOT, 'test/fixtures/small-plan.yaml');

let emulator: RunningEmulator;
let dir: string;
let env: Record<string, string>;
beforeEach(async () => {
  emulator = await startEmulator({ token: TOKEN });
  dir = await mkdtemp(join(tmpdir(), 'tpsync-output-'));
  env = { SECODA_API_URL: emulator.url, SECODA_API_TOKEN: TOKEN };
  // Secoda's rate limit answers the first write: 429, come back in 1 s.
  let throttledOnce = false;
  emulator.gate = (entry) => {
    if (entry.method === 'POST' && !throttledOnce) {
      throttledOnce = true;
      throw throttled(1);
    }
  };
});
afterEach(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

const args = ['apply', PLAN, '--auto-approve', '--writes-per-minute', '0'];
const RATE_LIMIT_LINE =
  /rate limit: waiting 1(\.\d)? s, as Secoda asked \(Retry-After\), before retrying POST \/event\/category\/ \(attempt 2 of 8\): Secoda answered 429 Too Many Requests; every other write waits too/;

describe('a rate-limit wait is never silent', () => {
  it('in CI: a line on stderr, and the total waited in the summary', async () => {
    const result = await runCli(args, { ...env, CI: 'true' });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(RATE_LIMIT_LINE);
    expect(result.stdout).toMatch(/^Waited 1(\.\d)? s in all for 1 retry \(1 for Secoda's rate limit\)\.$/m);
    expect(result.stdout).toContain('Apply finished: 7 done, 0 failed, 0 skipped.');
  });
});

const hasScript = spawnSync('script', ['--version']).status === 0;

/** Runs `command` under a pseudo-terminal (`script -qec`), as a person at a terminal would. */
function underTerminal(command: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      env: { PATH: process.env['PATH'], TERM: 'xterm', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

const cli = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} ${args.map((a) => JSON.stringify(a)).join(' ')}`;

describe.skipIf(!hasScript)('on a real pseudo-terminal', () => {
  it('a bar on stderr; the rate-limit wait printed above it; the bar says how long is left', async () => {
    const { code, output } = await underTerminal(cli);
    const text = stripColour(output);
    expect(code, text).toBe(0);
    expect(text).toMatch(RATE_LIMIT_LINE);
    expect(text).toMatch(/Applying \[[#-]{24}\] \d+\/7/);
    // The line stays: the bar is redrawn under it, not over it.
    expect(text).toMatch(new RegExp(`${RATE_LIMIT_LINE.source}\\r?\\n\\r?\\u001b\\[2KApplying \\[`));
    expect(text).toContain('Apply finished: 7 done, 0 failed, 0 skipped.');
    // On a terminal the bar stands for the steps: no line per created resource.
    expect(text).not.toContain('✓ created category');
    // Reading Secoda is a line that is drawn, then erased.
    expect(text).toMatch(new RegExp(`Reading Secoda \\(${emulator.url.replace(/[.]/g, '\\.')}\\)…\r\u001b\\[2K`));
  }, 60_000);

  it('with stdout piped (apply | cat), every step is a line on stdout, and no bar garbles them', async () => {
    const { code, output } = await underTerminal(`${cli} | cat`);
    const text = stripColour(output);
    expect(code, text).toBe(0);
    expect(text).toMatch(/✓ created category Landing Page \(id [0-9a-f-]+\)/);
    // Two streams meet on one terminal: the wait's line (stderr) may land inside a step line that
    // cat passed on in two writes. Taken out, every step line is whole.
    const steps = text.replace(new RegExp(`${RATE_LIMIT_LINE.source}\\r?\\n`, 'g'), '');
    expect(steps.match(/^✓ (created|updated|deleted|replaced) /gm)).toHaveLength(7);
    expect(text).not.toContain('Applying [');
    expect(text).toMatch(RATE_LIMIT_LINE);
    // Nothing is drawn and erased: cat prints later than stderr, so a "Reading Secoda…" line or an
    // erase would land inside the steps it is still passing on (it did, in CI).
    expect(text).not.toContain('Reading Secoda');
    expect(text).not.toContain('\u001b[2K');
  }, 60_000);
});

describe('on GitHub Actions', () => {
  const runner = { GITHUB_ACTIONS: 'true', CI: 'true' };

  it('the steps fold into a ::group:: of the log, on stderr with the markers; stdout holds the plan and the summary', async () => {
    const result = await spawnCli(args, { env: { ...env, ...runner } });
    expect(result.code, result.stderr).toBe(0);
    const log = result.stderr.split('\n');
    const open = log.indexOf('::group::Apply: 7 changes, one line each');
    const close = log.indexOf('::endgroup::');
    expect(open).toBeGreaterThanOrEqual(0);
    expect(close).toBeGreaterThan(open);
    const inside = log.slice(open + 1, close);
    expect(inside.filter((line) => line.startsWith('✓ created '))).toHaveLength(7);
    expect(inside.some((line) => RATE_LIMIT_LINE.test(line))).toBe(true);
    expect(result.stdout).not.toContain('✓ created');
    expect(result.stdout).not.toMatch(/^\s*::/m);
    expect(result.stdout).toContain('Apply finished: 7 done');
  }, 60_000);

  it('a stdout redirected to a file keeps the steps, and nothing is folded', async () => {
    const logFile = join(dir, 'apply.log');
    const command = `${cli} > ${JSON.stringify(logFile)}`;
    // Not spawnSync: the emulator answers from this process.
    const child = await new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
      const shell = spawn('sh', ['-c', command], { env: { PATH: process.env['PATH'], NO_COLOR: '1', ...env, ...runner } });
      let stderr = '';
      shell.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      shell.on('error', reject);
      shell.on('close', (status) => resolve({ status, stderr }));
    });
    expect(child.status, child.stderr).toBe(0);
    const saved = await readFile(logFile, 'utf8');
    expect(saved.match(/^✓ created /gm)).toHaveLength(7);
    expect(child.stderr).not.toContain('::group::');
  }, 60_000);
});
