/**
 * The command line: pick the command, parse its flags, run it, and map whatever it throws to
 * friendly text and an exit code. This is the one place errors meet the terminal.
 */
import { describeError, ExitError, InternalError, PlanInvalidError, UsageError } from '../errors.js';
import { refusePullRequestTarget } from '../github/github-context.js';
import { renderIssuesText } from '../render/issues.js';
import { cutQuotedValues, quote } from '../render/quoted-values.js';
import { didYouMean } from '../tracking-plan/did-you-mean.js';
import { parseCommandArgs, renderHelp, type CommandSpec, type ParsedArgs } from './args.js';
import { definitionRows, paragraphLines, usageLines } from './help-text.js';
import { interruptedExitCode, redactorOf, styleFor, type Io } from './io.js';
import { transformedStream } from './output-guard.js';
import { neutraliseControls } from '../render/terminal-text.js';
import { version } from './version.js';
import { reportIssuesToGitHub } from './github-annotations.js';

import { validateCommand, validateSpec } from './commands/validate.js';
import { planCommand, planSpec } from './commands/plan.js';
import { applyCommand, applySpec } from './commands/apply.js';
import { emulatorCommand, emulatorSpec } from './commands/emulator.js';
import { pullCommand, pullSpec } from './commands/pull.js';
import { schemaCommand, schemaSpec } from './commands/schema.js';
import { checkCommand, checkSpec } from './commands/check.js';
import { codegenCommand, codegenSpec } from './commands/codegen.js';
import { completionCommand, completionSpec } from './commands/completion.js';

interface Command {
  readonly spec: CommandSpec;
  readonly run: (args: ParsedArgs, io: Io) => Promise<number>;
}

const commands: Command[] = [
  { spec: validateSpec, run: validateCommand },
  { spec: planSpec, run: planCommand },
  { spec: applySpec, run: applyCommand },
  { spec: pullSpec, run: pullCommand },
  { spec: schemaSpec, run: schemaCommand },
  { spec: checkSpec, run: checkCommand },
  { spec: codegenSpec, run: codegenCommand },
  { spec: emulatorSpec, run: emulatorCommand },
];
// Completion covers every command, itself included.
commands.push({ spec: completionSpec, run: completionCommand(commands.map((c) => c.spec).concat(completionSpec)) });

function mainHelp(): string {
  return [
    'tpsync — keep a Secoda event catalog in step with a YAML tracking plan',
    '',
    'Usage:',
    ...commands.flatMap((c) => usageLines(c.spec.usage, '  ')),
    '',
    'Commands:',
    ...definitionRows(
      commands.map((c) => [c.spec.name, c.spec.summary] as const),
      '  ',
    ),
    '',
    ...paragraphLines(
      [
        'Run `tpsync help <command>` (or `tpsync <command> --help`) for its options.',
        'Environment: SECODA_API_URL (default https://api.secoda.co/api/v1), SECODA_API_TOKEN (a Secoda API key); TPSYNC_LOG=debug logs every request to Secoda on stderr.',
        'Add --local to plan, apply or pull to use an embedded Secoda emulator kept in .tpsync/ (no account needed).',
      ].join('\n'),
    ),
    '',
  ].join('\n');
}

/** Commands that read Secoda or GitHub with the workflow's secrets. */
const NETWORK_COMMANDS = new Set(['plan', 'apply', 'pull']);

export async function run(argv: readonly string[], given: Io): Promise<number> {
  // The output boundary: whatever a command prints, the secrets are taken out first, and control
  // characters from data (a title, a payload's event name) are shown, never obeyed by the terminal.
  const redactor = redactorOf(given);
  const redact = (text: string) => neutraliseControls(redactor.redact(text));
  const io: Io = {
    ...given,
    stdout: transformedStream(given.stdout, redact),
    stderr: transformedStream(given.stderr, redact),
    redactor,
  };
  const [name, ...rest] = argv;
  // `tpsync help plan`, as git and terraform take it: the command's own help.
  if (name === 'help' && rest[0] !== undefined && !rest[0].startsWith('-')) return helpFor(rest[0], io);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(mainHelp());
    return name === undefined ? 1 : 0;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  const command = commands.find((c) => c.spec.name === name);
  const errStyle = styleFor(io.stderr, io.env);
  if (!command) {
    const guess = didYouMean(
      name,
      commands.map((c) => c.spec.name),
    );
    io.stderr.write(
      `${errStyle.red('error:')} unknown command ${quote(name)}\n    hint: ${guess ? `did you mean \`tpsync ${guess}\`?` : 'run `tpsync --help` for the commands'}\n`,
    );
    return 1;
  }
  try {
    const args = parseCommandArgs(command.spec, rest);
    if (args.values['help'] === true) {
      io.stdout.write(renderHelp(command.spec));
      return 0;
    }
    if (NETWORK_COMMANDS.has(command.spec.name)) refusePullRequestTarget(io.env);
    return await command.run(args, io);
  } catch (error) {
    return await reportError(error, io);
  }
}

/** `tpsync help <command>`: that command's help, or a did-you-mean. */
function helpFor(name: string, io: Io): number {
  const command = commands.find((c) => c.spec.name === name);
  if (command) {
    io.stdout.write(renderHelp(command.spec));
    return 0;
  }
  const guess = didYouMean(
    name,
    commands.map((c) => c.spec.name),
  );
  io.stderr.write(
    `${styleFor(io.stderr, io.env).red('error:')} no help for ${quote(name)}: there is no such command\n    hint: ${guess ? `did you mean \`tpsync help ${guess}\`?` : 'run `tpsync help` for the commands'}\n`,
  );
  return 1;
}

async function reportError(error: unknown, io: Io): Promise<number> {
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
