/**
 * The GitHub Actions side of a run, through @actions/core: the job summary (≤ 1 MiB), error
 * annotations on the YAML (GitHub shows 10 per step; the rest go to the summary), step
 * outputs, and masking.
 */
import * as core from '@actions/core';
import type { Plan } from '../plan/types.js';
import type { Issue } from '../tracking-plan/issue.js';

/** GitHub's limit for one step's summary. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;
/** GitHub displays at most this many error annotations per step. */
export const ANNOTATION_LIMIT = 10;

export function hasJobSummary(env: Readonly<Record<string, string | undefined>>): boolean {
  return (env['GITHUB_STEP_SUMMARY'] ?? '') !== '';
}

/** Appends Markdown to the job summary, cut to fit GitHub's limit. */
export async function appendJobSummary(markdown: string): Promise<void> {
  let text = markdown;
  if (Buffer.byteLength(text, 'utf8') > SUMMARY_LIMIT_BYTES) {
    const note = "\n\n> [!NOTE]\n> The summary was cut to stay within GitHub's 1 MiB limit.\n";
    const room = SUMMARY_LIMIT_BYTES - Buffer.byteLength(note, 'utf8') - 16;
    text =
      Buffer.from(text, 'utf8')
        .subarray(0, room)
        .toString('utf8')
        .replace(/\uFFFD$/, '') + note;
  }
  await core.summary.addRaw(text, true).write();
}

/**
 * Annotates the first issues on their file and line, errors as errors and warnings as warnings
 * (GitHub shows up to ten of each per step); returns the ones left for the summary.
 */
export function annotateIssues(issues: readonly Issue[]): Issue[] {
  const left: Issue[] = [];
  for (const level of ['error', 'warning'] as const) {
    const ofLevel = issues.filter((issue) => (issue.level ?? 'error') === level);
    ofLevel.slice(0, ANNOTATION_LIMIT).forEach((issue) => {
      const text = `${issue.message}${issue.rule === undefined ? '' : ` [${issue.rule}]`}`;
      (level === 'error' ? core.error : core.warning)(issue.hint ? `${text} (hint: ${issue.hint})` : text, {
        title: level === 'error' ? 'tpsync: invalid tracking plan' : 'tpsync: tracking-plan warning',
        file: issue.file,
        ...(issue.line > 0 ? { startLine: issue.line, startColumn: issue.column } : {}),
      });
    });
    left.push(...ofLevel.slice(ANNOTATION_LIMIT));
  }
  return left;
}

/** Every issue as a table for the job summary (annotations show only the first ten). */
export function issuesMarkdown(issues: readonly Issue[]): string {
  const rows = issues.map(
    (i) =>
      `| \`${i.file}${i.line > 0 ? `:${i.line}:${i.column}` : ''}\` | ${i.level === 'warning' ? 'warning: ' : ''}${escapeCell(i.message)}${i.rule === undefined ? '' : ` \`[${i.rule}]\``} | ${escapeCell(i.hint ?? '')} |`,
  );
  const errors = issues.filter((i) => i.level !== 'warning').length;
  const more =
    issues.length > ANNOTATION_LIMIT
      ? `\nThe first ${ANNOTATION_LIMIT} are annotated on the files; all ${issues.length} are listed here.\n`
      : '';
  return [
    errors > 0
      ? `### tpsync: the tracking plan is invalid (${issues.length} ${issues.length === 1 ? 'problem' : 'problems'})`
      : `### tpsync: ${issues.length} ${issues.length === 1 ? 'warning' : 'warnings'} in the tracking plan`,
    more,
    '| Where | Problem | Hint |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

export function setPlanOutputs(plan: Plan, planJsonPath: string | undefined): void {
  core.setOutput('has-changes', plan.operations.length > 0 ? 'true' : 'false');
  core.setOutput('create-count', plan.summary.create);
  core.setOutput('update-count', plan.summary.update);
  core.setOutput('replace-count', plan.summary.replace);
  core.setOutput('delete-count', plan.summary.delete);
  if (planJsonPath !== undefined) core.setOutput('plan-json', planJsonPath);
}

/**
 * Asks the runner to mask the tokens in the log. `::add-mask::` carries the secret itself on
 * stdout (the runner consumes the line), so it is sent only on a real runner — never where
 * stdout is an ordinary log or a test's capture. Secrets passed as `${{ secrets.… }}` are
 * masked by GitHub anyway; this covers tokens that reach the step some other way.
 */
export function maskSecrets(env: Readonly<Record<string, string | undefined>>, ...secrets: (string | undefined)[]): void {
  if (env['GITHUB_ACTIONS'] !== 'true' || !env['RUNNER_NAME']) return;
  for (const secret of secrets) if (secret) core.setSecret(secret);
}

export function warn(message: string): void {
  core.warning(message);
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
