import { writeFile } from 'node:fs/promises';
import { UsageError } from '../../errors.js';
import { loadBaselinePlan } from '../../git/baseline-plan.js';
import { attributeOrigins } from '../../plan/attribute-origins.js';
import { checkDeleteGuard } from '../../plan/delete-guard.js';
import { renderPlanJson } from '../../render/plan-json.js';
import { renderPlanMarkdown } from '../../render/plan-markdown.js';
import { renderPlanText } from '../../render/plan-text.js';
import { booleanOption, integerOption, stringOption, type CommandSpec, type ParsedArgs } from '../args.js';
import { connectionOptions } from '../connection.js';
import { styleFor, type Io } from '../io.js';
import { earlyReadHolder } from '../early-read.js';
import { loadTrackingPlanOrThrow, readRemoteAndPlan } from '../prepare-plan.js';
import { commentOption } from '../github-options.js';
import { inGitHubActions } from '../../github/github-context.js';

export const DEFAULT_MAX_DELETES = 10;

export const planSpec: CommandSpec = {
  name: 'plan',
  summary: 'Show what apply would change in Secoda, without changing anything.',
  usage: 'tpsync plan <plan> [--json | --markdown] [--out plan.json] [--detailed-exitcode] [--baseline <git-ref>] [--comment] [--local]',
  positionals: ['plan'],
  options: {
    json: { type: 'boolean', description: 'Print the plan as JSON (only JSON on stdout)' },
    markdown: { type: 'boolean', description: 'Print the plan as Markdown, for a pull request (only Markdown on stdout)' },
    out: { type: 'string', value: 'file', description: 'Save the plan as JSON, for `apply --plan-file`' },
    'detailed-exitcode': { type: 'boolean', description: 'Exit 2 when there are changes, 0 when there are none' },
    'max-deletes': {
      type: 'string',
      value: 'N',
      description: `Warn when the plan deletes more than N resources (default ${DEFAULT_MAX_DELETES})`,
    },
    baseline: {
      type: 'string',
      value: 'git-ref',
      description: 'Tell changes made in the YAML since this git ref from changes made in Secoda (drift)',
    },
    ...commentOption,
    ...connectionOptions,
  },
  details: [
    'Exit codes: 0 success (no changes, with --detailed-exitcode), 1 error or invalid plan, 2 changes present (with --detailed-exitcode).',
    '',
    '--baseline compares the plan with its version at a git ref, taken to be what was last applied: a change whose YAML',
    'is the same as at the ref comes from Secoda and is marked "drift: changed in Secoda". Use HEAD in a scheduled drift',
    'check on main (every change is then drift), and origin/<base branch> in a pull request.',
  ].join('\n'),
};

export async function planCommand(args: ParsedArgs, io: Io): Promise<number> {
  const json = booleanOption(args, 'json');
  const markdown = booleanOption(args, 'markdown');
  if (json && markdown) throw new UsageError('choose one of --json and --markdown');
  const maxDeletes = integerOption(args, 'max-deletes', DEFAULT_MAX_DELETES);
  const early = earlyReadHolder(args, io);
  const trackingPlan = await loadTrackingPlanOrThrow(args.positionals[0] ?? '', early.start);
  const baselineRef = stringOption(args, 'baseline');
  // Read before Secoda, so a wrong ref fails fast.
  const baseline =
    baselineRef === undefined
      ? undefined
      : await loadBaselinePlan(args.positionals[0] ?? '', baselineRef, (text) => io.stderr.write(`warning: ${text}\n`));
  const { connection, remote } = await early.take(trackingPlan.integration);
  let prepared;
  try {
    prepared = await readRemoteAndPlan(trackingPlan, connection, io, remote);
  } finally {
    await connection.close();
  }
  const plan = baseline === undefined ? prepared.plan : attributeOrigins(prepared.plan, trackingPlan, baseline);

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
    if (out !== undefined)
      io.stdout.write(
        `Saved the plan to ${out}; apply exactly it with \`tpsync apply ${args.positionals[0] ?? ''} --plan-file ${out}\`.\n`,
      );
  }
  const comment = booleanOption(args, 'comment');
  if (comment || inGitHubActions(io.env) || (io.env['GITHUB_STEP_SUMMARY'] ?? '') !== '') {
    const { publishPlan } = await import('../github-publish.js');
    await publishPlan(plan, io, {
      planPath: args.positionals[0] ?? '',
      comment,
      documentOnStdout: json || markdown,
      ...(out === undefined ? {} : { planJsonPath: out }),
      notes: guardNote ? [`> [!WARNING]\n> ${guardNote.slice(2)}`] : [],
    });
  }
  return booleanOption(args, 'detailed-exitcode') && plan.operations.length > 0 ? 2 : 0;
}
