/**
 * The file-system edge of `pull`: where the YAML goes (stdout, a file, or a directory), what
 * its `$schema` comment points at from there, the refusal to overwrite, and the writing.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import schema from '../../schemas/tracking-plan.schema.json' with { type: 'json' };
import { UsageError } from '../errors.js';
import { MAX_PLAN_FILE_BYTES } from './read-plan-files.js';
import { readRegularFile } from './read-regular-file.js';
import { writeOutputFile, writeOutputFileInside } from './write-output-file.js';
import { appendAll } from '../arrays.js';

export type PullTarget =
  { readonly kind: 'stdout' } | { readonly kind: 'file'; readonly path: string } | { readonly kind: 'directory'; readonly path: string };

/**
 * The schema's published address: its `$id`, the file as this version's release tag holds it
 * (scripts/schema-id.mjs keeps it in step with package.json), so a pulled plan is checked against
 * the format of the tpsync that wrote it, not against whatever main holds later.
 */
export const SCHEMA_URL: string = schema.$id;
/** Inside a checkout of tpsync (or a repository that vendors the schema), point at the local copy. */
const LOCAL_SCHEMA = join('schemas', 'tracking-plan.schema.json');
const YAML_FILE = /\.ya?ml$/i;
const PLAN_KEYS: ReadonlySet<string> = new Set(['version', 'integration', 'categories', 'properties', 'rules']);

/** An existing path keeps its kind; a new one is a file when it ends in .yaml/.yml, else a directory. */
export async function resolveTarget(out: string | undefined): Promise<PullTarget> {
  if (out === undefined) return { kind: 'stdout' };
  if (out.trim() === '') throw new UsageError('--out needs a path', 'give a file (plan.yaml) or a directory (tracking-plan/)');
  const info = await stat(out).catch(() => undefined);
  if (info?.isDirectory()) return { kind: 'directory', path: out };
  if (info !== undefined && !info.isFile()) throw new UsageError(`--out ${out} is neither a file nor a directory`);
  if (info?.isFile() || (YAML_FILE.test(out) && !/[\\/]$/.test(out))) return { kind: 'file', path: out };
  return { kind: 'directory', path: out };
}

/** The `$schema` reference as seen from the directory the files are written to. */
export function schemaRefFor(target: PullTarget, cwd = process.cwd()): string {
  const local = resolve(cwd, LOCAL_SCHEMA);
  if (!existsSync(local)) return SCHEMA_URL;
  const from = target.kind === 'stdout' ? cwd : target.kind === 'file' ? dirname(resolve(cwd, target.path)) : resolve(cwd, target.path);
  return relative(from, local).split(sep).join('/');
}

/**
 * Refuses a target that holds something, unless forced. Checked before Secoda (or an import's
 * source) is read. `command` names the command in the message (`pull`, `import`).
 */
export async function checkTarget(target: PullTarget, force: boolean, command = 'pull'): Promise<void> {
  if (target.kind === 'stdout' || force) return;
  if (target.kind === 'file') {
    const info = await stat(target.path).catch(() => undefined);
    if (info !== undefined && info.size > 0) {
      throw new UsageError(
        `${target.path} exists and is not empty; ${command} does not overwrite it`,
        'add --force to replace it, or choose another --out',
      );
    }
    return;
  }
  const entries = await readdir(target.path).catch(() => []);
  if (entries.length > 0) {
    throw new UsageError(
      `the directory ${target.path} is not empty; ${command} does not overwrite it`,
      `add --force to write into it (tracking-plan files that the ${command} does not write again are removed), or choose an empty or new directory`,
    );
  }
}

/** A file of the pulled plan (src/pull/pull-plan.ts): its path below the target directory, and its YAML. */
export interface PulledFileText {
  readonly path: string;
  readonly text: string;
}

export interface WriteReport {
  readonly written: string[];
  /** Stale tracking-plan files removed from a directory (a category no longer in Secoda). */
  readonly removed: string[];
}

/**
 * Writes the pulled files to a file or a directory (links below the directory refused, as by
 * write-output-file.ts); in a directory, removes the tracking-plan files the pull no longer writes.
 */
export async function writePulledFiles(
  target: Exclude<PullTarget, { kind: 'stdout' }>,
  files: readonly PulledFileText[],
): Promise<WriteReport> {
  if (target.kind === 'file') {
    const [file] = files;
    if (file === undefined || files.length !== 1) throw new Error('a one-file pull makes exactly one file');
    await writeOutputFile(target.path, file.text);
    return { written: [target.path], removed: [] };
  }
  await mkdir(target.path, { recursive: true });
  const written = files.map((file) => join(target.path, file.path));
  // A plan directory is read as a whole: a category file left from an earlier pull would put
  // the category back. Only files that look like tracking-plan files are removed.
  const keep = new Set(written.map((path) => resolve(path)));
  const removed: string[] = [];
  for (const path of await findYamlFiles(target.path)) {
    if (keep.has(resolve(path)) || !(await looksLikePlanFile(path))) continue;
    await rm(path);
    removed.push(path);
  }
  for (const file of files) await writeOutputFileInside(target.path, file.path, file.text);
  return { written, removed };
}

/** The loader's rule: *.yaml / *.yml, recursively, skipping hidden directories and node_modules. */
async function findYamlFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== 'node_modules') appendAll(found, await findYamlFiles(path));
    } else if (entry.isFile() && YAML_FILE.test(entry.name)) {
      found.push(path);
    }
  }
  return found.sort();
}

async function looksLikePlanFile(path: string): Promise<boolean> {
  // A regular file no larger than a plan file may be: anything else is not one of ours, and is left unread.
  const read = await readRegularFile(path, MAX_PLAN_FILE_BYTES);
  if (!read.ok) return false;
  try {
    const data: unknown = parse(read.bytes.toString('utf8'));
    return (
      data !== null &&
      typeof data === 'object' &&
      !Array.isArray(data) &&
      Object.keys(data).length > 0 &&
      Object.keys(data).every((key) => PLAN_KEYS.has(key))
    );
  } catch {
    return false;
  }
}
