/**
 * The `--local` sandbox: an emulator run by tpsync for one command, on data kept in `.tpsync/`
 * of the working directory, so anyone can try every command with no Secoda account. The store is
 * checked (no links followed), kept out of git, and held by one run at a time (local-lock.ts);
 * each run gets a fresh token, so nothing secret is ever written to disk.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { makeDirectory } from '../files/directories.js';
import { replaceFile } from '../files/replace-file.js';
import { acquireLocalLock, LOCK_FILE } from './local-lock.js';
import { checkLocalStore } from './local-store.js';
import type { RunningEmulator } from './server.js';

/** The store's directory, in the working directory. */
export const LOCAL_DIR = '.tpsync';
/** The emulator's data, in LOCAL_DIR. */
export const LOCAL_DATA_FILE = 'emulator.json';

/** How a run opens the sandbox. */
export interface SandboxOptions {
  /** What this run is ("apply"), for another run's message while it waits. */
  readonly command: string;
  /** How long to wait for another run using the store (ms); 0 refuses at once. */
  readonly lockTimeoutMs: number;
  readonly signal?: AbortSignal;
  /** Told once, with who holds the store, when this run starts waiting for it. */
  readonly onWait: (holder: string) => void;
  /** Told when the data could not be saved (the run goes on). */
  readonly onPersistError: (error: unknown) => void;
}

/** A running sandbox, held by this run until closed. */
export interface LocalSandbox {
  /** The emulator's base URL (`http://127.0.0.1:<port>/api/v1`). */
  readonly url: string;
  /** The Bearer token it takes, fresh for this run. */
  readonly token: string;
  /** Categories, events and properties the store held when it started. */
  readonly resources: number;
  /** Stops the emulator (its data is saved) and lets go of the store. */
  close(): Promise<void>;
}

/**
 * Starts the sandbox's emulator once the store is this run's.
 * @throws UsageError when the store is a link or holds one, another run keeps it past the
 * timeout, or the emulator cannot start (a damaged data file).
 */
export async function openLocalSandbox(options: SandboxOptions): Promise<LocalSandbox> {
  // A store (or an entry in it) that is a link is refused by name before anything is opened.
  await checkLocalStore(LOCAL_DIR, [LOCAL_DATA_FILE, LOCK_FILE, '.gitignore']);
  await makeDirectory(LOCAL_DIR);
  // Keep the emulator's data out of git even where the repository does not ignore it.
  await replaceFile(join(LOCAL_DIR, '.gitignore'), '*\n');
  const lock = await acquireLocalLock(LOCAL_DIR, {
    timeoutMs: options.lockTimeoutMs,
    command: options.command,
    onWait: options.onWait,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  try {
    const emulator = await startHeldEmulator(options.onPersistError);
    return {
      ...emulator,
      close: async () => {
        try {
          await emulator.close();
        } finally {
          await lock.release();
        }
      },
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function startHeldEmulator(onPersistError: (error: unknown) => void): Promise<LocalSandbox> {
  const token = randomBytes(16).toString('hex');
  let emulator: RunningEmulator;
  try {
    // Loaded on demand: a command that reads a real Secoda never loads the server.
    const { startEmulator } = await import('./server.js');
    emulator = await startEmulator({ port: 0, host: '127.0.0.1', token, dataFile: join(LOCAL_DIR, LOCAL_DATA_FILE), onPersistError });
  } catch (error) {
    throw new UsageError(
      `could not start the local emulator: ${error instanceof Error ? error.message : String(error)}`,
      `delete ${LOCAL_DIR}/${LOCAL_DATA_FILE} if it is damaged`,
    );
  }
  return { url: emulator.url, token, resources: emulator.store.size, close: () => emulator.close() };
}
