/**
 * The plan for a terminal, in the Terraform manner: a symbol per action, field `before → after`,
 * a diff for long or multi-line text. A replaced or deleted event is shown with its properties
 * under it. Replaces are red, as deletes are: both destroy. The plan ends with a recap of what it
 * destroys, then the summary. A classified plan also tags each breaking (or warned) operation
 * with what breaks for whom, marks deprecated resources, and counts the verdicts on the summary line.
 */
import { cutQuotedValues } from './quoted-values.js';
import type { Action, Operation, Plan } from '../plan/types.js';
import { ACTION_ORDER, ACTION_WORD, describeChange, operationReason, operationTitle, SYMBOL } from './describe-operation.js';
import { emptyPlanHeadline, isNoOp, pacingLine, sharedDefinitionSummary, summaryLine } from './plan-summary-text.js';
import { plural } from './plural.js';
import { checkLine, compatibilityCounts, deprecationNote, flaggedChecks } from './compatibility-note.js';
import { localChangesText } from './local-changes-text.js';
import { groupOperations, type OperationGroup } from './operation-groups.js';
import { driftSummary, originNote } from './origin-note.js';
import type { Style } from '../style.js';
import type { DiffLine } from './text-diff.js';
import { withReferenceNames } from './reference-names.js';
import { appendAll, largest } from '../arrays.js';

export interface TextOptions {
  readonly style: Style;
  /** An extra line under the summary, e.g. the delete guard's verdict. */
  readonly notes?: readonly string[];
}

/** Lines of the recap of destructive changes; the rest are counted (they are all listed above it). */
const MAX_RECAP_LINES = 30;

type Colours = Record<Action, (text: string) => string>;

export function renderPlanText(given: Plan, options: TextOptions): string {
  // IDs shown by name (an owner's email, a tag's name): see reference-names.ts.
  const plan = withReferenceNames(given);
  const { style } = options;
  const colour: Colours = {
    create: style.green,
    update: style.yellow,
    replace: style.red,
    delete: style.red,
  };
  const lines: string[] = [];
  const groups = groupOperations(plan.operations);

  if (isNoOp(plan)) {
    const headline = emptyPlanHeadline(plan);
    lines.push(plan.warnings.length === 0 ? style.green(headline) : style.yellow(headline));
  } else {
    const present = ACTION_ORDER.filter((action) => plan.operations.some((op) => op.action === action));
    const legend = present.map((a) => `${colour[a](SYMBOL[a])} ${ACTION_WORD[a]}`);
    if (plan.warnings.length > 0) legend.push(`${style.yellow('!')} warning`);
    lines.push(`tpsync will change Secoda integration ${plan.integration}:`);
    lines.push(`  (${legend.join('   ')})`);
    lines.push('');
    for (const group of groups) {
      appendAll(lines, operationLines(group.head, '', colour, style));
      for (const member of group.members) appendAll(lines, operationLines(member, '    ', colour, style));
    }
  }

  if (plan.warnings.length > 0) {
    lines.push('');
    for (const warning of plan.warnings) {
      lines.push(`${style.yellow('!')} ${cutQuotedValues(warning.message)}`);
      lines.push(`    ${style.dim('manual step:')} ${cutQuotedValues(warning.hint)}`);
    }
  }

  appendAll(lines, localChangesText(plan, style));

  if (!isNoOp(plan)) {
    appendAll(lines, recap(plan, groups, colour, style));
    lines.push('');
    const counts = compatibilityCounts(plan);
    lines.push(`${style.bold(summaryLine(plan))}${counts === null ? '' : ` ${counts}`}`);
    const pacing = pacingLine(plan);
    if (pacing) lines.push(pacing);
    const drift = driftSummary(plan);
    if (drift) lines.push(drift);
    const shared = sharedDefinitionSummary(plan);
    if (shared) lines.push(shared);
  }
  for (const note of options.notes ?? []) lines.push(note);
  return lines.join('\n') + '\n';
}

function headLine(op: Operation, colour: Colours, style: Style): string {
  const symbol = SYMBOL[op.action].padStart(3);
  const reason = operationReason(op);
  const origin = originNote(op);
  const deprecated = deprecationNote(op);
  return `${colour[op.action](symbol)} ${operationTitle(op)}${reason ? style.dim(`  (${reason})`) : ''}${deprecated ? style.dim(`  (${deprecated})`) : ''}${origin ? style.yellow(`  (${origin})`) : ''}`;
}

function operationLines(op: Operation, indent: string, colour: Colours, style: Style): string[] {
  const lines = [`${indent}${headLine(op, colour, style)}`];
  const width = largest(
    op.changes.map((c) => c.field.length),
    0,
  );
  const pad = `${indent}      `;
  for (const change of op.changes) {
    const label = `${change.field}:`.padEnd(width + 1);
    const shown = describeChange(change, op.action);
    if ('inline' in shown) {
      lines.push(`${pad}${label} ${shown.inline}`);
      continue;
    }
    lines.push(`${pad}${label} ${style.dim(shown.header)}`);
    for (const line of shown.diff.lines)
      lines.push(line.kind === 'context' && line.text === '' ? '' : `${pad}  ${diffLineText(line, style)}`);
  }
  for (const check of flaggedChecks(op)) lines.push(`${pad}${(check.level === 'breaking' ? style.red : style.yellow)(checkLine(check))}`);
  return lines;
}

function diffLineText(line: DiffLine, style: Style): string {
  switch (line.kind) {
    case 'removed':
      return style.red(`- ${line.text}`);
    case 'added':
      return style.green(`+ ${line.text}`);
    case 'context':
      return `  ${line.text}`;
    case 'gap':
      return style.dim(`  ${line.text}`);
  }
}

/** "Destructive changes (8):" and a line per replaced or deleted resource (an event with its properties). */
function recap(plan: Plan, groups: readonly OperationGroup[], colour: Colours, style: Style): string[] {
  const destroys = (op: Operation) => op.action === 'delete' || op.action === 'replace';
  const count = plan.operations.filter(destroys).length;
  if (count === 0) return [];
  const lines: string[] = [];
  for (const group of groups) {
    const destroyed = group.members.filter(destroys).length;
    if (!destroys(group.head)) continue;
    const withMembers = destroyed === 0 ? '' : style.dim(`  (with its ${plural(destroyed, 'property', 'properties')})`);
    lines.push(`  ${headLine(group.head, colour, style)}${withMembers}`);
  }
  const shown = lines.length > MAX_RECAP_LINES ? lines.slice(0, MAX_RECAP_LINES - 1) : lines;
  const more = lines.length - shown.length;
  return [
    '',
    style.bold(`Destructive changes (${count}):`),
    ...shown,
    ...(more > 0 ? [style.dim(`  … and ${more} more, listed above`)] : []),
  ];
}
