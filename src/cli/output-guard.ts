/**
 * The process's output boundary. Everything tpsync (or a library inside it) writes to stdout
 * or stderr passes through one place that takes the secrets out, and — on a GitHub runner,
 * on a stream the runner parses — breaks workflow-command syntax in it, and shows control
 * characters as escapes (see render/terminal-text.ts), so that text from a tracking plan, a
 * payload or a server is shown, never obeyed. tpsync's own workflow commands (annotations,
 * `::group::`) bypass it, on stderr only, and only where the runner reads them:
 *
 * - never on stdout, which may carry a `--json` / `--markdown` document;
 * - never when stderr is a regular file (`2> log.txt`): a file is a record, not the runner's log;
 * - never when stderr is stdout (`2>&1`): the commands would join the document.
 *
 * No secret is ever written, on either stream, in any form: not even as `::add-mask::`, which
 * carries the secret itself to whatever captures stderr (`2>&1 | tee log`, a wrapper that logs
 * it). The runner masks every value a workflow passes from `secrets.*` on its own, and tpsync
 * derives no secret that it prints.
 */
import { neutraliseCommands, type CommandSink } from '../github/workflow-commands.js';
import { describeStream, sameTarget } from '../files/describe-stream.js';
import type { Redactor } from '../redaction/redactor.js';
import { neutraliseControls } from '../render/terminal-text.js';
import { redactorFromEnv } from '../redaction/secrets-from-env.js';
import type { OutputStream } from './io.js';

type Env = Readonly<Record<string, string | undefined>>;

/** A stream whose text passes through `transform` first. */
export function transformedStream(stream: OutputStream, transform: (text: string) => string): OutputStream {
  return {
    write: (text: string) => stream.write(transform(text)),
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
  };
}

export interface ProcessGuard {
  readonly redactor: Redactor;
  /** Where tpsync's workflow commands go; a sink that drops them where the runner must not get them. */
  readonly workflowCommands: CommandSink;
  /**
   * Whether long lists may be folded into `::group::` sections (see Io.foldsInLog): the runner reads
   * the commands, and stdout is not redirected to a file, which then keeps the record instead.
   */
  readonly foldsInLog: boolean;
}

/**
 * Guards the real process's stdout and stderr (called once, by main.ts): redaction for both, and
 * command syntax broken on a runner's pipes.
 */
export function guardProcessOutput(env: Env): ProcessGuard {
  const redactor = redactorFromEnv(env);
  const onRunner = env['GITHUB_ACTIONS'] === 'true';
  const stdoutInfo = describeStream(1);
  const stderrInfo = describeStream(2);
  const rawStderr = process.stderr.write.bind(process.stderr);
  const commandsReachRunner = onRunner && stderrInfo.kind !== 'file' && stderrInfo.kind !== 'closed' && !sameTarget(stdoutInfo, stderrInfo);

  patchWrite(process.stdout, (text) => {
    const redacted = neutraliseControls(redactor.redact(text));
    return onRunner && stdoutInfo.kind !== 'file' ? neutraliseCommands(redacted) : redacted;
  });
  patchWrite(process.stderr, (text) => {
    const redacted = neutraliseControls(redactor.redact(text));
    return onRunner && stderrInfo.kind !== 'file' ? neutraliseCommands(redacted) : redacted;
  });
  return {
    redactor,
    workflowCommands: commandsReachRunner ? (line) => void rawStderr(`${line}\n`) : () => {},
    foldsInLog: commandsReachRunner && stdoutInfo.kind !== 'file',
  };
}

/** Replaces `stream.write` so that every chunk, string or bytes, is transformed as UTF-8 text. */
function patchWrite(stream: NodeJS.WriteStream, transform: (text: string) => string): void {
  const original = stream.write.bind(stream) as (
    chunk: string,
    encoding?: BufferEncoding,
    callback?: (error?: Error | null) => void,
  ) => boolean;
  const patched = (
    chunk: string | Uint8Array,
    encodingOrCallback?: BufferEncoding | ((error?: Error | null) => void),
    callback?: (error?: Error | null) => void,
  ): boolean => {
    const encoding = typeof encodingOrCallback === 'string' ? encodingOrCallback : undefined;
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    const text =
      typeof chunk !== 'string'
        ? Buffer.from(chunk).toString('utf8')
        : encoding === undefined || encoding === 'utf8' || encoding === 'utf-8'
          ? chunk
          : Buffer.from(chunk, encoding).toString('utf8');
    return original(transform(text), 'utf8', done);
  };
  stream.write = patched;
}
