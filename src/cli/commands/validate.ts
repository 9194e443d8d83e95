import type { CommandSpec, ParsedArgs } from '../args.js';
import { stringOption } from '../args.js';
import { UsageError } from '../../errors.js';
import { renderIssuesJson, renderIssuesText } from '../../render/issues.js';
import { readTrackingPlan } from '../../tracking-plan/read-plan-files.js';
import { redactorOf, styleFor, type Io } from '../io.js';
import { describePlanSize } from './plan-size.js';
import { reportIssuesToGitHub } from '../github-annotations.js';
import { quote } from '../../render/quoted-values.js';

export const validateSpec: CommandSpec = {
  name: 'validate',
  summary: 'Check a tracking plan (one YAML file or a directory of them) without touching the network.',
  usage: 'tpsync validate <plan> [--format text|json]',
  positionals: ['plan'],
  options: {
    format: { type: 'string', value: 'text|json', description: 'Output for people (text, the default) or for tools (json)' },
  },
  details: 'Exit codes: 0 the plan is valid, 1 it is not (every problem is listed with file:line:column).',
};

export async function validateCommand(args: ParsedArgs, io: Io): Promise<number> {
  const format = stringOption(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be "text" or "json", not ${quote(format)}`);
  const planPath = args.positionals[0] ?? '';
  const result = await readTrackingPlan(planPath);
  // Secrets out before the issues are cut, escaped or annotated (a token pasted into the YAML).
  const issues = result.ok ? [] : redactorOf(io).redactDeep(result.issues);
  if (format === 'json') {
    io.stdout.write(renderIssuesJson(issues));
    return result.ok ? 0 : 1;
  }
  if (!result.ok) {
    io.stderr.write(renderIssuesText(issues, styleFor(io.stderr, io.env)));
    await reportIssuesToGitHub(issues, io);
    return 1;
  }
  const style = styleFor(io.stdout, io.env);
  io.stdout.write(`${style.green('✓')} ${planPath} is valid: ${describePlanSize(result.plan)}.\n`);
  return 0;
}
