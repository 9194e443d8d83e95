/**
 * The file-system edge of `tpsync schema`: compare the schema files with what a directory holds,
 * and write them. Files a previous run listed in its `index.json` and this run no longer makes
 * (an event removed or renamed) are stale: removed on write, reported by `--check`. Nothing else
 * in the directory is ever touched.
 */
import { mkdir, readFile, readdir, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UsageError } from '../errors.js';
import { INDEX_FILE, type SchemaFile } from '../event-schema/schema-files.js';

/** A path an index of ours may name: `<slug>/<slug>.schema.json`, nothing that climbs out. */
const OUR_FILE = /^[a-z0-9-]+\/[a-z0-9-]+\.schema\.json$/;

export interface DirectoryDiff {
  /** Files whose text differs from what is on disk. */
  readonly changed: readonly string[];
  /** Files not on disk yet. */
  readonly missing: readonly string[];
  /** Files the previous index listed that this run does not make. */
  readonly stale: readonly string[];
}

/** @throws UsageError when `dir` exists and is not a directory. */
export async function diffSchemaDirectory(dir: string, files: readonly SchemaFile[]): Promise<DirectoryDiff> {
  const info = await stat(dir).catch(() => undefined);
  if (info !== undefined && !info.isDirectory())
    throw new UsageError(`--out ${dir} is not a directory`, 'give a directory for the schema files (it is created when missing)');
  const changed: string[] = [];
  const missing: string[] = [];
  for (const file of files) {
    const current = await readFile(join(dir, file.path), 'utf8').catch(() => undefined);
    if (current === undefined) missing.push(file.path);
    else if (current !== file.text) changed.push(file.path);
  }
  const made = new Set(files.map((f) => f.path));
  const stale = (await previousFiles(dir)).filter((path) => !made.has(path));
  return { changed, missing, stale };
}

/** Writes what differs and removes stale files (and category directories they leave empty). */
export async function writeSchemaDirectory(dir: string, files: readonly SchemaFile[], diff: DirectoryDiff): Promise<void> {
  const toWrite = new Set([...diff.changed, ...diff.missing]);
  await mkdir(dir, { recursive: true });
  for (const file of files) {
    if (!toWrite.has(file.path)) continue;
    await mkdir(dirname(join(dir, file.path)), { recursive: true });
    await writeFile(join(dir, file.path), file.text);
  }
  for (const path of diff.stale) {
    await rm(join(dir, path), { force: true });
    const parent = dirname(join(dir, path));
    if ((await readdir(parent).catch(() => ['?'])).length === 0) await rmdir(parent).catch(() => undefined);
  }
}

/** The schema files an earlier run's index lists; none when there is no index of ours. */
async function previousFiles(dir: string): Promise<string[]> {
  const text = await readFile(join(dir, INDEX_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return [];
  let index: unknown;
  try {
    index = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof index !== 'object' || index === null || (index as { generator?: unknown }).generator !== 'tpsync') return [];
  const events = (index as { events?: unknown }).events;
  if (!Array.isArray(events)) return [];
  return events
    .map((e: unknown) => (typeof e === 'object' && e !== null ? (e as { file?: unknown }).file : undefined))
    .filter((file): file is string => typeof file === 'string' && OUR_FILE.test(file));
}
