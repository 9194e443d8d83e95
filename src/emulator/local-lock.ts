/**
 * One run at a time on a `--local` store. The embedded emulator keeps its data in
 * `.tpsync/emulator.json` and writes it back when it closes: two runs on the same store would
 * each work on their own copy, and the last to close would silently throw the other's work away.
 * So a run takes `.tpsync/lock` (created exclusively, holding its pid) for as long as it uses the
 * store; a second run waits for it, up to a bound, then refuses with a clear message. A lock whose
 * process is gone (killed, crashed) is stale and taken over.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { createExclusively, modifiedAgoMs, moveAside, putBack, removeQuietly, removeQuietlyNow } from '../files/exclusive-file.js';
import { readRegularFile } from '../files/read-regular-file.js';
import { abortableSleep } from '../secoda/abortable-sleep.js';
import { durationWords } from '../render/duration-words.js';

export const LOCK_FILE = 'lock';
const POLL_MS = 100;
/** A lock file that does not parse is being written; one that stays so this long is damaged, and stale. */
const UNREADABLE_STALE_MS = 5_000;

interface LockContent {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  readonly started_at: string;
  readonly nonce: string;
}

export interface HeldLock {
  release(): Promise<void>;
}

export interface LockOptions {
  /** How long to wait for another run's lock (ms); 0 refuses at once. */
  readonly timeoutMs: number;
  /** What this run is, for the other run's message ("apply"). */
  readonly command: string;
  /** Told once when this run starts waiting. */
  readonly onWait?: (holder: string) => void;
  readonly signal?: AbortSignal;
}

/** Takes `<dir>/lock`, waiting for another run that holds it; throws a UsageError when it cannot. */
export async function acquireLocalLock(dir: string, options: LockOptions): Promise<HeldLock> {
  const file = join(dir, LOCK_FILE);
  const mine: LockContent = {
    pid: process.pid,
    host: hostname(),
    command: options.command,
    started_at: new Date().toISOString(),
    nonce: randomBytes(8).toString('hex'),
  };
  const started = Date.now();
  let told = false;
  for (;;) {
    if (await tryCreate(file, mine)) return hold(file, mine);
    const holder = await readLock(file);
    if (holder === 'gone') continue;
    if (holder === 'unreadable' ? await isOld(file) : isStale(holder)) {
      await removeStale(file, holder === 'unreadable' ? '' : holder.nonce);
      continue;
    }
    const who =
      holder === 'unreadable'
        ? `another tpsync run (its ${join(dir, LOCK_FILE)} is being written)`
        : `another tpsync ${holder.command} (pid ${holder.pid}${holder.host === mine.host ? '' : ` on ${holder.host}`}, started ${holder.started_at})`;
    const waited = Date.now() - started;
    if (waited >= options.timeoutMs) {
      throw new UsageError(
        `${who} is using the local Secoda in ${dir}/${options.timeoutMs > 0 ? `; gave up waiting after ${durationWords(waited)}` : ''}`,
        `wait for it to finish, or raise --lock-timeout; if no tpsync is running, delete ${join(dir, LOCK_FILE)}`,
      );
    }
    if (!told) {
      told = true;
      options.onWait?.(who);
    }
    try {
      await abortableSleep(POLL_MS, options.signal);
    } catch {
      throw new UsageError(`interrupted while waiting for ${who}`, undefined, options.signal?.reason === 'SIGTERM' ? 143 : 130);
    }
  }
}

function tryCreate(file: string, content: LockContent): Promise<boolean> {
  return createExclusively(file, `${JSON.stringify(content)}\n`);
}

/** A lock is a line of JSON; anything longer is damaged. */
const MAX_LOCK_BYTES = 64 * 1024;

async function readLock(file: string): Promise<LockContent | 'gone' | 'unreadable'> {
  // Never through a link or from a pipe: a lock that is either is refused by name.
  const read = await readRegularFile(file, MAX_LOCK_BYTES);
  if (!read.ok) {
    if (read.code === 'absent') return 'gone';
    if (read.code === 'not-a-file') throw new UsageError(`${file} ${read.problem}`, 'remove it; tpsync makes it again');
    if (read.code === 'unreadable')
      throw new UsageError(`${file} ${read.problem}`, 'remove it, or give it back to the user who runs tpsync');
    return 'unreadable';
  }
  try {
    const parsed = JSON.parse(read.bytes.toString('utf8')) as Partial<LockContent>;
    if (typeof parsed.pid === 'number' && typeof parsed.nonce === 'string') return parsed as LockContent;
  } catch {
    // Being written right now (created, not yet filled), or damaged: see below.
  }
  return 'unreadable';
}

/** A lock of this machine whose process is gone. A lock of another host cannot be checked: it is kept. */
function isStale(holder: LockContent): boolean {
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists but is not ours to signal; it is alive.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Moves the stale lock aside and deletes it. Two runs may find the same stale lock: rename is
 * atomic, so only one moves it; should a run move a fresh lock that another run has just
 * created in its place, it puts that one back (link fails rather than overwrite).
 */
async function removeStale(file: string, staleNonce: string): Promise<void> {
  const aside = `${file}.stale-${randomBytes(4).toString('hex')}`;
  if (!(await moveAside(file, aside))) return;
  const moved = await readLock(aside);
  if (moved !== 'gone' && moved !== 'unreadable' && moved.nonce !== staleNonce) await putBack(aside, file);
  await removeQuietly(aside);
}

async function isOld(file: string): Promise<boolean> {
  return ((await modifiedAgoMs(file, Date.now())) ?? 0) > UNREADABLE_STALE_MS;
}

function hold(file: string, mine: LockContent): HeldLock {
  let held = true;
  // A run that ends without closing (process.exit after a second Ctrl-C) still lets go of the store.
  const onExit = () => {
    if (held) removeQuietlyNow(file);
  };
  process.once('exit', onExit);
  return {
    release: async () => {
      if (!held) return;
      held = false;
      process.removeListener('exit', onExit);
      const current = await readLock(file);
      if (current !== 'gone' && current !== 'unreadable' && current.nonce === mine.nonce) await removeQuietly(file);
    },
  };
}
