/**
 * The GitHub Action's inputs (action.yml), read as the runner hands them to a JavaScript action,
 * and turned into the tpsync command line and environment that the composite action's bash step
 * used to build. The runner sets one variable per input: `INPUT_` and the input's name
 * upper-cased, spaces as `_`, hyphens kept (`INPUT_SECODA-API-TOKEN`), its default applied
 * (actions/runner, src/Runner.Worker/Handlers/NodeScriptActionHandler.cs; @actions/core's
 * getInput reads the same names). A variable that is absent gets action.yml's default here too.
 */
import { join } from 'node:path';
import { appendAll } from '../arrays.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Each input with action.yml's default (a test holds the two together). `github-token`'s default
 * is the expression `${{ github.token }}`, which only the runner can evaluate: without the
 * variable, GITHUB_TOKEN is left as the environment has it.
 */
export const ACTION_INPUT_DEFAULTS = {
  command: '',
  path: 'tracking-plan',
  'secoda-api-url': 'https://api.secoda.co/api/v1',
  'secoda-api-token': '',
  'github-token': undefined,
  concurrency: '4',
  'writes-per-minute': '30',
  'allow-deletes': 'false',
  'require-reviewed-plan': 'true',
  'fail-on': '',
  baseline: '',
  'comment-author': '',
  'review-key': '',
  'detailed-exitcode': 'false',
} as const satisfies Record<string, string | undefined>;

export type ActionInputName = keyof typeof ACTION_INPUT_DEFAULTS;

/** The variable the runner sets for input `name`: `INPUT_SECODA-API-TOKEN` for `secoda-api-token`. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Input `name` as the runner gave it (verbatim, as the composite step read it), else its default. */
export function actionInput(env: Env, name: ActionInputName): string | undefined {
  return env[inputVariable(name)] ?? ACTION_INPUT_DEFAULTS[name];
}

/** What the Action runs: tpsync's arguments, the variables to set first, and what to report after. */
export interface ActionInvocation {
  readonly argv: readonly string[];
  /** SECODA_API_URL, SECODA_API_TOKEN, GITHUB_TOKEN, TPSYNC_COMMENT_AUTHOR, TPSYNC_REVIEW_KEY: set even when empty, as before. */
  readonly env: Readonly<Record<string, string>>;
  /**
   * Exit 2 is reported in `exit-code` and does not fail the step: plan with `detailed-exitcode:
   * true` (Secoda differs), and accept (something was left for a person; the drift issue says what).
   */
  readonly detailedExitcode: boolean;
}

/**
 * The Action's run for these inputs, or the message for a `command` that is not plan, apply,
 * validate or accept. `tempDir` is the runner's RUNNER_TEMP (plan writes its JSON and Markdown there).
 */
export function actionInvocation(env: Env, tempDir: string): { ok: true; run: ActionInvocation } | { ok: false; message: string } {
  const input = (name: ActionInputName) => actionInput(env, name) ?? '';
  const command = input('command');
  const path = input('path');
  const pacing = ['--concurrency', input('concurrency'), '--writes-per-minute', input('writes-per-minute')];
  const baseline = input('baseline') !== '' ? ['--baseline', input('baseline')] : [];
  let argv: string[];
  let detailedExitcode = false;
  if (command === 'plan') {
    detailedExitcode = input('detailed-exitcode') === 'true';
    argv = [
      'plan',
      path,
      '--comment',
      '--out',
      join(tempDir, 'tpsync-plan.json'),
      '--markdown-out',
      join(tempDir, 'tpsync-plan.md'),
      ...pacing,
    ];
    if (input('fail-on') !== '') argv.push('--fail-on', input('fail-on'));
    appendAll(argv, baseline);
    if (detailedExitcode) argv.push('--detailed-exitcode');
  } else if (command === 'apply') {
    // No terminal in CI: the reviewed plan is the approval.
    argv = ['apply', path, '--auto-approve', ...pacing];
    if (input('allow-deletes') === 'true') argv.push('--allow-deletes');
    if (input('require-reviewed-plan') === 'true') argv.push('--require-reviewed-plan');
  } else if (command === 'validate') {
    // No Secoda, no token: the plan's shape and its rules.
    argv = ['validate', path, ...baseline];
  } else if (command === 'accept') {
    // The drift workflow's pull request: Secoda's edits into the YAML, on tpsync's own branch.
    detailedExitcode = true;
    argv = ['accept', path, '--pull-request', '--concurrency', input('concurrency')];
  } else {
    return {
      ok: false,
      message: `tpsync: the command input must be plan, apply, validate or accept, not ${describeCommandInput(command)}`,
    };
  }
  const githubToken = actionInput(env, 'github-token');
  return {
    ok: true,
    run: {
      argv,
      env: {
        SECODA_API_URL: input('secoda-api-url'),
        SECODA_API_TOKEN: input('secoda-api-token'),
        ...(githubToken === undefined ? {} : { GITHUB_TOKEN: githubToken }),
        TPSYNC_COMMENT_AUTHOR: input('comment-author'),
        TPSYNC_REVIEW_KEY: input('review-key'),
      },
      detailedExitcode,
    },
  };
}

/**
 * The refused `command` input as a message may show it: quoted when it is a short word (a typo
 * such as "aply"), else only its length — a token pasted into the wrong input must not be
 * printed, and the action's entry writes before any redaction is set up.
 */
function describeCommandInput(value: string): string {
  if (value === '') return 'empty';
  return /^[A-Za-z][A-Za-z_-]{0,19}$/.test(value) ? `"${value}"` : `a value of ${value.length} characters (not shown: it may be a secret)`;
}
