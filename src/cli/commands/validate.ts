import type { ArgsOf } from '../args.js';
import { commandSpec } from '../command-spec.js';
import { stringOption } from '../args.js';
import { UsageError } from '../../errors.js';
import { readPlanFilesAtRef } from '../../git/plan-files-at-ref.js';
import { renderIssuesJson, renderIssuesText } from '../../render/issues.js';
import { readPlanFiles } from '../../files/read-plan-files.js';
import { loadPlanWithRules } from '../../rules/load-plan-with-rules.js';
import type { LoadResult } from '../../tracking-plan/load-plan.js';
import { redactorOf, styleFor, type Io } from '../io.js';
import { describePlanSize } from './plan-size.js';
import { reportIssuesToGitHub } from '../github-annotations.js';
import { quote } from '../../render/quoted-values.js';
import { todayUtc } from '../today.js';
import { yamlParserOption } from '../yaml-parser-option.js';

export const validateSpec = commandSpec({
  name: 'validate',
  summary: 'Check a tracking plan (one YAML file or a directory of them) without touching the network.',
  usage: 'tpsync validate <plan> [--format text|json] [--baseline <git-ref>]',
  positionals: ['plan'],
  options: {
    format: { type: 'string', value: 'text|json', description: 'Output for people (text, the default) or for tools (json)' },
    baseline: {
      type: 'string',
      value: 'git-ref',
      description: 'Report rule violations only on what is new or changed since this git ref (adopt a rule without renames)',
    },
  },
  details: [
    "Names are checked for their shape only (an owner is an email address or a user ID): names are checked against Secoda's users, teams, groups, tags and collections by `tpsync plan` (and `apply`), which read them.",
    '',
    'Exit codes: 0 the plan is valid (warnings, e.g. a deprecation sunset that has passed, are printed but do not fail it), 1 it is not (every problem is listed with file:line:column).',
    '',
    "--baseline leaves out the violations of the plan's rules that the plan already had at the ref (the rules are today's, applied to the plan as it was): a pull request is held to the rules for what it adds or changes. Errors that are not rule violations are always reported.",
  ].join('\n'),
});

export async function validateCommand(args: ArgsOf<typeof validateSpec>, io: Io): Promise<number> {
  const format = stringOption(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be "text" or "json", not ${quote(format)}`);
  const planPath = args.positionals[0] ?? '';
  const result = await validatePlan(planPath, stringOption(args, 'baseline'), io);
  // Secrets out before the issues are cut, escaped or annotated (a token pasted into the YAML).
  const issues = redactorOf(io).redactDeep(result.ok ? result.warnings : result.issues);
  if (format === 'json') {
    io.stdout.write(renderIssuesJson(issues));
    return result.ok ? 0 : 1;
  }
  if (issues.length > 0) {
    io.stderr.write(renderIssuesText(issues, styleFor(io.stderr, io.env)));
    await reportIssuesToGitHub(issues, io);
  }
  if (!result.ok) return 1;
  const style = styleFor(io.stdout, io.env);
  const warned = issues.length === 0 ? '' : ` (${issues.length} ${issues.length === 1 ? 'warning' : 'warnings'})`;
  io.stdout.write(`${style.green('✓')} ${planPath} is valid: ${describePlanSize(result.plan)}${warned}.\n`);
  return 0;
}

async function validatePlan(planPath: string, baselineRef: string | undefined, io: Io): Promise<LoadResult> {
  const read = await readPlanFiles(planPath);
  if (!read.ok) return read;
  // Read before loading, so a wrong ref fails fast; a plan that did not exist at the ref has no violations there.
  const baseline = baselineRef === undefined ? undefined : await readPlanFilesAtRef(planPath, baselineRef);
  return loadPlanWithRules(read.files, {
    today: todayUtc(),
    parser: yamlParserOption(io.env),
    ...(baseline === undefined ? {} : { baseline }),
  });
}
