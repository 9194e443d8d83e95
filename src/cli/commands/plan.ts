import { writeFile } from 'node:fs/promises';
import { UsageError } from '../../errors.js';
import { checkDeleteGuard } from '../../plan/delete-guard.js';
import { renderPlanJson } from '../../render/plan-json.js';
import { renderPlanMarkdown } from '../../render/plan-markdown.js';
import { renderPlanText } from '../../render/plan-text.js';
import { booleanOption, integerOption, stringOption, type CommandSpec, type ParsedArgs } from '../args.js';
import { connectionOptions, openConnection } from '../connection.js';
import { styleFor, type Io } from '../io.js';
import { loadTrackingPlanOrThrow, readRemoteAndPlan } from '../prepare-plan.js';
import { commentOption, publishPlan } from '../github-publish.js';

export const DEFAULT_MAX_DELETES = 10;

export const planSpec: CommandSpec = {
  name: 'plan',
  summary: 'Show what apply would change in Secoda, without changing anything.',
  usage: 'tpsync plan <plan> [--json | --markdown] [--out plan.json] [--detailed-exitcode] [--comment] [--local]',
  positionals: ['plan'],
  options: {
    json: { type: 'boolean', description: 'Print the plan as JSON (only JSON on stdout)' },
    markdown: { type: 'boolean', description: 'Print the plan as Markdown, for a pull request (only Markdown on stdout)' },
    out: { type: 'string', value: 'file', description: 'Save the plan as JSON, for `apply --plan-file`' },
    'detailed-exitcode': { type: 'boolean', description: 'Exit 2 when there are changes, 0 when there are none' },
    'max-deletes': { type: 'string', value: 'N', description: `Warn when the plan deletes more than N resources (default ${DEFAULT_MAX_DELETES})` },
    ...commentOption,
    ...connectionOptions,
  },
  details: 'Exit codes: 0 success (no changes, with --detailed-exitcode), 1 error or invalid plan, 2 changes present (with --detailed-exitcode).',
};

export async function planCommand(args: ParsedArgs, io: Io): Promise<number> {
  const json = booleanOption(args, 'json');
  const markdown = booleanOption(args, 'markdown');
  if (json && markdown) throw new UsageError('choose one of --json and --markdown');
  const maxDeletes = integerOption(args, 'max-deletes', DEFAULT_MAX_DELETES);
  const trackingPlan = await loadTrackingPlanOrThrow(args.positionals[0] ?? '');
  const connection = await openConnection(args, io);
  let prepared;
  try {
    prepared = await readRemoteAndPlan(trackingPlan, connection, io);
  } finally {
    await connection.close();
  }
  const { plan } = prepared;

  const out = stringOption(args, 'out');
  if (out !== undefined) await writeFile(out, renderPlanJson(plan));

  const guard = checkDeleteGuard(plan, { maxDeletes, allowDeletes: false });
  const guardNote = guard.tripped ? `! ${guard.tripped}; apply refuses it unless given --allow-deletes` : null;

  if (json) {
    io.stdout.write(renderPlanJson(plan));
    if (guardNote) io.stderr.write(`${guardNote}\n`);
  } else if (markdown) {
    io.stdout.write(renderPlanMarkdown(plan, { notes: guardNote ? [`> [!WARNING]\n> ${guardNote.slice(2)}`] : [] }));
    if (guardNote) io.stderr.write(`${guardNote}\n`);
  } else {
    const style = styleFor(io.stdout, io.env);
    io.stdout.write(renderPlanText(plan, { style, notes: guardNote ? [style.yellow(guardNote)] : [] }));
    if (out !== undefined) io.stdout.write(`Saved the plan to ${out}; apply exactly it with \`tpsync apply ${args.positionals[0] ?? ''} --plan-file ${out}\`.\n`);
  }
  await publishPlan(plan, io, {
    planPath: args.positionals[0] ?? '',
    comment: booleanOption(args, 'comment'),
    ...(out === undefined ? {} : { planJsonPath: out }),
    notes: guardNote ? [`> [!WARNING]\n> ${guardNote.slice(2)}`] : [],
  });
  return booleanOption(args, 'detailed-exitcode') && plan.operations.length > 0 ? 2 : 0;
}
