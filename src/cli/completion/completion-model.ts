/**
 * What a shell may complete after `tpsync`, taken from the command specs the command line
 * parses with (args.ts), so that completion never offers a flag the parser refuses: the
 * commands with their summaries, and per command its flags (with -h / --help) and positional
 * arguments, each with what its value is — one of a few words, a file, a directory, or free text.
 */
import { HELP, type CommandSpec } from '../command-spec.js';

/** What a flag's value or a positional argument completes to. */
export type ValueKind =
  | { readonly kind: 'choices'; readonly choices: readonly string[] }
  | { readonly kind: 'file' }
  | { readonly kind: 'directory' }
  /** Anything (a number, an ID, a URL, a git ref): nothing to offer. */
  | { readonly kind: 'free' };

export interface CompletionOption {
  /** `out` for --out. */
  readonly long: string;
  readonly short?: string;
  readonly description: string;
  /** Absent for a flag that takes no value. */
  readonly value?: ValueKind;
}

export interface CompletionCommand {
  readonly name: string;
  readonly summary: string;
  readonly options: readonly CompletionOption[];
  /** The positional arguments in order: their names (from the spec) and values. */
  readonly positionals: readonly { readonly name: string; readonly value: ValueKind }[];
}

export interface CompletionModel {
  readonly commands: readonly CompletionCommand[];
  /** What `tpsync` takes before a command: --help and --version (with -h and -v). */
  readonly globalOptions: readonly CompletionOption[];
}

/** Value placeholders that stand for paths (`--out <file>`, `--out <file|dir>`, `<plan>`, import's `<source>`). */
const FILE_WORDS = new Set(['file', 'file.json', 'file.md', 'path', 'plan', 'payloads', 'file|dir', 'source']);
const DIRECTORY_WORDS = new Set(['dir']);

/**
 * The kind of a placeholder: `breaking|warning` is a choice of words; `file`, `dir`, a plan or
 * payloads path are paths; anything else (`N`, `id`, `uri`, `git-ref`) is free text.
 */
export function valueKind(placeholder: string): ValueKind {
  const name = placeholder.replace(/\?$/, '');
  if (DIRECTORY_WORDS.has(name)) return { kind: 'directory' };
  if (FILE_WORDS.has(name)) return { kind: 'file' };
  if (/^[a-z0-9-]+(\|[a-z0-9-]+)+$/.test(name)) return { kind: 'choices', choices: name.split('|') };
  return { kind: 'free' };
}

/** The completion model of these commands (in the order given), `help` included as a command. */
export function completionModel(specs: readonly CommandSpec[]): CompletionModel {
  const commands: CompletionCommand[] = specs.map((spec) => ({
    name: spec.name,
    summary: spec.summary,
    options: Object.entries({ ...spec.options, help: HELP }).map(([long, option]) => ({
      long,
      ...(option.short === undefined ? {} : { short: option.short }),
      description: option.description,
      ...(option.type === 'string' ? { value: valueKind(option.value ?? 'value') } : {}),
    })),
    positionals: spec.positionals.map((name) => ({ name: name.replace(/\?$/, ''), value: valueKind(name) })),
  }));
  commands.push({
    name: 'help',
    summary: "Show a command's help.",
    options: [],
    positionals: [{ name: 'command', value: { kind: 'choices', choices: specs.map((spec) => spec.name) } }],
  });
  return {
    commands,
    globalOptions: [
      { long: 'help', short: 'h', description: 'Show the commands' },
      { long: 'version', short: 'v', description: 'Print the version' },
    ],
  };
}
