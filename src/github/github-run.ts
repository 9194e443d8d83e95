/**
 * What the GitHub code of a run (the plan comment, the job summary, the reviewed-plan gate) is
 * given of the run: its environment, its redactor, tpsync's version, and where its lines and
 * workflow commands go. The command line makes it from its streams (src/cli/github-run.ts).
 */
import type { Redactor } from '../redaction/redactor.js';
import { warningAnnotation } from './actions-toolkit.js';
import { inGitHubActions } from './github-context.js';
import type { FoundComment } from './pull-request-comment.js';
import type { CommandSink } from './workflow-commands.js';

/** The run, as the GitHub code sees it. */
export interface GitHubRun {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Takes the secrets out of every text that leaves for GitHub. */
  readonly redactor: Redactor;
  /** tpsync's version: in the comment's footer and the requests' user agent. */
  readonly version: string;
  /** Writes text (whole lines) on stderr. */
  readonly stderr: (text: string) => void;
  /** Where workflow commands (annotations) go: stderr on a runner, never stdout. */
  readonly workflowCommands: CommandSink;
  /**
   * Whether writes to GitHub are a second apart, as GitHub asks of a client (octokit's
   * throttling); absent means yes. Octokit keeps that spacing once per process, shared by every
   * client in it: a test that runs many commands in one process turns it off, or each run would
   * wait on the writes of the runs before it.
   */
  readonly spaceWrites?: boolean;
}

/** A warning on stderr and, on a runner, as an annotation. */
export function warn(run: GitHubRun, message: string): void {
  run.stderr(`warning: ${message}\n`);
  if (inGitHubActions(run.env)) warningAnnotation(message, run.workflowCommands, run.redactor);
}

/** "ignored a comment by @mallory (https://…) that imitate…": who imitated tpsync's comment, and where. */
export function describeForeign(comments: readonly FoundComment[], author: string): string {
  const list = comments.map((c) => `${c.author}${c.url ? ` (${c.url})` : ` (comment ${c.id})`}`).join(', ');
  return `ignored ${comments.length === 1 ? 'a comment' : `${comments.length} comments`} by ${list} that imitate tpsync's plan comment: only comments by ${author} count, and they are never edited`;
}

/** The user agent of tpsync's requests to GitHub. */
export function userAgentOf(run: GitHubRun): string {
  return `tpsync/${run.version}`;
}
