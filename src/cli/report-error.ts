/**
 * The one place errors meet the terminal: whatever a command throws becomes friendly text on
 * stderr and an exit code. A user's mistake is a message and a hint; an invalid plan its
 * problems (and annotations in GitHub Actions); anything unexpected asks for a bug report,
 * with the stack trace only when TPSYNC_DEBUG is set. Secrets are out before anything is cut.
 */
import { describeError, ExitError, InternalError, PlanInvalidError, UsageError } from '../errors.js';
import { renderIssuesText } from '../render/issues.js';
import { cutQuotedValues } from '../render/quoted-values.js';
import { reportIssuesToGitHub } from './github-annotations.js';
import { interruptedExitCode, redactorOf, styleFor, type Io } from './io.js';

/** Reports `error` on `io.stderr` and resolves to the run's exit code. */
export async function reportError(error: unknown, io: Io): Promise<number> {
  const style = styleFor(io.stderr, io.env);
  // Secrets out before anything is cut, so a cut can never leave half a token behind.
  const say = (text: string) => cutQuotedValues(redactorOf(io).redact(text));
  if (error instanceof ExitError) return error.exitCode;
  if (io.signal?.aborted === true && isInterruption(error)) {
    io.stderr.write(`Interrupted. Run the same command again: it starts from what Secoda holds now.\n`);
    return interruptedExitCode(io.signal);
  }
  if (error instanceof PlanInvalidError) {
    // Secrets out before the issues are cut, escaped or annotated (a token pasted into the YAML).
    const issues = redactorOf(io).redactDeep(error.issues);
    io.stderr.write(renderIssuesText(issues, style));
    // Annotations go to the workflow-command sink (stderr on a runner), never into a document on stdout.
    await reportIssuesToGitHub(issues, io);
    return 1;
  }
  if (error instanceof UsageError) {
    io.stderr.write(`${style.red('error:')} ${say(error.message)}\n${error.hint ? `    hint: ${say(error.hint)}\n` : ''}`);
    return error.exitCode;
  }
  const described = describeError(error);
  if (described) {
    io.stderr.write(`${style.red('error:')} ${say(described.message)}\n${described.hint ? `    hint: ${say(described.hint)}\n` : ''}`);
    return 1;
  }
  const internal = error instanceof InternalError ? error : new InternalError('unexpected error', { cause: error });
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`${style.red('error:')} ${internal.message}\n`);
  if (io.env['TPSYNC_DEBUG']) io.stderr.write(`${redactorOf(io).redact(detail)}\n`);
  else
    io.stderr.write(
      `    ${say(error instanceof Error ? error.message : String(error))}\n    (set TPSYNC_DEBUG=1 to see the stack trace)\n`,
    );
  return 1;
}

/** An error that only says the run was stopped (a request not sent, a wait cut short). */
function isInterruption(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'InterruptedError' || error.message === 'aborted');
}
