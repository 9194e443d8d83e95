/**
 * The plan for a terminal, in the Terraform manner: a symbol per action, field `before → after`.
 * A classified plan also tags each breaking (or warned) operation with what breaks for whom,
 * marks deprecated resources, and counts the verdicts on the summary line.
 */
import { cutQuotedValues } from './quoted-values.js';
import type { Action, Operation, Plan } from '../plan/types.js';
import {
  ACTION_ORDER,
  ACTION_WORD,
  formatChange,
  isNoOp,
  NO_CHANGES,
  operationReason,
  operationTitle,
  pacingLine,
  sharedDefinitionSummary,
  summaryLine,
  SYMBOL,
} from './describe-operation.js';
import { checkLine, compatibilityCounts, deprecationNote, flaggedChecks } from './compatibility-note.js';
import { driftSummary, originNote } from './origin-note.js';
import type { Style } from './style.js';

export interface TextOptions {
  readonly style: Style;
  /** An extra line under the summary, e.g. the delete guard's verdict. */
  readonly notes?: readonly string[];
}

export function renderPlanText(plan: Plan, options: TextOptions): string {
  const { style } = options;
  const colour: Record<Action, (text: string) => string> = {
    create: style.green,
    update: style.yellow,
    replace: style.yellow,
    delete: style.red,
  };
  const lines: string[] = [];

  if (isNoOp(plan)) {
    lines.push(style.green(NO_CHANGES));
  } else {
    const present = ACTION_ORDER.filter((action) => plan.operations.some((op) => op.action === action));
    const legend = present.map((a) => `${colour[a](SYMBOL[a])} ${ACTION_WORD[a]}`);
    if (plan.warnings.length > 0) legend.push(`${style.yellow('!')} warning`);
    lines.push(`tpsync will change Secoda integration ${plan.integration}:`);
    lines.push(`  (${legend.join('   ')})`);
    lines.push('');
    for (const op of plan.operations) lines.push(...operationLines(op, colour, style));
  }

  if (plan.warnings.length > 0) {
    lines.push('');
    for (const warning of plan.warnings) {
      lines.push(`${style.yellow('!')} ${cutQuotedValues(warning.message)}`);
      lines.push(`    ${style.dim('manual step:')} ${cutQuotedValues(warning.hint)}`);
    }
  }

  if (!isNoOp(plan)) {
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

function operationLines(op: Operation, colour: Record<Action, (text: string) => string>, style: Style): string[] {
  const symbol = SYMBOL[op.action].padStart(3);
  const reason = operationReason(op);
  const origin = originNote(op);
  const deprecated = deprecationNote(op);
  const head = `${colour[op.action](symbol)} ${operationTitle(op)}${reason ? style.dim(`  (${reason})`) : ''}${deprecated ? style.dim(`  (${deprecated})`) : ''}${origin ? style.yellow(`  (${origin})`) : ''}`;
  const lines = [head];
  const width = Math.max(0, ...op.changes.map((c) => c.field.length));
  for (const change of op.changes) {
    lines.push(`      ${`${change.field}:`.padEnd(width + 1)} ${formatChange(change, op.action)}`);
  }
  for (const check of flaggedChecks(op)) lines.push(`      ${(check.level === 'breaking' ? style.red : style.yellow)(checkLine(check))}`);
  return lines;
}
