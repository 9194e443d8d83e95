/** Flag parsing on node:util's parseArgs, with friendly errors and generated help. */
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { didYouMean } from '../tracking-plan/did-you-mean.js';
import { quote } from '../render/quoted-values.js';
import { definitionRows, HELP_WIDTH, paragraphLines, usageLines, wrapWords } from './help-text.js';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly value?: string;
  readonly description: string;
  readonly multiple?: boolean;
}

export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Names of positional arguments, in order; a trailing `?` marks one optional. */
  readonly positionals: readonly string[];
  /** Paragraphs under the options, one a line (wrapped to 80 columns); a line that starts with spaces is kept as is. */
  readonly details?: string;
  /**
   * Why a positional argument is needed, when the flags given might make a user think it is not
   * (apply --plan-file still needs the plan's path): the message and hint for its absence.
   */
  readonly missingPositional?: (
    name: string,
    values: Readonly<Record<string, string | boolean | string[] | undefined>>,
  ) => { message: string; hint: string } | undefined;
}

export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: readonly string[];
}

/** Every command's -h / --help. */
export const HELP: OptionSpec = { type: 'boolean', short: 'h', description: 'Show this help' };

export function parseCommandArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const options = { ...spec.options, help: HELP };
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
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  if (values['help'] === true) return { values, positionals: parsed.positionals };
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

/** A command's help, every line within 80 columns (see help-text.ts). */
export function renderHelp(spec: CommandSpec): string {
  const rows = Object.entries({ ...spec.options, help: HELP }).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` <${o.value ?? 'value'}>` : ''}`;
    return [flag, o.description] as const;
  });
  const lines = [
    ...wrapWords(spec.summary, HELP_WIDTH),
    '',
    'Usage:',
    ...usageLines(spec.usage, '  '),
    '',
    'Options:',
    ...definitionRows(rows, '  '),
  ];
  if (spec.details) lines.push('', ...paragraphLines(spec.details));
  return lines.join('\n') + '\n';
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

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function booleanOption(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

/**
 * A whole-number flag within [min, max], with our own error for anything else: "--max-deletes
 * must be a whole number ≥ 0, not "-1"" (or "from 1 to 64" when bounded above).
 */
export function integerOption(args: ParsedArgs, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
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
export function fractionOption(args: ParsedArgs, name: string): number {
  const raw = stringOption(args, name);
  if (raw === undefined) return 0;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new UsageError(`--${name} must be a number from 0 to 1, not ${quote(raw)}`);
  return value;
}
