/** Flag parsing on node:util's parseArgs, with friendly errors and generated help. */
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { didYouMean } from '../tracking-plan/did-you-mean.js';
import { quote } from '../render/quoted-values.js';

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
  readonly details?: string;
}

export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: readonly string[];
}

const HELP: OptionSpec = { type: 'boolean', short: 'h', description: 'Show this help' };

export function parseCommandArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const options = { ...spec.options, help: HELP };
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
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
    return new UsageError(`tpsync ${spec.name}: ${message.replace(/^Option '(.+?)'/, 'option $1')}`, `usage: ${spec.usage}`);
  }
  return new UsageError(`tpsync ${spec.name}: ${message}`, `usage: ${spec.usage}`);
}

export function renderHelp(spec: CommandSpec): string {
  const rows = Object.entries({ ...spec.options, help: HELP }).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` <${o.value ?? 'value'}>` : ''}`;
    return [flag, o.description] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  const lines = [
    `${spec.summary}`,
    '',
    `Usage: ${spec.usage}`,
    '',
    'Options:',
    ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`),
  ];
  if (spec.details) lines.push('', spec.details);
  return lines.join('\n') + '\n';
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function booleanOption(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

/** A non-negative integer flag, with a clear error for anything else. */
export function integerOption(args: ParsedArgs, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = stringOption(args, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(
      `--${name} must be a whole number from ${min} to ${max === Number.MAX_SAFE_INTEGER ? 'up' : max}, not ${quote(raw)}`,
    );
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
