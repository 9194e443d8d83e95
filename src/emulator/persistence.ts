/**
 * The emulator's data file. Saves are atomic — a temp file in the same directory, flushed, then
 * renamed over the target — so a killed emulator leaves the old file or the new one, never half
 * of one. Saves are debounced (at most one per DEBOUNCE_MS after a change) and serialised.
 *
 * It is read only when it is a regular file of a sane size: a symbolic link (to `/dev/zero`, to
 * a secret), a named pipe or a device at its path is refused by name, unread; and a file that is
 * not JSON is reported by where it stops parsing, never by quoting what it holds.
 */
import { readRegularFile } from '../files/read-regular-file.js';
import { replaceFile } from '../files/replace-file.js';
import type { Store } from './store.js';

export const DEBOUNCE_MS = 50;
/** A data file larger than this is not one the emulator wrote (a million resources take about 500 MiB). */
export const MAX_DATA_FILE_BYTES = 1024 * 1024 * 1024;

/** A data file that cannot be read: said plainly, with what to do (the CLI shows userMessage). */
export class DataFileError extends Error {
  override readonly name = 'DataFileError';
  readonly userMessage: string;
  readonly hint: string;
  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super(`${file}: ${reason}`, options);
    this.userMessage = `cannot load the emulator data file ${file}: ${reason}`;
    this.hint = 'fix or remove the file (the emulator starts empty without one)';
  }
}

/** The parsed file, or undefined when there is none yet. @throws DataFileError, which quotes nothing of the file. */
export async function readDataFile(file: string): Promise<unknown> {
  const read = await readRegularFile(file, MAX_DATA_FILE_BYTES);
  if (!read.ok) {
    if (read.code === 'absent') return undefined;
    throw new DataFileError(file, `it ${read.problem}`);
  }
  const text = read.bytes.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // The parser's message quotes the text around the error: only where it is is said.
    throw new DataFileError(file, `not valid JSON${jsonErrorPlace(text, error)}`, { cause: error });
  }
}

/** ` (line L, column C)` of a JSON.parse error, when its message gives the position; else nothing. */
function jsonErrorPlace(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const position = /\bposition (\d+)/.exec(message)?.[1];
  if (position === undefined) {
    if (text.trim() === '') return ' (the file is empty)';
    return /unexpected end/i.test(message) ? ' (it ends too early)' : '';
  }
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  return ` (line ${line}, column ${Number(position) - before.lastIndexOf('\n')})`;
}

/** The store's file, replaced whole and flushed to disk (src/files/replace-file.ts). */
export function writeFileAtomic(file: string, text: string): Promise<void> {
  return replaceFile(file, text, { flush: true });
}

/** Saves a snapshot shortly after changes, one save at a time; flush() saves now and waits. */
export class DebouncedSaver {
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  private chain: Promise<void> = Promise.resolve();
  private lastError: Error | undefined;

  constructor(
    readonly file: string,
    private readonly snapshot: () => unknown,
    private readonly onError: (error: unknown) => void = () => {},
    private readonly delayMs = DEBOUNCE_MS,
  ) {}

  schedule(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save().catch(() => {});
    }, this.delayMs);
    this.timer.unref();
  }

  /** Writes any pending change now; rejects if that write fails. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    await this.save();
    if (this.lastError !== undefined) {
      const error = this.lastError;
      this.lastError = undefined;
      throw error;
    }
  }

  private save(): Promise<void> {
    this.chain = this.chain.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      // Taken when the write starts, so it holds every change made before it.
      const text = `${JSON.stringify(this.snapshot(), null, 2)}\n`;
      try {
        await writeFileAtomic(this.file, text);
        this.lastError = undefined;
      } catch (error) {
        this.dirty = true;
        this.lastError = error instanceof Error ? error : new Error(String(error));
        this.onError(error);
      }
    });
    return this.chain;
  }
}

/**
 * The store's data file, opened: loaded into `store` if it exists, created at once otherwise (so
 * that an unwritable path fails now, not at the first change). @throws DataFileError.
 */
export async function openDataFile(file: string, store: Store, onError?: (error: unknown) => void): Promise<DebouncedSaver> {
  const data = await readDataFile(file);
  if (data !== undefined) {
    try {
      store.load(data);
    } catch (error) {
      throw new DataFileError(file, error instanceof Error ? error.message : String(error), { cause: error });
    }
  }
  const saver = new DebouncedSaver(file, () => store.snapshot(), onError);
  if (data === undefined) {
    saver.schedule();
    try {
      await saver.flush();
    } catch (error) {
      throw new DataFileError(file, `cannot write it (${error instanceof Error ? error.message : String(error)})`, { cause: error });
    }
  }
  return saver;
}
