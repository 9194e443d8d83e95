/**
 * A command of the command line: its spec, and the function that runs it on the arguments parsed
 * by that spec. Bound together here, so that a command reads its flags with the spec's types
 * and the list of commands (command-list.ts) holds them all alike.
 */
import { parseCommandArgs, type ParsedArgs } from './args.js';
import type { CommandSpec, OptionSpecs } from './command-spec.js';
import type { Io } from './io.js';

/** What parsing a command's arguments gave: a request for its help, or the run to start. */
export type Invocation = { readonly help: true } | { readonly help: false; readonly run: (io: Io) => Promise<number> };

/** A command, ready for the list of commands. */
export interface Command {
  readonly spec: CommandSpec;
  /** Whether it reads Secoda or GitHub with the workflow's secrets (refused under pull_request_target). */
  readonly network: boolean;
  /** @throws UsageError when `argv` does not fit the spec (see parseCommandArgs). */
  readonly parse: (argv: readonly string[]) => Invocation;
}

/** The command `spec` describes, run by `run` with its exit code as the result. */
export function defineCommand<O extends OptionSpecs>(
  spec: CommandSpec<O>,
  run: (args: ParsedArgs<O>, io: Io) => Promise<number>,
  options: { readonly network?: boolean } = {},
): Command {
  return {
    spec,
    network: options.network === true,
    parse: (argv) => {
      const args = parseCommandArgs(spec, argv);
      return args.values.help === true ? { help: true } : { help: false, run: (io) => run(args, io) };
    },
  };
}
