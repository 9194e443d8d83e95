/**
 * A tracking plan's files as they were at a git ref: the files under the plan's path that the
 * commit holds, read with `git cat-file`, chosen by the same rule as on disk (a file, or the
 * *.yaml / *.yml files of a directory, skipping hidden directories and node_modules). Files
 * that did not exist then are simply absent.
 */
import { dirname, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { canonicalPath, realPath } from '../files/canonical-path.js';
import { displayPath } from '../files/read-plan-files.js';
import type { PlanFileInput } from '../tracking-plan/plan-file-input.js';
import { GitError, runGit } from './run-git.js';
import { quote } from '../render/quoted-values.js';

const YAML_FILE = /\.ya?ml$/i;

export async function readPlanFilesAtRef(planPath: string, ref: string): Promise<PlanFileInput[]> {
  if (ref.startsWith('-'))
    throw new UsageError(`--baseline ${quote(ref)} is not a git ref`, 'give a branch, tag or commit, e.g. HEAD or origin/main');
  const { path: absolute, isDirectory } = await canonicalPath(planPath);
  const cwd = isDirectory ? absolute : dirname(absolute);

  let top: string;
  try {
    top = await realPath((await runGit(['rev-parse', '--show-toplevel'], cwd)).toString('utf8').trim());
  } catch (error) {
    if (error instanceof GitError)
      throw new UsageError(
        `--baseline: ${planPath} is not in a git repository`,
        'run tpsync inside the repository that holds the plan, or leave out --baseline',
      );
    throw error;
  }
  try {
    await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], top);
  } catch (error) {
    if (error instanceof GitError) {
      throw new UsageError(
        `--baseline: ${quote(ref)} is not a commit in this repository`,
        'give a branch, tag or commit (HEAD, origin/main); in GitHub Actions, fetch it first (actions/checkout with fetch-depth: 0)',
      );
    }
    throw error;
  }

  // git names paths from the top of the repository, with forward slashes.
  const inRepo = relative(top, absolute).split(sep).join('/');
  const listed = await runGit(['ls-tree', '-r', '-z', '--full-name', '--name-only', ref, '--', inRepo === '' ? '.' : inRepo], top);
  const paths = listed
    .toString('utf8')
    .split('\0')
    .filter((path) => path !== '')
    .filter((path) => (isDirectory ? isPlanFile(inRepo, path) : path === inRepo))
    .sort();

  const files: PlanFileInput[] = [];
  for (const path of paths) {
    const bytes = await runGit(['cat-file', 'blob', `${ref}:${path}`], top);
    files.push({ path: displayPath(resolve(top, path)), bytes });
  }
  return files;
}

function isPlanFile(directory: string, path: string): boolean {
  const inside = directory === '' ? path : path.slice(directory.length + 1);
  const parts = inside.split('/');
  const name = parts.pop() ?? '';
  return YAML_FILE.test(name) && parts.every((part) => !part.startsWith('.') && part !== 'node_modules');
}
