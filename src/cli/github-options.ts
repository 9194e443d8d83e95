/** The GitHub flags of plan and apply (kept apart so that loading them loads no GitHub client). */
import { optionSpecs, type OptionSpec } from './command-spec.js';

/** Who tpsync's comments are written by: the only author whose plan comments count. */
const commentAuthorOption = {
  type: 'string',
  value: 'login',
  description:
    'The GitHub login tpsync comments as (default TPSYNC_COMMENT_AUTHOR, else github-actions[bot]; a GitHub App: <app-slug>[bot]). Only its comments count',
} as const satisfies OptionSpec;

export const commentOption = optionSpecs({
  comment: {
    type: 'boolean',
    description: 'In a GitHub Actions pull_request run, post the plan as one sticky PR comment (updated in place)',
  },
  'comment-author': commentAuthorOption,
});

export const reviewOptions = optionSpecs({
  'require-reviewed-plan': {
    type: 'boolean',
    description: 'On a push to main: refuse operations that no reviewed plan of the pull requests merged since the last applied one showed',
  },
  force: { type: 'boolean', description: 'With --require-reviewed-plan: apply even when the plan changed since review' },
  'comment-author': commentAuthorOption,
});
