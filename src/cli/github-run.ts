/** What the GitHub code of a run is given of it (src/github/github-run.ts), from the command's streams. */
import type { GitHubRun } from '../github/github-run.js';
import { redactorOf, workflowCommandsOf, type Io } from './io.js';
import { version } from './version.js';

/** The run's GitHub side: its environment and redactor, stderr for its lines, the workflow-command sink. */
export function githubRunOf(io: Io): GitHubRun {
  return {
    env: io.env,
    redactor: redactorOf(io),
    version,
    stderr: (text) => void io.stderr.write(text),
    workflowCommands: workflowCommandsOf(io),
    ...(io.spaceGitHubWrites === undefined ? {} : { spaceWrites: io.spaceGitHubWrites }),
  };
}
