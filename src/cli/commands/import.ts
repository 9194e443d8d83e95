import { join } from 'node:path';
import { InternalError, PlanInvalidError, UsageError } from '../../errors.js';
import { readIgluRegistry, readProjectFiles, readSourceFile } from '../../files/import-sources.js';
import { checkTarget, schemaRefFor, writePulledFiles } from '../../files/pull-target.js';
import { formatNote, type ImportNote, type NoteEffect } from '../../import/import-note.js';
import {
  IMPORT_FORMATS,
  importIgluSources,
  importRudderSources,
  importSegmentSource,
  type ImportFormat,
  type ImportOutcome,
} from '../../import/import-source.js';
import { isIntegrationId } from '../../pull/representable.js';
import { quote } from '../../render/quoted-values.js';
import { loadTrackingPlan } from '../../tracking-plan/load-plan.js';
import { booleanOption, stringOption, type ArgsOf } from '../args.js';
import { commandSpec } from '../command-spec.js';
import { importedPlanFiles, type PlanFileText } from '../imported-plan-files.js';
import { redactorOf, styleFor, type Io } from '../io.js';

/** The integration written when none is given: a valid ID that names no integration, to be replaced. */
export const PLACEHOLDER_INTEGRATION = '00000000-0000-0000-0000-000000000000';

export const importSpec = commandSpec({
  name: 'import',
  summary: "Convert another tool's tracking plan (Segment, RudderStack, Snowplow) into a tpsync plan.",
  usage: 'tpsync import --from segment|rudderstack|snowplow <source> --out <dir> [--integration <id>] [--force]',
  positionals: ['source'],
  options: {
    from: {
      type: 'string',
      value: 'segment|rudderstack|snowplow',
      description: "The source's format: a Segment plan's JSON file, a rudder-cli project folder, or an Iglu registry folder (required)",
    },
    out: { type: 'string', value: 'dir', description: 'The directory to write the plan into, one file per category (required)' },
    integration: {
      type: 'string',
      value: 'id',
      description: `The Secoda integration the plan is for (default: ${PLACEHOLDER_INTEGRATION}, a placeholder to replace)`,
    },
    force: { type: 'boolean', description: 'Write into a non-empty --out (tracking-plan files it does not write again are removed)' },
  },
  details: [
    'segment: the JSON of a Protocols tracking plan, as the Config API returns it (typewriter’s plan.json) or as the Public API lists its rules. rudderstack: a rudder-cli project folder (its properties, events, custom types and tracking plans; one category per tracking plan). snowplow: an Iglu registry, the folder holding schemas/<vendor>/<name>/jsonschema/<version> or that schemas folder (one category per vendor, the latest version of each schema).',
    'Events keep the names their payloads carry. What the plan cannot say (a union of types, a lookahead pattern, a conditional schema, …) is listed on stderr by file and JSON pointer and left out: the plan accepts what it would refuse. The written plan validates; run `tpsync check` on it with your payloads.',
    'Exit codes: 0 imported (what was left out is listed on stderr), 1 error (nothing written).',
  ].join('\n'),
});

export async function importCommand(args: ArgsOf<typeof importSpec>, io: Io): Promise<number> {
  const from = stringOption(args, 'from');
  if (from === undefined || !(IMPORT_FORMATS as readonly string[]).includes(from)) {
    throw new UsageError(
      from === undefined ? 'tpsync import: --from is required' : `--from must be one of ${IMPORT_FORMATS.join(', ')}, not ${quote(from)}`,
      'say what the source is: --from segment (a JSON file), --from rudderstack (a rudder-cli project folder) or --from snowplow (an Iglu registry folder)',
    );
  }
  const out = stringOption(args, 'out');
  if (out === undefined || out.trim() === '')
    throw new UsageError('tpsync import: --out is required', 'give the directory to write the plan into, e.g. --out tracking-plan/');
  const given = stringOption(args, 'integration')?.trim();
  if (given !== undefined && !isIntegrationId(given)) {
    throw new UsageError(
      `--integration must be a Secoda integration ID, a UUID with or without dashes, not ${quote(given)}`,
      'copy the ID from Secoda (Integrations → the integration: the UUID in the address), or leave --integration out and replace the placeholder later',
    );
  }
  const source = args.positionals[0] ?? '';
  const target = { kind: 'directory' as const, path: out };
  await checkTarget(target, booleanOption(args, 'force'), 'import');

  const outcome = await importFrom(from as ImportFormat, source);
  // A folder's files are named relative to it in notes; an error names the file as the shell reaches it.
  if (!outcome.ok)
    throw new PlanInvalidError(
      from === 'segment' ? outcome.issues : outcome.issues.map((issue) => ({ ...issue, file: join(source, issue.file) })),
    );
  const redactor = redactorOf(io);
  const plan = redactor.redactDeep(outcome.plan);
  const header = {
    integration: given ?? PLACEHOLDER_INTEGRATION,
    ...(given === undefined ? { integrationComment: 'placeholder: replace with your Secoda integration ID before `tpsync plan`' } : {}),
  };
  const files = importedPlanFiles(plan.categories, header, schemaRefFor(target));
  checkValidates(files);
  await writePulledFiles(target, files);

  reportNotes(plan.notes, io);
  const style = styleFor(io.stdout, io.env);
  const events = plan.categories.reduce((sum, category) => sum + category.events.length, 0);
  io.stdout.write(
    `${style.green('✓')} Imported ${count(events, 'event')} in ${count(plan.categories.length, 'category', 'categories')} from ${source} into ${out} (${count(files.length, 'file')}).\n`,
  );
  if (given === undefined) {
    io.stdout.write(
      `Next: replace the placeholder integration ${PLACEHOLDER_INTEGRATION} in ${out}/tracking-plan.yaml with your Secoda integration's ID, then \`tpsync plan ${out}\`.\n`,
    );
  }
  return 0;
}

async function importFrom(format: ImportFormat, source: string): Promise<ImportOutcome> {
  if (source === '')
    throw new UsageError('tpsync import: give the source to import', 'e.g. tpsync import --from segment plan.json --out tracking-plan/');
  switch (format) {
    case 'segment':
      return importSegmentSource(readSourceFile(source));
    case 'rudderstack':
      return importRudderSources(await readProjectFiles(source));
    case 'snowplow':
      return importIgluSources(readIgluRegistry(source));
  }
}

/** The plan written must load, as any plan: a file that would not is a bug in the import, never something to write. */
function checkValidates(files: readonly PlanFileText[]): void {
  const encoder = new TextEncoder();
  const loaded = loadTrackingPlan(files.map((file) => ({ path: file.path, bytes: encoder.encode(file.text) })));
  if (!loaded.ok) {
    const first = loaded.issues[0];
    throw new InternalError(
      `import made a plan that does not validate (${first ? `${first.file}:${first.line}:${first.column} ${first.message}` : 'no issue given'})`,
    );
  }
}

const HEADINGS: Readonly<Record<NoteEffect, string>> = {
  'left-out': 'Left out (the plan cannot say it; the plan accepts what it would refuse):',
  moved: 'Written elsewhere than the source has it:',
  skipped: 'Not imported:',
};

function reportNotes(notes: readonly ImportNote[], io: Io): void {
  const style = styleFor(io.stderr, io.env);
  for (const effect of ['left-out', 'moved', 'skipped'] as const) {
    const listed = notes.filter((note) => note.effect === effect);
    if (listed.length === 0) continue;
    io.stderr.write(`${style.yellow(HEADINGS[effect])}\n`);
    for (const note of listed) io.stderr.write(`  ${formatNote(note)}\n`);
  }
  const left = notes.filter((note) => note.effect === 'left-out').length;
  if (left > 0)
    io.stderr.write(
      `${style.yellow('!')} ${count(left, 'thing')} of the source could not be said in the plan and ${left === 1 ? 'was' : 'were'} left out (listed above).\n`,
    );
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
