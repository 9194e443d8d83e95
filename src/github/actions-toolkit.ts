/**
 * The GitHub Actions side of a run: the job summary (≤ 1 MiB) and step outputs through
 * @actions/core (both are files the runner gives), and error annotations on the YAML (GitHub
 * shows 10 per step; the rest go to the summary) as workflow commands sent to a CommandSink —
 * stderr on a runner, never stdout (see workflow-commands.ts). Every text is redacted first.
 */
import * as core from '@actions/core';
import type { Plan } from '../plan/types.js';
import type { Redactor } from '../redaction/redactor.js';
import { codeSpan, escapeCell } from '../render/markdown-text.js';
import { cutQuotedValues } from '../render/quoted-values.js';
import type { Issue } from '../errors.js';
import { annotationCommand, type CommandSink } from './workflow-commands.js';
import { appendAll } from '../arrays.js';

/** GitHub's limit for one step's summary. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;
/** GitHub displays at most this many error annotations per step. */
export const ANNOTATION_LIMIT = 10;

export function hasJobSummary(env: Readonly<Record<string, string | undefined>>): boolean {
  return (env['GITHUB_STEP_SUMMARY'] ?? '') !== '';
}

/** Appends Markdown to the job summary, secrets taken out, cut to fit GitHub's limit. */
export async function appendJobSummary(markdown: string, redactor: Redactor): Promise<void> {
  let text = redactor.redact(markdown);
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
export function annotateIssues(issues: readonly Issue[], sink: CommandSink, redactor: Redactor): Issue[] {
  const left: Issue[] = [];
  for (const level of ['error', 'warning'] as const) {
    const ofLevel = issues.filter((issue) => (issue.level ?? 'error') === level);
    ofLevel.slice(0, ANNOTATION_LIMIT).forEach((issue) => {
      const text = `${issue.message}${issue.rule === undefined ? '' : ` [${issue.rule}]`}`;
      const message = cutQuotedValues(issue.hint ? `${text} (hint: ${issue.hint})` : text);
      sink(
        annotationCommand(level, redactor.redact(message), {
          title: level === 'error' ? 'tpsync: invalid tracking plan' : 'tpsync: tracking-plan warning',
          file: redactor.redact(issue.file),
          ...(issue.line > 0 ? { line: issue.line, col: issue.column } : {}),
        }),
      );
    });
    appendAll(left, ofLevel.slice(ANNOTATION_LIMIT));
  }
  return left;
}

/** A warning annotation (a line in the run's log and on its summary page). */
export function warningAnnotation(message: string, sink: CommandSink, redactor: Redactor): void {
  sink(annotationCommand('warning', redactor.redact(message)));
}

/** Every issue as a table for the job summary (annotations show only the first ten). */
export function issuesMarkdown(issues: readonly Issue[]): string {
  const rows = issues.map(
    (i) =>
      `| ${codeSpan(`${i.file}${i.line > 0 ? `:${i.line}:${i.column}` : ''}`)} | ${i.level === 'warning' ? 'warning: ' : ''}${escapeCell(cutQuotedValues(i.message))}${i.rule === undefined ? '' : ` \`[${i.rule}]\``} | ${escapeCell(cutQuotedValues(i.hint ?? ''))} |`,
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

/** Step outputs by name, written to the GITHUB_OUTPUT file (the caller checks that it is set). */
export function setStepOutputs(outputs: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
}

/** The step outputs, written to the GITHUB_OUTPUT file (the caller checks that it is set). */
export function setPlanOutputs(plan: Plan, planJsonPath: string | undefined, redactor: Redactor, planMarkdownPath?: string): void {
  core.setOutput('has-changes', plan.operations.length > 0 ? 'true' : 'false');
  core.setOutput('create-count', plan.summary.create);
  core.setOutput('update-count', plan.summary.update);
  core.setOutput('replace-count', plan.summary.replace);
  core.setOutput('delete-count', plan.summary.delete);
  if (planJsonPath !== undefined) core.setOutput('plan-json', redactor.redact(planJsonPath));
  if (planMarkdownPath !== undefined) core.setOutput('plan-markdown', redactor.redact(planMarkdownPath));
}
