/**
 * What a command takes, written once: its flags and positional arguments, from which the parser
 * (args.ts), the help (command-help.ts) and shell completion are made — and the types of its
 * parsed values. A spec made with `commandSpec` keeps its flags' names as literal types, so that
 * reading a flag the spec does not declare (`args.values['concurency']`, `stringOption(args,
 * 'concurency')`) does not compile.
 */

/** One flag: whether it takes a value, its short form, and its help. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** What the value stands for in the help (`--out <file>`). */
  readonly value?: string;
  readonly description: string;
  readonly multiple?: boolean;
}

/** A command's flags by their long name (without `--`), in the order the help lists them. */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** What the parser gives for one flag: a boolean flag true, a string flag its text, a repeated one a list. */
export type OptionValue<S extends OptionSpec> = S extends { readonly type: 'boolean' }
  ? boolean
  : S extends { readonly multiple: true }
    ? string[]
    : string;

/** The parsed values of `O`'s flags; a flag not given is absent. */
export type OptionValues<O extends OptionSpecs> = { readonly [K in keyof O]?: OptionValue<O[K]> };

/** The names of `O`'s flags that take a value (every name, for a spec whose names are not known). */
export type StringOptionName<O extends OptionSpecs> = { [K in keyof O]: O[K] extends { readonly type: 'boolean' } ? never : K }[keyof O] &
  string;

/** The names of `O`'s flags that take no value (every name, for a spec whose names are not known). */
export type BooleanOptionName<O extends OptionSpecs> = { [K in keyof O]: O[K] extends { readonly type: 'string' } ? never : K }[keyof O] &
  string;

/** A command's name, help texts, flags (`O`) and positional arguments. */
export interface CommandSpec<O extends OptionSpecs = OptionSpecs> {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly options: O;
  /** Names of positional arguments, in order; a trailing `?` marks one optional. */
  readonly positionals: readonly string[];
  /** Paragraphs under the options, one a line (wrapped to 80 columns); a line that starts with spaces is kept as is. */
  readonly details?: string;
  /**
   * Why a positional argument is needed, when the flags given might make a user think it is not
   * (apply --plan-file still needs the plan's path): the message and hint for its absence.
   */
  missingPositional?(name: string, values: OptionValues<O>): { message: string; hint: string } | undefined;
}

/** Every command's -h / --help. */
export const HELP: OptionSpec = { type: 'boolean', short: 'h', description: 'Show this help' };

/** A command's spec, its flags' names and kinds kept as types (see OptionValues). */
export function commandSpec<const O extends OptionSpecs>(spec: CommandSpec<O>): CommandSpec<O> {
  return spec;
}

/** Flags shared by several commands (spread into their specs), their names and kinds kept as types. */
export function optionSpecs<const O extends OptionSpecs>(options: O): O {
  return options;
}

/** `options` without the flag `name`, in the same order (pull takes the connection's flags but one). */
export function withoutOption<O extends OptionSpecs, K extends keyof O & string>(options: O, name: K): Omit<O, K> {
  return Object.fromEntries(Object.entries(options).filter(([key]) => key !== name)) as Omit<O, K>;
}
