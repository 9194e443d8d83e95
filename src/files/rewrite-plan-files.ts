/**
 * Writing edited plan files back where they were read (`tpsync accept`). A plan file that is a
 * symbolic link is refused, never written through nor replaced by a file (the link is the
 * repository's shape); a file whose bytes changed since they were read (an editor saved it
 * meanwhile) is refused rather than overwritten. Every file is checked before any is written;
 * each is then replaced atomically (replace-file.ts), keeping its permission bits.
 */
import { lstat } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { MAX_PLAN_FILE_BYTES } from './read-plan-files.js';
import { readRegularFileSync } from './read-regular-file.js';
import { replaceFile } from './replace-file.js';

/** A plan file to write back: its path as read, the bytes that were read, and the new text. */
export interface RewrittenFile {
  readonly path: string;
  readonly read: Uint8Array;
  readonly text: string;
}

/** @throws UsageError naming the first file that is a link or changed since it was read (nothing is written then). */
export async function rewritePlanFiles(files: readonly RewrittenFile[]): Promise<void> {
  const modes: number[] = [];
  for (const file of files) {
    const info = await lstat(file.path).catch(() => undefined);
    if (info?.isSymbolicLink())
      throw new UsageError(
        `${file.path} is a symbolic link; tpsync accept does not write through it nor replace it`,
        'run accept on the file the link points to, or replace the link with the file',
      );
    const now = readRegularFileSync(file.path, MAX_PLAN_FILE_BYTES);
    if (info === undefined || !now.ok || !Buffer.from(file.read).equals(now.bytes))
      throw new UsageError(`${file.path} changed while tpsync accept ran; nothing was written`, 'run tpsync accept again');
    modes.push(info.mode & 0o7777);
  }
  for (const [index, file] of files.entries()) await replaceFile(file.path, file.text, { mode: modes[index] ?? 0o644 });
}
