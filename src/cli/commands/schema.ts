import { UsageError } from '../../errors.js';
import { buildEventSchemas } from '../../event-schema/build-event-schemas.js';
import { schemaFiles } from '../../event-schema/schema-files.js';
import { urlCredentials } from '../../redaction/secrets-from-env.js';
import { booleanOption, stringOption, type ArgsOf } from '../args.js';
import { commandSpec } from '../command-spec.js';
import { redactorOf, styleFor, type Io } from '../io.js';
import { loadPlanForOutput } from '../load-plan-for-output.js';
import { diffSchemaDirectory, writeSchemaDirectory } from '../schema-directory.js';

export const schemaSpec = commandSpec({
  name: 'schema',
  summary: 'Write one JSON Schema (draft 2020-12) per event of the plan, for other tools to validate payloads with.',
  usage: 'tpsync schema <plan> --out <dir> [--additional-properties] [--id-base <uri>] [--index] [--check]',
  positionals: ['plan'],
  options: {
    out: {
      type: 'string',
      value: 'dir',
      description: 'The directory to write <category>.<event>.schema.json files into (required)',
    },
    'additional-properties': {
      type: 'boolean',
      description: 'Allow properties the plan does not name (default: additionalProperties false)',
    },
    'id-base': {
      type: 'string',
      value: 'uri',
      description: 'Absolute URI that each $id is resolved against (default: $id is the file name)',
    },
    index: { type: 'boolean', description: 'Also write index.json, listing each event with its category, file and $id' },
    check: { type: 'boolean', description: 'Write nothing; exit 1 when the directory differs from what would be written' },
  },
  details: [
    "Each schema describes one event's properties object, in <category>.<event>.schema.json.",
    'Files a previous run wrote for events that are gone are removed; nothing else in the directory is touched.',
    'Exit codes: 0 written (or up to date with --check), 1 invalid plan, error, or out of date with --check.',
  ].join('\n'),
});

export async function schemaCommand(args: ArgsOf<typeof schemaSpec>, io: Io): Promise<number> {
  const out = stringOption(args, 'out');
  if (out === undefined || out.trim() === '') {
    throw new UsageError('tpsync schema: --out is required', 'give the directory to write the schemas into, e.g. --out schemas/events');
  }
  const idBase = stringOption(args, 'id-base');
  // Every schema file carries the base in its $id: a credential or a token in it would be
  // committed and published. Refused without quoting it.
  if (idBase !== undefined && urlCredentials(idBase).length > 0) {
    throw new UsageError(
      '--id-base holds credentials (user:password@ before the host); they would be written into every schema file',
      'give the public address the schemas are published at, without credentials, e.g. --id-base https://schemas.example.com/tracking/',
    );
  }
  if (idBase !== undefined && redactorOf(io).redact(idBase) !== idBase) {
    throw new UsageError(
      '--id-base holds a secret tpsync is configured with (the Secoda or GitHub token, or the review key); it would be written into every schema file',
      'give the public address the schemas are published at, e.g. --id-base https://schemas.example.com/tracking/',
    );
  }
  if (idBase !== undefined && !isAbsoluteUri(idBase)) {
    throw new UsageError(
      `--id-base "${idBase}" is not an absolute URI`,
      'give an absolute URI that file names can be resolved against, e.g. --id-base https://schemas.example.com/tracking/',
    );
  }
  const planPath = args.positionals[0] ?? '';
  const plan = await loadPlanForOutput(planPath, io);
  const set = buildEventSchemas(plan, {
    additionalProperties: booleanOption(args, 'additional-properties'),
    ...(idBase === undefined ? {} : { idBase }),
  });
  const files = schemaFiles(set, { index: booleanOption(args, 'index') });
  const diff = await diffSchemaDirectory(out, files);
  const outdated = diff.changed.length + diff.missing.length + diff.stale.length;
  const style = styleFor(io.stdout, io.env);
  const events = `${set.entries.length} ${set.entries.length === 1 ? 'event' : 'events'}`;

  if (booleanOption(args, 'check')) {
    if (outdated === 0) {
      io.stdout.write(`${style.green('✓')} ${out} is up to date (${events}).\n`);
      return 0;
    }
    const err = styleFor(io.stderr, io.env);
    for (const path of diff.missing) io.stderr.write(`  missing  ${path}\n`);
    for (const path of diff.changed) io.stderr.write(`  changed  ${path}\n`);
    for (const path of diff.stale) io.stderr.write(`  stale    ${path}\n`);
    io.stderr.write(
      `${err.red('error:')} the schemas in ${out} are out of date with the plan\n    hint: run \`tpsync schema ${planPath} --out ${out}\` and commit the result\n`,
    );
    return 1;
  }

  await writeSchemaDirectory(out, files, diff);
  for (const path of diff.stale) io.stderr.write(`removed ${path} (no longer in the plan)\n`);
  const written = diff.changed.length + diff.missing.length;
  const what = outdated === 0 ? 'already up to date' : `${written} ${written === 1 ? 'file' : 'files'} written`;
  io.stdout.write(
    `${style.green('✓')} Schemas for ${events} in ${out}: ${what}${diff.stale.length > 0 ? `, ${diff.stale.length} removed` : ''}.\n`,
  );
  return 0;
}

/** An absolute, hierarchical URI (https:, file:, …) that file names can be resolved against. */
function isAbsoluteUri(text: string): boolean {
  try {
    new URL('a/b.schema.json', text.endsWith('/') ? text : `${text}/`);
    return true;
  } catch {
    return false;
  }
}
