/**
 * How the process answers SIGINT and SIGTERM (Ctrl-C; a CI cancel sends SIGINT, then SIGTERM).
 *
 * By default tpsync does not catch them: the signal ends the process at once, whatever it is
 * doing — parsing a huge plan, waiting on a Secoda that never answers, reading a pipe — with no
 * output and the status a shell shows as 130 / 143, as `cat` or `grep` do. A handler could not
 * do that: it runs only when the event loop is free, so a command busy on the CPU would ignore
 * the signal until it was done, and one waiting on I/O would have to notice it.
 *
 * A command with something to finish catches them for as long as it does (`catchSignals`):
 * apply from its approval to its last write (requests in flight finish, the summary is printed,
 * the PR comment says "interrupted"), check while it reads payloads (the report so far is
 * printed), the emulator while it serves (the data file is saved). There the first signal aborts
 * `signal`, the command winds down and exits 130 / 143, and a second signal ends it at once.
 * Once caught, they stay caught: a signal after the section (the command is about to return)
 * exits 130 / 143 at once, rather than being lost while the handler is taken away.
 *
 * As process 1 of a container (`docker run` without `--init`) a signal that is not caught is
 * ignored by the kernel, so there tpsync always catches them, and ends at once outside a section.
 */
export interface Interrupts {
  /** Aborted (with the signal's name as its reason) by a signal caught inside a section. */
  readonly signal: AbortSignal;
  /**
   * Catches SIGINT and SIGTERM until the returned function is called; sections may nest.
   * `note` says what the command does on the first signal ("requests in flight finish").
   */
  readonly catchSignals: (note: string) => () => void;
}

type Signal = 'SIGINT' | 'SIGTERM';

/** The conventional exit status of a process ended by `signal` (128 + its number). */
export function signalExitCode(signal: Signal): number {
  return signal === 'SIGINT' ? 130 : 143;
}

/**
 * The real process's interrupts (main.ts calls it once). `say` prints the line that tells the
 * user a signal was caught (on stderr).
 */
export function processInterrupts(say: (text: string) => void, alwaysCatch = process.pid === 1): Interrupts {
  const controller = new AbortController();
  const notes: string[] = [];
  let listening = false;

  const onSignal = (signal: Signal) => {
    const note = notes.at(-1);
    // Outside a section, or the second signal: stop at once.
    if (note === undefined || controller.signal.aborted) process.exit(signalExitCode(signal));
    say(`\n${signal}: stopping — ${note} (a second signal stops at once).\n`);
    controller.abort(signal);
  };
  const listen = () => {
    if (listening) return;
    listening = true;
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  };
  if (alwaysCatch) listen();

  return {
    signal: controller.signal,
    catchSignals: (note) => {
      notes.push(note);
      listen();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        notes.splice(notes.lastIndexOf(note), 1);
      };
    },
  };
}
