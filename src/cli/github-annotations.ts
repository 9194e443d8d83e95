/** In GitHub Actions, an invalid plan is also shown on the YAML (annotations) and in the job summary. */
import { inGitHubActions } from '../github/github-context.js';
import type { Issue } from '../errors.js';
import { redactorOf, workflowCommandsOf, type Io } from './io.js';

export async function reportIssuesToGitHub(issues: readonly Issue[], io: Io): Promise<void> {
  if (!inGitHubActions(io.env)) return;
  const { annotateIssues, appendJobSummary, hasJobSummary, issuesMarkdown } = await import('../github/actions-toolkit.js');
  // Annotations are workflow commands: they go to their own sink (stderr on a runner), never to stdout.
  annotateIssues(issues, workflowCommandsOf(io), redactorOf(io));
  if (hasJobSummary(io.env)) await appendJobSummary(issuesMarkdown(issues), redactorOf(io));
}
