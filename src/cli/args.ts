/** Flag parsing on node:util's parseArgs, with friendly errors, and typed reading of the values. */
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { didYouMean } from '../tracking-plan/did-you-mean.js';
import { quote } from '../render/quoted-values.js';
import {
  HELP,
  type BooleanOptionName,
  type CommandSpec,
  type OptionSpecs,
  type OptionValues,
  type StringOptionName,
} from './command-spec.js';

/** A command's arguments, parsed by its spec: the flags' values (typed from the spec) and the positional arguments. */
export interface ParsedArgs<O extends OptionSpecs = OptionSpecs> {
  readonly values: OptionValues<O> & { readonly help?: boolean };
  readonly positionals: readonly string[];
}

/** The parsed arguments of the command whose spec is `S`. */
export type ArgsOf<S> = S extends CommandSpec<infer O> ? ParsedArgs<O> : never;

/** @throws UsageError for an unknown flag, a flag without its value, or too few or too many positional arguments. */
export function parseCommandArgs<O extends OptionSpecs>(spec: CommandSpec<O>, argv: readonly string[]): ParsedArgs<O> {
  const options: OptionSpecs = { ...spec.options, help: HELP };
  let parsed;
  try {
    parsed = parseArgs({
      args: attachNegativeValues(argv, spec),
      options: Object.fromEntries(
        Object.entries(options).map(([name, o]) => [
          name,
          { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw toUsageError(error, spec);
  }
  // parseArgs gives each flag of the spec the kind the spec declares: the values have the spec's types.
  const values = parsed.values as OptionValues<O> & { readonly help?: boolean };
  if (values.help === true) return { values, positionals: parsed.positionals };
  const required = spec.positionals.filter((p) => !p.endsWith('?'));
  if (parsed.positionals.length < required.length) {
    const missing = required[parsed.positionals.length] ?? 'argument';
    const explained = spec.missingPositional?.(missing, values);
    if (explained !== undefined) throw new UsageError(`tpsync ${spec.name}: ${explained.message}`, explained.hint);
    throw new UsageError(`tpsync ${spec.name}: missing <${missing}>`, `usage: ${spec.usage}`);
  }
  if (parsed.positionals.length > spec.positionals.length) {
    const extra = parsed.positionals[spec.positionals.length] ?? '';
    throw new UsageError(`tpsync ${spec.name}: unexpected argument ${quote(extra)}`, `usage: ${spec.usage}`);
  }
  return { values, positionals: parsed.positionals };
}

function toUsageError(error: unknown, spec: CommandSpec): UsageError {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const flag = (/'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? '').slice(0, 80);
    const names = Object.keys(spec.options).concat('help');
    const guess = didYouMean(flag.replace(/^-+/, ''), names);
    return new UsageError(
      `tpsync ${spec.name}: unknown option ${flag}`,
      guess !== undefined ? `did you mean --${guess}?` : `run \`tpsync ${spec.name} --help\` for the options`,
    );
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    // node:util's words ("argument is ambiguous", "does not take an argument") are not ours.
    const name = /'--([^' =<]+)/.exec(message)?.[1] ?? '';
    const option = spec.options[name];
    if (option?.type === 'string') {
      return new UsageError(
        `tpsync ${spec.name}: --${name} needs a value`,
        `write --${name} <${option.value ?? 'value'}>; a value that starts with "-" goes as --${name}=<value>`,
      );
    }
    if (option?.type === 'boolean' || name === 'help') {
      return new UsageError(
        `tpsync ${spec.name}: --${name} takes no value`,
        `write --${name} alone; run \`tpsync help ${spec.name}\` for the options`,
      );
    }
    return new UsageError(`tpsync ${spec.name}: ${message.replace(/^Option '(.+?)'/, 'option $1')}`, `usage: ${spec.usage}`);
  }
  return new UsageError(`tpsync ${spec.name}: ${message}`, `usage: ${spec.usage}`);
}

/**
 * `--max-deletes -1` as `--max-deletes=-1`: node:util's parseArgs takes a value that starts
 * with "-" for an option of its own and gives its own error, where ours says what the value
 * must be. Only a value that looks like a number is attached; anything else is left to the parser.
 */
function attachNegativeValues(argv: readonly string[], spec: CommandSpec): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    const option = arg.startsWith('--') && !arg.includes('=') ? spec.options[arg.slice(2)] : undefined;
    if (option?.type === 'string' && next !== undefined && /^-(\d|\.\d)/.test(next)) {
      args.push(`${arg}=${next}`);
      i++;
    } else args.push(arg);
  }
  return args;
}

/** The text of flag `name`; undefined when it was not given. */
export function stringOption<O extends OptionSpecs>(args: ParsedArgs<O>, name: StringOptionName<O>): string | undefined {
  const value: unknown = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** Whether flag `name` was given. */
export function booleanOption<O extends OptionSpecs>(args: ParsedArgs<O>, name: BooleanOptionName<O>): boolean {
  const value: unknown = args.values[name];
  return value === true;
}

/**
 * A whole-number flag within [min, max], with our own error for anything else: "--max-deletes
 * must be a whole number ≥ 0, not "-1"" (or "from 1 to 64" when bounded above).
 */
export function integerOption<O extends OptionSpecs>(
  args: ParsedArgs<O>,
  name: StringOptionName<O>,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const raw = stringOption(args, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`--${name} must be a whole number ${range}, not ${quote(raw)}`);
  }
  return value;
}

/** A probability flag (0 to 1), for the emulator's fault injection. */
export function fractionOption<O extends OptionSpecs>(args: ParsedArgs<O>, name: StringOptionName<O>): number {
  const raw = stringOption(args, name);
  if (raw === undefined) return 0;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new UsageError(`--${name} must be a number from 0 to 1, not ${quote(raw)}`);
  return value;
}
