/**
 * The command line: pick the command, parse its flags, run it, and map whatever it throws to
 * friendly text and an exit code. This is the one place errors meet the terminal.
 */
import { describeError, ExitError, InternalError, PlanInvalidError, UsageError } from '../errors.js';
import { renderIssuesText } from '../render/issues.js';
import { didYouMean } from '../tracking-plan/did-you-mean.js';
import { parseCommandArgs, renderHelp, type CommandSpec, type ParsedArgs } from './args.js';
import { styleFor, type Io } from './io.js';
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

function mainHelp(): string {
  const width = Math.max(...commands.map((c) => c.spec.usage.length)) + 2;
  return [
    'tpsync — keep a Secoda event catalog in step with a YAML tracking plan',
    '',
    'Usage:',
    ...commands.map((c) => `  ${c.spec.usage.padEnd(width)}`),
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.spec.name.padEnd(10)}${c.spec.summary}`),
    '',
    'Run `tpsync <command> --help` for its options.',
    'Environment: SECODA_API_URL (default https://api.secoda.co/api/v1), SECODA_API_TOKEN (a Secoda API key).',
    'Add --local to plan, apply or pull to use an embedded Secoda emulator kept in .tpsync/ (no account needed).',
    '',
  ].join('\n');
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
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
      `${errStyle.red('error:')} unknown command "${name}"\n    hint: ${guess ? `did you mean \`tpsync ${guess}\`?` : 'run `tpsync --help` for the commands'}\n`,
    );
    return 1;
  }
  try {
    const args = parseCommandArgs(command.spec, rest);
    if (args.values['help'] === true) {
      io.stdout.write(renderHelp(command.spec));
      return 0;
    }
    return await command.run(args, io);
  } catch (error) {
    // With --json or --markdown stdout carries one document: no workflow commands may join it.
    const documentOnStdout = rest.includes('--json') || rest.includes('--markdown');
    return await reportError(error, io, documentOnStdout);
  }
}

async function reportError(error: unknown, io: Io, documentOnStdout: boolean): Promise<number> {
  const style = styleFor(io.stderr, io.env);
  if (error instanceof ExitError) return error.exitCode;
  if (error instanceof PlanInvalidError) {
    io.stderr.write(renderIssuesText(error.issues, style));
    await reportIssuesToGitHub(error.issues, io, { annotate: !documentOnStdout });
    return 1;
  }
  if (error instanceof UsageError) {
    io.stderr.write(`${style.red('error:')} ${error.message}\n${error.hint ? `    hint: ${error.hint}\n` : ''}`);
    return error.exitCode;
  }
  const described = describeError(error);
  if (described) {
    io.stderr.write(`${style.red('error:')} ${described.message}\n${described.hint ? `    hint: ${described.hint}\n` : ''}`);
    return 1;
  }
  const internal = error instanceof InternalError ? error : new InternalError('unexpected error', { cause: error });
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`${style.red('error:')} ${internal.message}\n`);
  if (io.env['TPSYNC_DEBUG']) io.stderr.write(`${detail}\n`);
  else io.stderr.write(`    ${error instanceof Error ? error.message : String(error)}\n    (set TPSYNC_DEBUG=1 to see the stack trace)\n`);
  return 1;
}
