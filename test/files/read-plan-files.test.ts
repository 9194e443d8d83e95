// In a pull request the plan's files are a stranger's, read by a job that holds secrets: only
// what belongs to the plan is read, and nothing that could block, never end or leak.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PLAN_FILE_BYTES, readPlanFiles } from '../../src/files/read-plan-files.js';
import { REPO_ROOT, spawnCli } from '../support/spawn-cli.js';

const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';
const SECRET = 'runner-credential-5d1e9c';
const HEAD = `version: 1\nintegration: ${INTEGRATION}\n`;

let dir: string;
let planDir: string;
let outside: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tpsync-files-'));
  planDir = join(dir, 'tracking-plan');
  await mkdir(planDir);
  await writeFile(join(planDir, 'plan.yaml'), `${HEAD}categories:\n  - title: A\n`);
  // What an attacker would like to read: a file beside the checkout, outside the plan directory.
  outside = join(dir, 'credentials.yaml');
  await writeFile(outside, `token: ${SECRET}\n`);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** validate in a real process, from `dir`: a blocking open would time the test out. */
async function validate(target = 'tracking-plan') {
  const result = await spawnCli(['validate', target], { cwd: dir });
  expect(result.stdout + result.stderr).not.toContain(SECRET);
  expect(result.stderr).not.toMatch(/\n\s+at |node:internal/);
  return result;
}

describe('reading a plan directory', () => {
  it('refuses a link whose target leaves the plan directory, naming the link, reading nothing', async () => {
    await symlink(outside, join(planDir, 'extra.yaml'));
    await symlink('../credentials.yaml', join(planDir, 'relative.yml'));
    const result = await validate();
    expect(result.code).toBe(1);
    const lines = result.stderr.split('\n');
    expect(lines[0]).toBe(
      'tracking-plan/extra.yaml  error  is a symbolic link to a file outside the plan directory; tpsync does not follow it',
    );
    expect(lines).toContain(
      'tracking-plan/relative.yml  error  is a symbolic link to a file outside the plan directory; tpsync does not follow it',
    );
  });

  it('follows a link that stays inside the plan directory', async () => {
    await mkdir(join(planDir, 'shared'));
    await writeFile(join(planDir, 'shared', 'b.txt'), `categories:\n  - title: B\n`);
    await symlink('shared/b.txt', join(planDir, 'b.yaml'));
    const result = await validate();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('2 categories');
  });

  it('resolves `..` after a linked directory as the system does: the link first, then up', async () => {
    // latest -> .releases/2024, so latest/.. is .releases: the file is .releases/common/b.yaml,
    // not common/b.yaml beside the link (which does not exist).
    await mkdir(join(planDir, '.releases', '2024'), { recursive: true });
    await mkdir(join(planDir, '.releases', 'common'));
    await writeFile(join(planDir, '.releases', 'common', 'b.yaml'), `categories:\n  - title: B\n`);
    await symlink('.releases/2024', join(planDir, 'latest'));
    await symlink('latest/../common/b.yaml', join(planDir, 'b.yaml'));
    const inside = await validate();
    expect(inside.code, inside.stderr).toBe(0);
    expect(inside.stdout).toContain('2 categories');

    // The other way round: o -> a directory outside, so o/../x.yaml is outside too, though
    // tracking-plan/x.yaml (what the text `o/../x.yaml` would suggest) exists.
    await rm(join(planDir, 'b.yaml'));
    await mkdir(join(dir, 'elsewhere', 'a'), { recursive: true });
    await writeFile(join(dir, 'elsewhere', 'x.yaml'), `token: ${SECRET}\n`);
    await writeFile(join(planDir, 'x.yaml'), `categories:\n  - title: X\n`);
    await symlink(join(dir, 'elsewhere', 'a'), join(planDir, 'o'));
    await symlink('o/../x.yaml', join(planDir, 'f.yaml'));
    const outsideLink = await validate();
    expect(outsideLink.code).toBe(1);
    expect(outsideLink.stderr.split('\n')[0]).toBe(
      'tracking-plan/f.yaml  error  is a symbolic link to a file outside the plan directory; tpsync does not follow it',
    );
  });

  it('refuses a plan path that is itself a link out of its directory', async () => {
    await mkdir(join(dir, 'repo'));
    await symlink(outside, join(dir, 'repo', 'plan.yaml'));
    const result = await validate('repo/plan.yaml');
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')[0]).toBe(
      'repo/plan.yaml  error  is a symbolic link to a file outside the plan directory; tpsync does not follow it',
    );
  });

  it('refuses a named pipe without opening it (an open would block)', async () => {
    execFileSync('mkfifo', [join(planDir, 'pipe.yaml')]);
    const result = await validate();
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')[0]).toBe(
      'tracking-plan/pipe.yaml  error  is a named pipe (FIFO), not a file; tpsync reads only regular files',
    );
    // Given directly too.
    const direct = await validate('tracking-plan/pipe.yaml');
    expect(direct.stderr.split('\n')[0]).toBe(
      'tracking-plan/pipe.yaml  error  is a named pipe (FIFO), not a file; tpsync reads only regular files',
    );
  });

  it('refuses a socket and a device named like plan files', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(join(planDir, 'socket.yaml'), resolve));
    let device = false;
    try {
      execFileSync('mknod', [join(planDir, 'null.yaml'), 'c', '1', '3'], { stdio: 'ignore' });
      device = true;
    } catch {
      // Creating a device needs root; the socket and the FIFO cover the rest.
    }
    try {
      const result = await validate();
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('tracking-plan/socket.yaml  error  is a socket, not a file; tpsync reads only regular files');
      if (device)
        expect(result.stderr).toContain('tracking-plan/null.yaml  error  is a device, not a file; tpsync reads only regular files');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('refuses a file over the size cap before reading it', async () => {
    const big = join(planDir, 'big.yaml');
    await writeFile(big, '');
    await truncate(big, MAX_PLAN_FILE_BYTES + 1);
    const result = await readPlanFiles(planDir);
    expect(result).toEqual({
      ok: false,
      issues: [
        expect.objectContaining({
          file: expect.stringMatching(/big\.yaml$/),
          code: 'file-too-large',
          message: 'the file is 32.0 MiB; tracking-plan files are limited to 32 MiB',
        }),
      ],
    });
  });
});

describe('messages that quote a value', () => {
  it('cut it to about 80 characters', async () => {
    await cp(join(REPO_ROOT, 'tracking-plan.example'), join(dir, 'example'), { recursive: true });
    await writeFile(
      join(planDir, 'plan.yaml'),
      `${HEAD}categories:\n  - title: A\n    events:\n      - title: E\n        pii: "${'y'.repeat(5000)}"\n        properties:\n          - title: p\n            type: "${'t'.repeat(5000)}"\n`,
    );
    const result = await validate();
    expect(result.code).toBe(1);
    for (const line of result.stderr.split('\n')) {
      for (const quoted of line.match(/"(?:[^"\\]|\\.)*"/g) ?? []) expect([...quoted].length).toBeLessThanOrEqual(80);
    }
    expect(result.stderr).toMatch(/"y{20,}…"/);
    expect(result.stderr.length).toBeLessThan(2_000);
  });
});
