import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { readPlanFilesAtRef } from '../../src/git/plan-files-at-ref.js';

const run = promisify(execFile);
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};
const git = (cwd: string, ...args: string[]) => run('git', ['-c', 'commit.gpgsign=false', ...args], { cwd, env: GIT_ENV });

let repo: string;
const names = async (path: string, ref: string) =>
  (await readPlanFilesAtRef(path, ref)).map((f) => [f.path.slice(repo.length + 1), Buffer.from(f.bytes).toString('utf8')]);

beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'tpsync-git-'));
  await git(repo, 'init', '--quiet');
  await mkdir(join(repo, 'plan', 'nested'), { recursive: true });
  await mkdir(join(repo, 'plan', '.hidden'), { recursive: true });
  await mkdir(join(repo, 'plan', 'node_modules'), { recursive: true });
  await writeFile(join(repo, 'plan', 'a.yaml'), 'first a\n');
  await writeFile(join(repo, 'plan', 'nested', 'b.yml'), 'b\n');
  await writeFile(join(repo, 'plan', '.hidden', 'c.yaml'), 'hidden\n');
  await writeFile(join(repo, 'plan', 'node_modules', 'd.yaml'), 'dependency\n');
  await writeFile(join(repo, 'plan', 'notes.txt'), 'not yaml\n');
  await writeFile(join(repo, 'plan-other.yaml'), 'a sibling with a similar name\n');
  await git(repo, 'add', '.');
  await git(repo, 'commit', '--quiet', '-m', 'one');
  await writeFile(join(repo, 'plan', 'a.yaml'), 'second a\n');
  await writeFile(join(repo, 'plan', 'later.yaml'), 'added later\n');
  await git(repo, 'add', '.');
  await git(repo, 'commit', '--quiet', '-m', 'two');
  // Uncommitted: read from the commit, never from the working tree.
  await writeFile(join(repo, 'plan', 'a.yaml'), 'working tree\n');
});
afterAll(() => rm(repo, { recursive: true, force: true }));

describe('readPlanFilesAtRef', () => {
  it("reads a directory plan as the commit holds it, by the loader's rules", async () => {
    expect(await names(join(repo, 'plan'), 'HEAD')).toEqual([
      ['plan/a.yaml', 'second a\n'],
      ['plan/later.yaml', 'added later\n'],
      ['plan/nested/b.yml', 'b\n'],
    ]);
  });

  it('leaves out files that did not exist at the ref', async () => {
    expect(await names(join(repo, 'plan'), 'HEAD~1')).toEqual([
      ['plan/a.yaml', 'first a\n'],
      ['plan/nested/b.yml', 'b\n'],
    ]);
    expect(await names(join(repo, 'plan', 'later.yaml'), 'HEAD~1')).toEqual([]);
  });

  it('reads a one-file plan', async () => {
    expect(await names(join(repo, 'plan', 'a.yaml'), 'HEAD~1')).toEqual([['plan/a.yaml', 'first a\n']]);
  });

  it('refuses an unknown ref and an option-like ref', async () => {
    await expect(readPlanFilesAtRef(join(repo, 'plan'), 'nope')).rejects.toThrow(UsageError);
    await expect(readPlanFilesAtRef(join(repo, 'plan'), '--output=x')).rejects.toThrow('is not a git ref');
  });
});
