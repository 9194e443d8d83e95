/** In GitHub Actions, an invalid plan is also shown on the YAML (annotations) and in the job summary. */
import { inGitHubActions } from '../github/github-context.js';
import type { Issue } from '../tracking-plan/issue.js';
import type { Io } from './io.js';

export async function reportIssuesToGitHub(
  issues: readonly Issue[],
  io: Io,
  options: { annotate: boolean } = { annotate: true },
): Promise<void> {
  if (!inGitHubActions(io.env)) return;
  const { annotateIssues, appendJobSummary, hasJobSummary, issuesMarkdown } = await import('../github/actions-toolkit.js');
  // Annotations are workflow commands on stdout: not when stdout carries a document.
  if (options.annotate) annotateIssues(issues);
  if (hasJobSummary(io.env)) await appendJobSummary(issuesMarkdown(issues));
}
