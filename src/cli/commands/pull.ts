import { UsageError } from '../../errors.js';
import { formatNote } from '../../pull/pull-note.js';
import { pullTrackingPlan } from '../../pull/pull-plan.js';
import { checkTarget, resolveTarget, schemaRefFor, writePulledFiles } from '../../files/pull-target.js';
import { isIntegrationId } from '../../pull/representable.js';
import { booleanOption, stringOption, type ArgsOf } from '../args.js';
import { commandSpec, withoutOption } from '../command-spec.js';
import { connectionOptions, openConnection } from '../connection.js';
import { redactorOf, styleFor, type Io } from '../io.js';
import { cutQuotedValues, quote } from '../../render/quoted-values.js';
import { describePlanSize } from './plan-size.js';
import { emptyIntegrationNote } from '../prepare-plan.js';
import { ReferenceWriter } from '../../references/pull-names.js';
import { kindsOfRemote } from '../../references/reference-kinds.js';
import type { Directories } from '../../secoda/directories.js';
import { readDirectories } from '../resolve-names.js';

export const pullSpec = commandSpec({
  name: 'pull',
  summary: 'Write what Secoda holds for an integration as a tracking plan, to start from it.',
  usage: 'tpsync pull --integration <id> [--out plan.yaml | --out dir/] [--shared] [--ids] [--force] [--local]',
  positionals: [],
  options: {
    integration: {
      type: 'string',
      value: 'id',
      description: 'The Secoda integration whose categories, events and properties to pull (required)',
    },
    out: {
      type: 'string',
      value: 'file|dir',
      description: 'Write one file (ending in .yaml), or a directory with one file per category; default: print one file',
    },
    shared: {
      type: 'boolean',
      description: 'Write properties that several events carry alike once, as shared definitions the events `use`',
    },
    ids: {
      type: 'boolean',
      description: "Write owners, teams, tags, … as Secoda's IDs (default: by email, name or title, read from Secoda's directories)",
    },
    force: { type: 'boolean', description: 'Write over a non-empty --out (in a directory, removes plan files it does not write again)' },
    // Pull only reads: pacing writes means nothing here.
    ...withoutOption(connectionOptions, 'writes-per-minute'),
  },
  details: [
    "Owners and subscribers are written by email, groups, teams and tags by name, collections by title, as Secoda's directories list them; where a name is unknown or shared, the ID is written with a comment saying why. --ids writes IDs throughout.",
    '',
    'The YAML is deterministic (the same Secoda gives the same bytes), so a second pull diffs cleanly in git. What a tracking plan cannot hold (odd titles, duplicates, unknown types, enum values with commas, …) is listed on stderr with what was done about it; `tpsync plan` on the result then shows no changes except those.',
  ].join('\n'),
});

export async function pullCommand(args: ArgsOf<typeof pullSpec>, io: Io): Promise<number> {
  const integration = stringOption(args, 'integration')?.trim();
  if (integration === undefined || integration === '') {
    throw new UsageError(
      'tpsync pull: --integration is required',
      'give the Secoda integration ID: Secoda → Integrations → the integration → its ID in the address bar',
    );
  }
  if (!isIntegrationId(integration))
    throw new UsageError(
      `--integration must be a Secoda integration ID, a UUID with or without dashes, not ${quote(integration)}`,
      'copy the ID from Secoda (Integrations → the integration: the UUID in the address, e.g. ca529385-fbc9-4934-afae-e372affe795b), not its name',
    );
  const target = await resolveTarget(stringOption(args, 'out'));
  await checkTarget(target, booleanOption(args, 'force'));

  const connection = await openConnection(args, io, 'pull');
  const ids = booleanOption(args, 'ids');
  let remote;
  let directories: Directories = {};
  try {
    remote = await connection.client.readState(integration);
    // Only the directories the pulled resources name, each read once.
    if (!ids) directories = (await readDirectories(connection, [...kindsOfRemote(remote)])).directories;
  } finally {
    await connection.close();
  }
  // Whatever Secoda holds, a secret it echoes is not written into the YAML, nor into a file name:
  // taken out of the data before it is turned into text (YAML escaping would hide its forms).
  const redactor = redactorOf(io);
  const result = pullTrackingPlan(redactor.redactDeep(remote), {
    integration,
    layout: target.kind === 'directory' ? 'directory' : 'file',
    schemaRef: schemaRefFor(target),
    shared: booleanOption(args, 'shared'),
    ...(ids ? {} : { references: new ReferenceWriter(redactor.redactDeep(directories)) }),
  });

  const style = styleFor(io.stderr, io.env);
  const empty = connection.local ? null : emptyIntegrationNote(remote, integration, connection.baseUrl, '--integration');
  if (empty !== null) io.stderr.write(`${style.yellow('warning:')} ${empty}\n`);
  for (const note of result.notes) io.stderr.write(`${style.yellow(cutQuotedValues(formatNote(note)))}\n`);
  const size = describePlanSize(result.plan);
  const files = result.files.map((file) => ({ ...file, text: redactor.redact(file.text) }));
  if (target.kind === 'stdout') {
    io.stdout.write(files[0]?.text ?? '');
    io.stderr.write(`Pulled ${size} from integration ${integration}${notesSummary(result.notes.length)}.\n`);
    return 0;
  }
  const { written, removed } = await writePulledFiles(target, files);
  for (const path of removed) io.stderr.write(`removed ${path} (no longer in Secoda)\n`);
  const where = target.kind === 'file' ? target.path : `${target.path} (${written.length} ${written.length === 1 ? 'file' : 'files'})`;
  io.stdout.write(`Pulled ${size} from integration ${integration} into ${where}${notesSummary(result.notes.length)}.\n`);
  io.stdout.write(
    `Next: \`tpsync plan ${target.path}${booleanOption(args, 'local') ? ' --local' : ''}\` should show no changes${result.notes.some((n) => n.effect === 'skipped' || n.effect === 'moved') ? ' except for the skipped and moved resources noted above' : ''}.\n`,
  );
  return 0;
}

function notesSummary(count: number): string {
  return count === 0
    ? ''
    : `; ${count} ${count === 1 ? 'thing' : 'things'} could not be written as Secoda holds ${count === 1 ? 'it' : 'them'} (listed above)`;
}
