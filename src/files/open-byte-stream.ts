/**
 * A file read as a stream of bytes (gunzipped when asked), for inputs too large to hold at once
 * (`tpsync check`'s payloads). Problems opening it come back as data, in words that follow the
 * path in a message.
 */
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';

/** The stream, or why the file could not be opened. */
export type OpenedByteStream =
  { readonly ok: true; readonly stream: AsyncIterable<Uint8Array | string> } | { readonly ok: false; readonly problem: string };

/**
 * Opens `path` for reading; `gunzip` decompresses it on the way. A directory, a missing file or
 * one that cannot be read is `ok: false`. Errors met while reading (a broken gzip stream) come
 * from the stream; `readProblem` words them.
 */
export async function openByteStream(path: string, options: { readonly gunzip: boolean }): Promise<OpenedByteStream> {
  let handle;
  try {
    handle = await open(path, 'r');
    const info = await handle.stat();
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  } catch (error) {
    await handle?.close();
    return { ok: false, problem: openProblem(error) };
  }
  // 64 KiB chunks: a chunk's text stays in V8's young generation and dies young; 1 MiB chunks
  // land in large-object space and raise the peak memory of a long read.
  const file = handle.createReadStream({ highWaterMark: 64 * 1024 });
  if (!options.gunzip) return { ok: true, stream: file };
  const gunzip = createGunzip();
  file.on('error', (error) => gunzip.destroy(error));
  return { ok: true, stream: file.pipe(gunzip) };
}

/** What went wrong in a read that failed half-way: "not valid gzip data", "permission denied", … */
export function readProblem(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') return 'not valid gzip data';
  return openProblem(error);
}

function openProblem(error: unknown): string {
  switch ((error as { code?: string }).code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
