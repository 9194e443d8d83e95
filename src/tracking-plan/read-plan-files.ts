/** The file-system edge of loading: a file, or a directory of *.yaml / *.yml files. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, isAbsolute } from 'node:path';
import type { Issue } from './issue.js';
import { loadTrackingPlan, type LoadOptions, type LoadResult, type PlanFileInput } from './load-plan.js';

export type ReadResult = { ok: true; files: PlanFileInput[] } | { ok: false; issues: Issue[] };

const YAML_FILE = /\.ya?ml$/i;
/** A plan file larger than this is not a tracking plan; refuse before parsing it. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export async function readPlanFiles(planPath: string): Promise<ReadResult> {
  const shown = displayPath(planPath);
  let info;
  try {
    info = await stat(planPath);
  } catch (error) {
    return pathIssue(shown, describeFsError(error, 'the path does not exist'), 'check the path; give a .yaml file or a directory of them');
  }
  if (info.isFile()) {
    const file = await readOne(planPath, shown);
    return 'issue' in file ? { ok: false, issues: [file.issue] } : { ok: true, files: [file] };
  }
  if (!info.isDirectory()) return pathIssue(shown, 'is neither a file nor a directory');

  const paths = await findYamlFiles(planPath);
  if (paths.length === 0) {
    return pathIssue(
      shown,
      'the directory holds no .yaml or .yml files',
      'point tpsync at a tracking-plan file or at the directory that holds them',
    );
  }
  const files: PlanFileInput[] = [];
  const issues: Issue[] = [];
  for (const path of paths) {
    const file = await readOne(path, displayPath(path));
    if ('issue' in file) issues.push(file.issue);
    else files.push(file);
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, files };
}

/** Reads and loads in one step: what `validate`, `plan` and `apply` call. */
export async function readTrackingPlan(planPath: string, options: LoadOptions = {}): Promise<LoadResult> {
  const read = await readPlanFiles(planPath);
  if (!read.ok) return read;
  return loadTrackingPlan(read.files, options);
}

async function readOne(path: string, shown: string): Promise<PlanFileInput | { issue: Issue }> {
  try {
    const info = await stat(path);
    if (info.size > MAX_FILE_BYTES) {
      return {
        issue: {
          file: shown,
          line: 0,
          column: 0,
          code: 'file-too-large',
          message: `the file is ${Math.round(info.size / 1048576)} MiB; tracking-plan files are limited to 64 MiB`,
          hint: 'split the plan into one file per category',
        },
      };
    }
    const bytes = await readFile(path);
    return { path: shown, bytes };
  } catch (error) {
    return { issue: { file: shown, line: 0, column: 0, code: 'unreadable', message: describeFsError(error, 'cannot be read') } };
  }
}

/** Recursively, sorted, skipping hidden directories and node_modules. */
async function findYamlFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      found.push(...(await findYamlFiles(path)));
    } else if ((entry.isFile() || entry.isSymbolicLink()) && YAML_FILE.test(entry.name)) {
      found.push(path);
    }
  }
  return found.sort();
}

/** Paths under the working directory are shown relative to it, as a user typed them. */
export function displayPath(path: string): string {
  if (!isAbsolute(path)) return path.replace(/^\.\//, '');
  const rel = relative(process.cwd(), path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

function pathIssue(file: string, message: string, hint?: string): { ok: false; issues: Issue[] } {
  return { ok: false, issues: [{ file, line: 0, column: 0, code: 'bad-path', message, ...(hint === undefined ? {} : { hint }) }] };
}

function describeFsError(error: unknown, fallback: string): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return fallback;
  }
}
