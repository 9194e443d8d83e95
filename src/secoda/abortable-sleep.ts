/**
 * Waiting that an AbortSignal (Ctrl-C, SIGTERM) cuts short, with a single 'abort' listener per
 * signal however many waits are pending. A paced apply keeps hundreds of writes waiting for their
 * slot at once; one listener each made Node print MaxListenersExceededWarning ("Possible
 * EventTarget memory leak detected. 11 abort listeners added to [AbortSignal]").
 */

const watchers = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Calls `callback` once when `signal` aborts (at once, synchronously, if it already has).
 * Returns a function that cancels the call; call it when the wait ends, so nothing piles up.
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  if (signal.aborted) {
    callback();
    return () => {};
  }
  let callbacks = watchers.get(signal);
  if (callbacks === undefined) {
    const registered = new Set<() => void>();
    callbacks = registered;
    watchers.set(signal, registered);
    signal.addEventListener(
      'abort',
      () => {
        const pending = [...registered];
        registered.clear();
        for (const pendingCallback of pending) pendingCallback();
      },
      { once: true },
    );
  }
  const entry = () => callback();
  callbacks.add(entry);
  const owned = callbacks;
  return () => void owned.delete(entry);
}

/** The reason an aborted signal carries, as an Error. */
export function abortError(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error) return reason;
  const error = new Error('aborted');
  error.name = 'AbortError';
  return error;
}

/** Resolves after `ms` milliseconds; rejects with the abort reason if `signal` aborts first. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    let cancel = () => {};
    const timer = setTimeout(
      () => {
        cancel();
        resolve();
      },
      Math.max(0, ms),
    );
    if (signal)
      cancel = onAbort(signal, () => {
        clearTimeout(timer);
        reject(abortError(signal));
      });
  });
}

/** Resolves after `ms` milliseconds, or as soon as `signal` aborts (never rejects). */
export function sleepUnlessAborted(ms: number, signal?: AbortSignal): Promise<void> {
  return abortableSleep(ms, signal).catch(() => {});
}
