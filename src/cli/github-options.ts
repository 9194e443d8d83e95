/** The GitHub flags of plan and apply (kept apart so that loading them loads no GitHub client). */
import type { OptionSpec } from './args.js';

export const commentOption: Readonly<Record<string, OptionSpec>> = {
  comment: {
    type: 'boolean',
    description: 'In a GitHub Actions pull_request run, post the plan as one sticky PR comment (updated in place)',
  },
};

export const reviewOptions: Readonly<Record<string, OptionSpec>> = {
  'require-reviewed-plan': {
    type: 'boolean',
    description: "On a push to main: refuse operations the merged pull request's reviewed plan did not show",
  },
  force: { type: 'boolean', description: 'With --require-reviewed-plan: apply even when the plan changed since review' },
};
