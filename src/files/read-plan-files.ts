/**
 * Reading a tracking plan's files: a file, or a directory of *.yaml / *.yml files, as bytes for
 * the loader (src/tracking-plan/load-plan.ts), which parses and checks them.
 *
 * In a pull request the files are a stranger's, and they are read by a job that holds
 * secrets, so only what belongs to the plan is read: a symbolic link whose target leaves the
 * plan directory (`x.yaml -> /proc/self/environ`), a named pipe (opening one blocks), a socket
 * or a device is refused with a one-line error naming the path, before anything is opened;
 * each file is read by read-regular-file.ts (opened without following links and checked again
 * on the open descriptor); and a file (or a plan) larger than any tracking plan is refused
 * before it is parsed.
 */
import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { Issue } from '../errors.js';
import { describeEntry, readRegularFileSync } from './read-regular-file.js';

/** One file of a plan: the path shown in messages, and its bytes. */
export interface PlanFileBytes {
  readonly path: string;
  readonly bytes: Uint8Array;
}

export type ReadResult = { ok: true; files: PlanFileBytes[] } | { ok: false; issues: Issue[] };

const YAML_FILE = /\.ya?ml$/i;
const MIB = 1024 * 1024;
/** One file larger than this is not a tracking plan (100,000 properties take about 20 MiB). */
export const MAX_PLAN_FILE_BYTES = 32 * MIB;
/** All the files of a plan together. */
export const MAX_PLAN_BYTES = 128 * MIB;
/** Files in a plan directory. */
export const MAX_PLAN_FILES = 10_000;

/**
 * The plan at `planPath` (a file, or a directory read recursively, in path order), or why it
 * cannot be read: every path problem as an issue at line 0.
 */
export function readPlanFiles(planPath: string): Promise<ReadResult> {
  // A failure the checks do not expect (a directory that vanishes midway) still rejects, as before.
  return new Promise((resolve) => resolve(readPlanFilesNow(planPath)));
}

function readPlanFilesNow(planPath: string): ReadResult {
  const shown = displayPath(planPath);
  let info: Stats;
  try {
    info = lstatSync(planPath);
  } catch (error) {
    return pathIssue(shown, describeFsError(error, 'the path does not exist'), 'check the path; give a .yaml file or a directory of them');
  }
  let root = planPath;
  if (info.isSymbolicLink()) {
    // The plan path itself may be a link, but only to somewhere beside it.
    const followed = followLink(planPath, dirname(planPath), shown);
    if ('issue' in followed) return { ok: false, issues: [followed.issue] };
    root = followed.target;
    info = followed.info;
  }
  if (info.isFile()) {
    const file = readOne(root, shown, MAX_PLAN_FILE_BYTES);
    return 'issue' in file ? { ok: false, issues: [file.issue] } : { ok: true, files: [file] };
  }
  if (!info.isDirectory()) return { ok: false, issues: [notAFile(shown, info)] };

  const rootReal = realpathSync.native(root);
  const found = findYamlFiles(root, rootReal);
  if (found.paths.length === 0 && found.issues.length === 0) {
    return pathIssue(
      shown,
      'the directory holds no .yaml or .yml files',
      'point tpsync at a tracking-plan file or at the directory that holds them',
    );
  }
  if (found.paths.length > MAX_PLAN_FILES) {
    return pathIssue(shown, `the directory holds ${found.paths.length} YAML files; a tracking plan may have at most ${MAX_PLAN_FILES}`);
  }
  const files: PlanFileBytes[] = [];
  const issues: Issue[] = [...found.issues];
  let total = 0;
  for (const { read, shown: fileShown } of found.paths) {
    const file = readOne(read, fileShown, Math.min(MAX_PLAN_FILE_BYTES, MAX_PLAN_BYTES - total));
    if ('issue' in file) issues.push(file.issue);
    else {
      total += file.bytes.length;
      files.push(file);
    }
  }
  return issues.length > 0 ? { ok: false, issues: issues.sort((a, b) => a.file.localeCompare(b.file)) } : { ok: true, files };
}

function readOne(path: string, shown: string, maxBytes: number): PlanFileBytes | { issue: Issue } {
  const read = readRegularFileSync(path, maxBytes);
  if (read.ok) return { path: shown, bytes: read.bytes };
  const issue = { file: shown, line: 0, column: 0 };
  if (read.code === 'too-large')
    return {
      issue: {
        ...issue,
        code: 'file-too-large',
        message: tooLarge(read.size ?? 0, maxBytes),
        hint: 'split the plan into one file per category',
      },
    };
  return { issue: { ...issue, code: read.code === 'not-a-file' ? 'not-a-file' : 'unreadable', message: read.problem } };
}

/** Where a link leads, if that is inside `allowedDir` (both resolved) and is a file or directory. */
function followLink(link: string, allowedDir: string, shown: string): { target: string; info: Stats } | { issue: Issue } {
  let target: string;
  let allowed: string;
  try {
    target = realpathSync.native(link);
    allowed = realpathSync.native(allowedDir);
  } catch {
    return { issue: bareIssue(shown, 'is a symbolic link that leads nowhere', 'replace the link with the file itself') };
  }
  if (!isInside(allowed, target)) {
    return {
      issue: bareIssue(
        shown,
        'is a symbolic link to a file outside the plan directory; tpsync does not follow it',
        'replace the link with the file itself',
      ),
    };
  }
  const info = statSync(target);
  if (!info.isFile() && !info.isDirectory()) return { issue: notAFile(shown, info) };
  return { target, info };
}

interface Found {
  paths: { read: string; shown: string }[];
  issues: Issue[];
}

/**
 * Recursively, sorted, skipping hidden directories and node_modules. Linked files are read
 * when the link stays inside the plan directory; linked directories are not walked.
 */
function findYamlFiles(dir: string, rootReal: string, found: Found = { paths: [], issues: [] }): Found {
  const entries = readdirSync(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      findYamlFiles(path, rootReal, found);
      continue;
    }
    if (!YAML_FILE.test(entry.name)) continue;
    const shown = displayPath(path);
    if (entry.isFile()) {
      found.paths.push({ read: path, shown });
    } else if (entry.isSymbolicLink()) {
      const followed = followLink(path, rootReal, shown);
      if ('issue' in followed) found.issues.push(followed.issue);
      else if (followed.info.isFile()) found.paths.push({ read: followed.target, shown });
      else found.issues.push(bareIssue(shown, 'is a symbolic link to a directory; give the directory itself'));
    } else {
      // A FIFO, a socket or a device named like a plan file: never opened.
      found.issues.push(notAFile(shown, lstatSync(path)));
    }
    if (found.paths.length > MAX_PLAN_FILES) break;
  }
  found.paths.sort((a, b) => (a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : 0));
  return found;
}

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** Paths under the working directory are shown relative to it, as a user typed them. */
export function displayPath(path: string): string {
  if (!isAbsolute(path)) return path.replace(/^\.\//, '');
  const rel = relative(process.cwd(), path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

function tooLarge(size: number, max: number): string {
  const shown = `${(size / MIB).toFixed(1)} MiB`;
  return max >= MAX_PLAN_FILE_BYTES
    ? `the file is ${shown}; tracking-plan files are limited to ${MAX_PLAN_FILE_BYTES / MIB} MiB`
    : `the file is ${shown}; with the files before it the plan passes its limit of ${MAX_PLAN_BYTES / MIB} MiB`;
}

function notAFile(file: string, info: Stats): Issue {
  return bareIssue(file, describeEntry(info));
}

function bareIssue(file: string, message: string, hint?: string): Issue {
  return { file, line: 0, column: 0, code: 'bad-path', message, ...(hint === undefined ? {} : { hint }) };
}

function pathIssue(file: string, message: string, hint?: string): { ok: false; issues: Issue[] } {
  return { ok: false, issues: [bareIssue(file, message, hint)] };
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
    case 'ELOOP':
      return 'is a symbolic link; tpsync does not follow it here';
    default:
      return fallback;
  }
}
