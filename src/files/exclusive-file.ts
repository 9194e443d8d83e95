/**
 * The file operations of a lock file (`.tpsync/lock`): created exclusively (one creator wins),
 * moved aside atomically (one mover wins), put back without overwriting, and removed.
 */
import { unlinkSync } from 'node:fs';
import { link, open, rename, stat, unlink } from 'node:fs/promises';

/** Creates `path` holding `text`, only if nothing is there; false when something is. */
export async function createExclusively(path: string, text: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
  return true;
}

/** Renames `path` to `aside` (atomic: of two movers, one moves it); false when it was gone. */
export async function moveAside(path: string, aside: string): Promise<boolean> {
  try {
    await rename(path, aside);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Links `existing` at `path` again, unless something is there now (a link never overwrites); never throws. */
export async function putBack(existing: string, path: string): Promise<void> {
  await link(existing, path).catch(() => {});
}

/** Removes `path`; nothing when it is gone already or cannot be removed. */
export async function removeQuietly(path: string): Promise<void> {
  await unlink(path).catch(() => {});
}

/** As removeQuietly, synchronously: for a process's `exit` handler, which cannot wait. */
export function removeQuietlyNow(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

/** How long ago `path` was last modified (ms before `now`); undefined when it cannot be seen. */
export async function modifiedAgoMs(path: string, now: number): Promise<number | undefined> {
  try {
    return now - (await stat(path)).mtimeMs;
  } catch {
    return undefined;
  }
}
