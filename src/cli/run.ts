/**
 * The command line: pick the command, parse its flags, run it, and map whatever it throws to
 * friendly text and an exit code (report-error.ts).
 */
import { refusePullRequestTarget } from '../github/github-context.js';
import { quote } from '../render/quoted-values.js';
import { neutraliseControls } from '../render/terminal-text.js';
import { didYouMean } from '../tracking-plan/did-you-mean.js';
import { renderHelp } from './command-help.js';
import { commands } from './command-list.js';
import { redactorOf, styleFor, type Io } from './io.js';
import { mainHelp } from './main-help.js';
import { transformedStream } from './output-guard.js';
import { reportError } from './report-error.js';
import { version } from './version.js';

/** Runs `tpsync <argv>` with `given` as its outside world; resolves to the exit code. */
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
    io.stdout.write(mainHelp(commands));
    return name === undefined ? 1 : 0;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  const command = commands.find((c) => c.spec.name === name);
  if (!command) {
    const guess = didYouMean(
      name,
      commands.map((c) => c.spec.name),
    );
    io.stderr.write(
      `${styleFor(io.stderr, io.env).red('error:')} unknown command ${quote(name)}\n    hint: ${guess ? `did you mean \`tpsync ${guess}\`?` : 'run `tpsync --help` for the commands'}\n`,
    );
    return 1;
  }
  try {
    const invocation = command.parse(rest);
    if (invocation.help) {
      io.stdout.write(renderHelp(command.spec));
      return 0;
    }
    if (command.network) refusePullRequestTarget(io.env);
    return await invocation.run(io);
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
