import { randomInt } from 'node:crypto';
import type { ArgsOf } from '../args.js';
import { commandSpec } from '../command-spec.js';
import { booleanOption, fractionOption, integerOption, stringOption } from '../args.js';
import { UsageError } from '../../errors.js';
import type { EmulatorOptions, RunningEmulator } from '../../emulator/server.js';
import { catchSignals, interruptedExitCode, styleFor, type Io } from '../io.js';

export const DEFAULT_EMULATOR_PORT = 4747;

const FAULT_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export const emulatorSpec = commandSpec({
  name: 'emulator',
  summary: 'Run a local Secoda Events API (for trying tpsync, tests and benchmarks) until Ctrl-C.',
  usage: 'tpsync emulator [--port N] [--token T] [--data file.json] [fault options]',
  positionals: [],
  options: {
    port: { type: 'string', value: 'N', description: `Port to listen on (default ${DEFAULT_EMULATOR_PORT}; 0 picks a free one)` },
    host: {
      type: 'string',
      value: 'address',
      description: 'Address to listen on (default 127.0.0.1, this machine only; beyond it, pass --token too)',
    },
    token: { type: 'string', value: 'T', description: 'Bearer token to require (default: accept any non-empty one)' },
    data: { type: 'string', value: 'file.json', description: 'Keep the data in this JSON file (loaded at start, saved atomically)' },
    'latency-ms': { type: 'string', value: 'N', description: 'Delay every response by N milliseconds' },
    'write-rate-limit': {
      type: 'string',
      value: 'N',
      description: 'Allow N writes (POST/PUT/PATCH) a minute, then answer 429 (Secoda allows 30)',
    },
    'page-size': { type: 'string', value: 'N', description: 'Results per page (default 50)' },
    seed: { type: 'string', value: 'N', description: 'Seed for fault injection: the same seed gives the same faults' },
    'fail-before-rate': { type: 'string', value: '0..1', description: 'Share of requests answered 500/502/503 before doing anything' },
    'fail-after-commit-rate': { type: 'string', value: '0..1', description: 'Share of writes answered 500 after they were saved' },
    'drop-after-commit-rate': {
      type: 'string',
      value: '0..1',
      description: 'Share of writes whose connection is dropped after they were saved',
    },
    'rate-limit-burst-rate': {
      type: 'string',
      value: '0..1',
      description: 'Share of requests that start a short burst of 429s (Retry-After: 1)',
    },
    'fault-methods': { type: 'string', value: 'list', description: 'Inject faults only into these methods, e.g. POST,PATCH' },
    'shift-pages-rate': {
      type: 'string',
      value: '0..1',
      description: 'Share of list pages (after the first) shifted by a row or two, as if rows moved between two page requests',
    },
    'lying-envelope-rate': {
      type: 'string',
      value: '0..1',
      description: 'Share of list pages whose count, total_pages or next_page is wrong',
    },
    'unordered-lists': { type: 'boolean', description: 'Serve every list page from a new row order (a list without ordering)' },
    'trim-text-on-save': {
      type: 'boolean',
      description: 'Store description and definition trimmed, with \\n line endings, in Unicode NFC (as a Secoda that normalises text)',
    },
    'events-list-gone': { type: 'boolean', description: 'Answer 410 to GET /event/events (the deprecated list), to test the fallback' },
  },
  details: [
    'Paths work with or without /api/v1 and a trailing slash. Point tpsync at the printed URL:',
    '  SECODA_API_URL=http://127.0.0.1:4747/api/v1 SECODA_API_TOKEN=<token> \\',
    '    tpsync plan tracking-plan/',
    'Exit codes: 130 stopped by SIGINT (Ctrl-C), 143 by SIGTERM (the data file is saved first); 1 could not start.',
  ].join('\n'),
});

export async function emulatorCommand(args: ArgsOf<typeof emulatorSpec>, io: Io): Promise<number> {
  const options = emulatorOptions(args);
  const style = styleFor(io.stdout, io.env);
  options.onPersistError = (error) =>
    io.stderr.write(
      `${style.yellow('warning:')} could not save ${options.dataFile ?? 'the data file'}: ${error instanceof Error ? error.message : String(error)}\n`,
    );

  const emulator = await start(options);
  // Until it closes, a signal stops the server (the way to end it), and the data file is saved.
  const release = catchSignals(io, 'closing the server and saving its data');
  try {
    const tokenNote = options.token !== undefined ? '(the token you passed)' : '<anything> (any Bearer token is accepted)';
    const lines = [
      `Secoda emulator listening on ${boundUrl(emulator)}${reachNote(emulator.address)}`,
      `Point tpsync at it: SECODA_API_URL=${emulator.url} SECODA_API_TOKEN=${tokenNote}`,
      ...describeSettings(options, emulator),
      style.dim('Press Ctrl-C to stop.'),
    ];
    io.stdout.write(`${lines.join('\n')}\n`);
    if (options.token === undefined && !isLoopback(emulator.address)) {
      const err = styleFor(io.stderr, io.env);
      io.stderr.write(
        `${err.yellow('warning:')} the emulator listens beyond this machine (${emulator.address}) and accepts any Bearer token: anyone who can reach port ${emulator.port} can read and change its data\n    hint: pass --token <T> to require one, or leave --host out to listen on 127.0.0.1 only\n`,
      );
    }

    await aborted(io.signal);
    // Requests still in flight after a moment (a long --latency-ms) lose their connection: stopping stays prompt.
    await emulator.close({ graceMs: CLOSE_GRACE_MS });
  } finally {
    release();
  }
  io.stdout.write(options.dataFile !== undefined ? `Emulator stopped; data saved to ${options.dataFile}.\n` : 'Emulator stopped.\n');
  // A signal is its only way to end, and it exits as every command a signal stopped does.
  return interruptedExitCode(io.signal);
}

/** How long requests in flight may take to finish once the emulator is told to stop. */
const CLOSE_GRACE_MS = 500;

/** The URL of the address the server is bound to (`http://0.0.0.0:4747/api/v1` for --host 0.0.0.0). */
function boundUrl(emulator: RunningEmulator): string {
  const host = emulator.address.includes(':') ? `[${emulator.address}]` : emulator.address;
  return `http://${host}:${emulator.port}/api/v1`;
}

/** What a wildcard address reaches, said in words. */
function reachNote(address: string): string {
  if (address === '0.0.0.0') return ' (every IPv4 address of this machine)';
  if (address === '::') return ' (every address of this machine)';
  return '';
}

/** Whether a bound address is reachable from this machine only. */
function isLoopback(address: string): boolean {
  return /^(::ffff:)?127\./i.test(address) || address === '::1';
}

function emulatorOptions(args: ArgsOf<typeof emulatorSpec>): EmulatorOptions {
  const rates = {
    failBeforeRate: fractionOption(args, 'fail-before-rate'),
    failAfterCommitRate: fractionOption(args, 'fail-after-commit-rate'),
    dropAfterCommitRate: fractionOption(args, 'drop-after-commit-rate'),
    rateLimitBurstRate: fractionOption(args, 'rate-limit-burst-rate'),
    shiftPagesRate: fractionOption(args, 'shift-pages-rate'),
    lyingEnvelopeRate: fractionOption(args, 'lying-envelope-rate'),
  };
  if (rates.failAfterCommitRate + rates.dropAfterCommitRate > 1) {
    throw new UsageError(
      '--fail-after-commit-rate and --drop-after-commit-rate add up to more than 1',
      'a write can only fail one way; lower one of them',
    );
  }
  const token = stringOption(args, 'token');
  if (token !== undefined && (token.trim() === '' || /\s/.test(token))) {
    throw new UsageError('--token must be a non-empty token without spaces', 'leave --token out to accept any Bearer token');
  }
  const rateLimit = integerOption(args, 'write-rate-limit', 0);
  const methods = stringOption(args, 'fault-methods');
  const options: EmulatorOptions = {
    port: integerOption(args, 'port', DEFAULT_EMULATOR_PORT, 0, 65_535),
    host: stringOption(args, 'host') ?? '127.0.0.1',
    latencyMs: integerOption(args, 'latency-ms', 0),
    pageSize: integerOption(args, 'page-size', 50, 1, 10_000),
    eventsListGone: booleanOption(args, 'events-list-gone'),
    // Without --seed, faults still come from a seed, which is printed so a run can be repeated.
    seed: integerOption(args, 'seed', randomInt(2 ** 31), 0, 2 ** 32 - 1),
    unorderedLists: booleanOption(args, 'unordered-lists'),
    trimTextOnSave: booleanOption(args, 'trim-text-on-save'),
    ...rates,
  };
  if (token !== undefined) options.token = token;
  if (rateLimit > 0) options.writeRateLimit = rateLimit;
  const data = stringOption(args, 'data');
  if (data !== undefined) options.dataFile = data;
  if (methods !== undefined) options.faultMethods = parseMethods(methods);
  return options;
}

function parseMethods(list: string): string[] {
  const methods = list
    .split(',')
    .map((m) => m.trim().toUpperCase())
    .filter((m) => m !== '');
  const unknown = methods.find((m) => !FAULT_METHODS.includes(m));
  if (unknown !== undefined || methods.length === 0) {
    throw new UsageError(
      `--fault-methods takes a comma-separated list of ${FAULT_METHODS.join(', ')}${unknown !== undefined ? `, not "${unknown}"` : ''}`,
    );
  }
  return methods;
}

async function start(options: EmulatorOptions): Promise<RunningEmulator> {
  try {
    return await (await import('../../emulator/server.js')).startEmulator(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const where = `${options.host ?? '127.0.0.1'}:${options.port ?? DEFAULT_EMULATOR_PORT}`;
    if (code === 'EADDRINUSE')
      throw new UsageError(
        `cannot listen on ${where}: the port is already in use`,
        'pick another with --port, or --port 0 for any free port',
      );
    if (code === 'EACCES' || code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      throw new UsageError(`cannot listen on ${where} (${code})`, 'check --host and --port (ports below 1024 need privileges)');
    }
    throw error;
  }
}

function describeSettings(options: EmulatorOptions, emulator: RunningEmulator): string[] {
  const lines: string[] = [];
  if (options.dataFile !== undefined) lines.push(`Data: ${options.dataFile} (${emulator.store.size} resources)`);
  if (options.writeRateLimit !== undefined) lines.push(`Write rate limit: ${options.writeRateLimit} a minute, then 429`);
  if (options.latencyMs) lines.push(`Latency: ${options.latencyMs} ms on every response`);
  if (options.eventsListGone) lines.push('GET /event/events answers 410 Gone');
  if (options.trimTextOnSave) lines.push('Text is trimmed on save (description, definition)');
  const faults = [
    ['fail before', options.failBeforeRate],
    ['fail after commit', options.failAfterCommitRate],
    ['drop after commit', options.dropAfterCommitRate],
    ['429 burst', options.rateLimitBurstRate],
    ['shifted pages', options.shiftPagesRate],
    ['lying envelopes', options.lyingEnvelopeRate],
  ] as const;
  const active = faults.filter(([, rate]) => (rate ?? 0) > 0).map(([name, rate]) => `${name} ${formatRate(rate ?? 0)}`);
  if (options.unorderedLists) active.push('unordered lists');
  if (active.length > 0) {
    const only = options.faultMethods ? ` on ${options.faultMethods.join(', ')}` : '';
    lines.push(`Faults: ${active.join(', ')}${only} (seed ${options.seed}; pass --seed ${options.seed} to repeat)`);
  }
  return lines;
}

function formatRate(rate: number): string {
  return `${Number((rate * 100).toFixed(2))}%`;
}

/** Resolves when the signal aborts (SIGINT/SIGTERM); never without one. */
function aborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!signal) return;
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
