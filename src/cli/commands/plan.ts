import { UsageError } from '../../errors.js';
import { failOnReason, FAIL_ON_LEVELS, isFailOn, type FailOn } from '../../compatibility/fail-on.js';
import { loadBaselinePlan } from '../../git/baseline-plan.js';
import { inGitHubActions } from '../../github/github-context.js';
import type { PublishOptions } from '../../github/publish-plan.js';
import { checkDeleteGuard } from '../../plan/delete-guard.js';
import type { Plan } from '../../plan/types.js';
import { guardNote } from '../../render/delete-guard-note.js';
import { hasDrift } from '../../render/plan-summary-text.js';
import { renderPlanJson } from '../../render/plan-json.js';
import { renderPlanMarkdown } from '../../render/plan-markdown.js';
import { renderPlanText } from '../../render/plan-text.js';
import { didYouMean } from '../../tracking-plan/did-you-mean.js';
import { booleanOption, integerOption, stringOption, type ArgsOf } from '../args.js';
import { commandSpec } from '../command-spec.js';
import { connectionOptions, openConnection } from '../connection.js';
import { commentOption } from '../github-options.js';
import { githubRunOf } from '../github-run.js';
import { styleFor, type Io } from '../io.js';
import { nameDrift } from '../name-drift.js';
import { emptyIntegrationNote, loadPlanOrThrow, readRemoteAndPlan } from '../prepare-plan.js';
import { resolveNamesOrThrow } from '../resolve-names.js';
import { redactedPlan } from '../redacted-plan.js';
import { writeOutputFile } from '../../files/write-output-file.js';
import { yamlParserOption } from '../yaml-parser-option.js';

export const DEFAULT_MAX_DELETES = 10;

export const planSpec = commandSpec({
  name: 'plan',
  summary: 'Show what apply would change in Secoda, without changing anything.',
  usage:
    'tpsync plan <plan> [--json | --markdown] [--out plan.json] [--markdown-out plan.md] [--detailed-exitcode] [--fail-on breaking|warning] [--baseline <git-ref>] [--comment] [--local]',
  positionals: ['plan'],
  options: {
    json: { type: 'boolean', description: 'Print the plan as JSON (only JSON on stdout)' },
    markdown: { type: 'boolean', description: 'Print the plan as Markdown, for a pull request (only Markdown on stdout)' },
    out: { type: 'string', value: 'file', description: 'Save the plan as JSON, for `apply --plan-file`' },
    'markdown-out': {
      type: 'string',
      value: 'file',
      description: 'Save the plan as Markdown (what --markdown prints), for an issue or a comment',
    },
    'detailed-exitcode': {
      type: 'boolean',
      description: 'Exit 2 when Secoda differs (changes to apply, or categories that need a manual step), 0 when it matches',
    },
    'fail-on': {
      type: 'string',
      value: 'breaking|warning',
      description: 'Exit 1 (after printing the plan) when a change is breaking, or breaking or a warning',
    },
    'max-deletes': {
      type: 'string',
      value: 'N',
      description: `Warn when the plan destroys (deletes or re-creates) more than N resources (default ${DEFAULT_MAX_DELETES})`,
    },
    baseline: {
      type: 'string',
      value: 'git-ref',
      description:
        'Tell changes made in the YAML since this git ref from changes made in Secoda (drift); credit deprecations of what is removed',
    },
    ...commentOption,
    ...connectionOptions,
  },
  details: [
    'Exit codes: 0 success (with --detailed-exitcode: Secoda matches the tracking plan); 1 error, invalid plan, or a change at the --fail-on level; 2 with --detailed-exitcode: Secoda differs, with changes to apply or categories that differ and need a manual step (the API cannot change categories; the plan says "Nothing to apply" and lists them as warnings).',
    '',
    'Every change is classified for compatibility (breaking, warning, safe) with check ids; --fail-on breaking fails on a breaking change, --fail-on warning on a breaking change or a warning. Changes that come from drift (known with --baseline) never fail the run. Set levels per check id in the header file: `compatibility: { enum-value-added: warning }`.',
    '',
    '--baseline compares the plan with its version at a git ref, taken to be what was last applied: a change whose YAML is the same as at the ref comes from Secoda and is marked "drift: changed in Secoda". Use HEAD in a scheduled drift check on main (every change is then drift), and origin/<base branch> in a pull request.',
  ].join('\n'),
});

type PlanArgs = ArgsOf<typeof planSpec>;

/**
 * `tpsync plan`: the plan on stdout (text, JSON or Markdown), in the files asked for, and on
 * GitHub (job summary, outputs, the sticky comment); its exit code says whether Secoda differs
 * (--detailed-exitcode) or a change is at the --fail-on level.
 */
export async function planCommand(args: PlanArgs, io: Io): Promise<number> {
  const json = booleanOption(args, 'json');
  const markdown = booleanOption(args, 'markdown');
  if (json && markdown) throw new UsageError('choose one of --json and --markdown');
  const maxDeletes = integerOption(args, 'max-deletes', DEFAULT_MAX_DELETES);
  const failOn = failOnOption(args);
  const comment = booleanOption(args, 'comment');
  const commentAuthor = stringOption(args, 'comment-author');
  const publishing: PublishOptions = {
    planPath: args.positionals[0] ?? '',
    comment,
    local: booleanOption(args, 'local'),
    notes: [],
    ...(commentAuthor === undefined ? {} : { commentAuthor }),
  };
  let plan: Plan;
  let emptyNote: string | null;
  try {
    ({ plan, emptyNote } = await makePlan(args, io));
  } catch (error) {
    // The sticky comment must not go on showing the last good plan as if it were this commit's.
    if (comment && io.signal?.aborted !== true)
      await (await import('../../github/publish-plan-failure.js')).publishPlanFailure(error, githubRunOf(io), publishing);
    throw error;
  }

  // What is shown or written is the plan with any secret taken out of its values (a token pasted
  // into a description in Secoda); the comment's digests are still those of the real plan.
  const shown = redactedPlan(io, plan);
  const out = stringOption(args, 'out');
  if (out !== undefined) await writeOutputFile(out, renderPlanJson(shown));

  // The guard's causes quote titles: from the plan as shown (secrets out), and escaped in Markdown.
  const note = guardNote(checkDeleteGuard(shown, { maxDeletes, allowDeletes: false }));
  const guardText = note?.text ?? null;
  const markdownNote = note?.markdown ?? null;

  const markdownOut = stringOption(args, 'markdown-out');
  const markdownText =
    markdown || markdownOut !== undefined ? renderPlanMarkdown(shown, { notes: markdownNote ? [markdownNote] : [] }) : '';
  if (markdownOut !== undefined) await writeOutputFile(markdownOut, markdownText);

  if (json) {
    io.stdout.write(renderPlanJson(shown));
    if (guardText) io.stderr.write(`${guardText}\n`);
    if (emptyNote) io.stderr.write(`warning: ${emptyNote}\n`);
  } else if (markdown) {
    io.stdout.write(markdownText);
    if (guardText) io.stderr.write(`${guardText}\n`);
    if (emptyNote) io.stderr.write(`warning: ${emptyNote}\n`);
  } else {
    const style = styleFor(io.stdout, io.env);
    const notes = [...(guardText ? [style.yellow(guardText)] : []), ...(emptyNote ? [style.yellow(`! ${emptyNote}`)] : [])];
    io.stdout.write(renderPlanText(shown, { style, notes }));
    if (out !== undefined)
      io.stdout.write(
        `Saved the plan to ${out}; apply exactly it with \`tpsync apply ${args.positionals[0] ?? ''} --plan-file ${out}\`.\n`,
      );
  }
  if (comment || inGitHubActions(io.env) || (io.env['GITHUB_STEP_SUMMARY'] ?? '') !== '') {
    const { publishPlan } = await import('../../github/publish-plan.js');
    await publishPlan(plan, shown, githubRunOf(io), {
      ...publishing,
      ...(out === undefined ? {} : { planJsonPath: out }),
      ...(markdownOut === undefined ? {} : { planMarkdownPath: markdownOut }),
      notes: markdownNote ? [markdownNote] : [],
    });
  }
  // After every output (plan, --out file, comment, summary): the run fails, but the reviewer sees why.
  const failure = failOn === undefined ? null : failOnReason(plan, failOn);
  if (failure !== null) {
    io.stderr.write(`${styleFor(io.stderr, io.env).red('error:')} ${failure}\n`);
    return 1;
  }
  // Category drift counts: Secoda is out of step even when a manual step is all that can fix it.
  return booleanOption(args, 'detailed-exitcode') && hasDrift(plan) ? 2 : 0;
}

/**
 * Loads the YAML, reads Secoda and builds the plan (classified, and attributed to a baseline when
 * asked); with a note when the integration holds nothing in Secoda (a wrong ID?).
 */
async function makePlan(args: PlanArgs, io: Io): Promise<{ plan: Plan; emptyNote: string | null }> {
  const loaded = await loadPlanOrThrow(args.positionals[0] ?? '', io);
  const baselineRef = stringOption(args, 'baseline');
  // Read before Secoda, so a wrong ref fails fast.
  const baseline =
    baselineRef === undefined
      ? undefined
      : await loadBaselinePlan(
          args.positionals[0] ?? '',
          baselineRef,
          (text) => io.stderr.write(`warning: ${text}\n`),
          yamlParserOption(io.env),
        );
  const connection = await openConnection(args, io, 'plan');
  try {
    // Names (emails, team names, …) become IDs before Secoda's events are read: a name that fails stops here.
    const named = await resolveNamesOrThrow(loaded, connection, io, baseline);
    const trackingPlan = named.trackingPlan;
    const prepared = await readRemoteAndPlan(trackingPlan, connection, io, {
      ...(named.baseline === undefined ? {} : { baseline: named.baseline }),
      names: named.names,
    });
    const emptyNote =
      connection.local || prepared.plan.operations.length === 0
        ? null
        : emptyIntegrationNote(prepared.remote, trackingPlan.integration, connection.baseUrl);
    return { plan: await nameDrift(prepared.plan, connection.client, io), emptyNote };
  } finally {
    await connection.close();
  }
}

function failOnOption(args: PlanArgs): FailOn | undefined {
  const raw = stringOption(args, 'fail-on');
  if (raw === undefined) return undefined;
  const value = raw.trim().toLowerCase();
  if (isFailOn(value)) return value;
  const guess = didYouMean(value, FAIL_ON_LEVELS);
  throw new UsageError(
    `--fail-on must be ${FAIL_ON_LEVELS.join(' or ')}, not "${raw}"`,
    guess !== undefined ? `did you mean --fail-on ${guess}?` : '`breaking` fails on breaking changes, `warning` on warnings too',
  );
}
