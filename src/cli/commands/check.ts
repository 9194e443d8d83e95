import { setImmediate as nextTurn } from 'node:timers/promises';
import { UsageError } from '../../errors.js';
import { parseFieldPath, type FieldPath } from '../../check/field-path.js';
import { booleanOption, stringOption, type ArgsOf } from '../args.js';
import { commandSpec } from '../command-spec.js';
import { catchSignals, interruptedExitCode, styleFor, type Io } from '../io.js';
import { loadPlanForOutput } from '../load-plan-for-output.js';
import { describeReadError, openPayloadInput } from '../payload-input.js';

export const checkSpec = commandSpec({
  name: 'check',
  summary: 'Check event payloads (newline-delimited JSON, or - for stdin) against the plan.',
  usage:
    'tpsync check <plan> <payloads.ndjson|-> [--format text|json] [--event-field path] [--properties-field path] [--additional-properties]',
  positionals: ['plan', 'payloads'],
  options: {
    format: { type: 'string', value: 'text|json', description: 'The report for people (text, the default) or for tools (json)' },
    'event-field': {
      type: 'string',
      value: 'path',
      description: 'Where each track call holds the event name: a field or dotted path (default: event)',
    },
    'properties-field': {
      type: 'string',
      value: 'path',
      description: 'Where each track call holds the properties object: a field or dotted path (default: properties)',
    },
    'additional-properties': { type: 'boolean', description: 'Allow properties the plan does not name (no unplanned-property)' },
  },
  details: [
    'Each line is a call: a track call, {"type":"track","event":"…","properties":{…}} ("type" optional), or an identify, page, screen or group call when the plan has events of that kind (docs/plan-language.md, "Event kinds"). Lines of a type the plan has no event of (alias, …) are skipped; blank lines are ignored.',
    'Violations: unplanned-event, unplanned-property, missing-required, wrong-type (also a value outside its format, pattern, length or range), value-not-in-enum, invalid-json.',
    'Exit codes: 0 no violations, 1 any violation, an invalid plan or an unreadable input.',
  ].join('\n'),
});

export async function checkCommand(args: ArgsOf<typeof checkSpec>, io: Io): Promise<number> {
  const format = stringOption(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be "text" or "json", not "${format}"`);
  const eventField = fieldOption(args, 'event-field', 'event');
  const propertiesField = fieldOption(args, 'properties-field', 'properties');
  const [planPath = '', payloadsPath = ''] = args.positionals;

  const plan = await loadPlanForOutput(planPath, io);
  const input = await openPayloadInput(payloadsPath, io);
  // ajv is loaded only by the command that needs it.
  const { runPayloadCheck, uncheckableProperties } = await import('../../check/run-payload-check.js');
  const { buildEventSchemas } = await import('../../event-schema/build-event-schemas.js');
  const set = buildEventSchemas(plan, { additionalProperties: booleanOption(args, 'additional-properties') });
  const [uncheckable] = uncheckableProperties(set.entries);
  if (uncheckable !== undefined) {
    throw new UsageError(
      `event "${uncheckable.event}" has a property titled "${uncheckable.property}", which JSON Schema validators ignore, so payloads cannot be checked against it`,
      'rename the property in the plan',
    );
  }

  // While payloads are read, SIGINT and SIGTERM alike stop the reading and print the report so far.
  const release = catchSignals(io, 'the report so far is printed');
  try {
    const { renderCheckJson, renderCheckText } = await import('../../check/render-check.js');
    let outcome;
    try {
      outcome = await runPayloadCheck(set, input.stream, { eventField, propertiesField, ...(io.signal ? { signal: io.signal } : {}) });
    } catch (error) {
      throw describeReadError(payloadsPath, error);
    }
    // An interrupt also when the input ended as the signal came: the signal that stopped tpsync
    // often stopped what was writing the payloads too (Ctrl-C reaches the whole pipeline), so the
    // input may be cut. One turn of the event loop first, so that a signal that came with the end is seen.
    await nextTurn();
    const interrupted = outcome.aborted || io.signal?.aborted === true;
    io.stdout.write(
      format === 'json'
        ? renderCheckJson(outcome.report, input.name)
        : renderCheckText(outcome.report, input.name, styleFor(io.stdout, io.env)),
    );
    if (interrupted) {
      // Ctrl-C on a live stream (`… | tpsync check plan -`): the report so far, and the exit code of an interrupt.
      io.stderr.write(
        `interrupted: the report covers the first ${outcome.report.lines === 1 ? 'line' : `${outcome.report.lines.toLocaleString('en-US')} lines`}\n`,
      );
      return interruptedExitCode(io.signal);
    }
    return outcome.report.violations === 0 ? 0 : 1;
  } finally {
    release();
  }
}

function fieldOption(args: ArgsOf<typeof checkSpec>, name: 'event-field' | 'properties-field', fallback: string): FieldPath {
  const text = stringOption(args, name) ?? fallback;
  const path = parseFieldPath(text);
  if (path === undefined)
    throw new UsageError(
      `--${name} "${text}" is not a field name or a dotted path`,
      `e.g. --${name} ${fallback} or --${name} context.${fallback}`,
    );
  return path;
}
