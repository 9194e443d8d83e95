/**
 * An apply's outcome in words (src/apply/apply-workflow.ts decides it): the summary of the
 * writes, what to do after an interrupt or a failure, the verification, and the delete guard's
 * refusal.
 */
import type { WritesOutcome } from '../apply/apply-workflow.js';
import type { ExecuteResult } from '../apply/execute-plan.js';
import { UsageError } from '../errors.js';
import type { GuardVerdict } from '../plan/delete-guard.js';
import type { Plan } from '../plan/types.js';
import { guardCauseLines, guardTripText } from '../render/delete-guard-text.js';
import { pathText } from '../render/describe-operation.js';
import { NO_CHANGES } from '../render/plan-summary-text.js';
import { renderPlanText } from '../render/plan-text.js';
import type { Style } from '../style.js';

/** "Apply finished: 12 done, 1 failed, 3 skipped." and a line per failure. */
export function summaryText(result: ExecuteResult, style: Style): string {
  const { done, failed, skipped } = result.counts;
  const notStarted = result.counts['not-started'];
  const parts = [style.green(`${done} done`), failed > 0 ? style.red(`${failed} failed`) : `${failed} failed`, `${skipped} skipped`];
  if (notStarted > 0) parts.push(`${notStarted} not started`);
  const lines = [`\nApply ${result.interrupted ? 'stopped' : 'finished'}: ${parts.join(', ')}.`];
  for (const step of result.steps) {
    if (step.status === 'failed')
      lines.push(
        `  ${style.red('✗')} ${step.operation.action} ${step.operation.kind} ${pathText(step.operation.path)}: ${step.detail ?? ''}`,
      );
  }
  return lines.join('\n') + '\n';
}

/**
 * How the writes ended, after their summary: what to run next, or the verification's result
 * (`shown` gives the verification plan as it may be shown: secrets out of its values).
 */
export function writesOutcomeText(outcome: WritesOutcome, style: Style, shown: (plan: Plan) => Plan): string {
  switch (outcome.kind) {
    case 'interrupted':
      return `Interrupted. Run the same apply again to finish: it plans from what Secoda holds now.\n`;
    case 'failed':
      return failureAdvice(outcome.result);
    case 'verify-interrupted':
      return 'Interrupted while verifying. Run the same apply again to check that Secoda matches.\n';
    case 'verified': {
      let text = `${style.green('✓')} Verified: ${NO_CHANGES.replace('No changes. ', '')}\n`;
      // A duplicate category (two runs at once) cannot be deleted by the API: say so now, not only in the next plan.
      for (const warning of outcome.verification.warnings.filter((w) => w.code === 'category-duplicate'))
        text += `${style.yellow('!')} ${warning.message}\n    ${style.dim('manual step:')} ${warning.hint}\n`;
      return text;
    }
    case 'residue': {
      const { residue } = outcome;
      let text = `${style.red('✗')} Verification failed: Secoda still differs from the tracking plan after apply:\n\n`;
      text += renderPlanText(shown(outcome.verification), { style });
      if (residue.normalised.length > 0) {
        text += `\nSecoda stored these fields differently from what tpsync wrote, so applying again would not change them:\n`;
        for (const line of residue.normalised) text += `  - ${line}\n`;
        text += `  Write them in the YAML the way Secoda stores them.\n`;
      }
      for (const line of residue.lost) text += `  - ${line}\n`;
      if (residue.duplicates > 0) {
        text += `\n${residue.duplicates} surplus ${residue.duplicates === 1 ? 'copy was' : 'copies were'} created by another run at the same time. Run apply again to delete ${residue.duplicates === 1 ? 'it' : 'them'} (duplicates do not count against --max-deletes).\n`;
      }
      return text;
    }
  }
}

/** After failed writes: whether running apply again can help (not for what Secoda refused as invalid). */
function failureAdvice(result: ExecuteResult): string {
  const failed = result.counts.failed;
  const refused = result.steps.filter((step) => step.status === 'failed' && step.refused === true).length;
  let text = '';
  if (refused > 0) {
    const which =
      refused === failed ? (refused === 1 ? 'the failed change' : `all ${refused} failed changes`) : `${refused} of the failed changes`;
    text += `Secoda refused ${which} as invalid (400): running apply again will not help. Change the fields Secoda names above in the tracking plan, then apply again.\n`;
  }
  if (refused < failed)
    text += `${refused > 0 ? 'The other failures' : 'Some changes failed'}: run the same apply again, it retries what is left and never duplicates what was done.\n`;
  return text;
}

/** The guard's refusal: what is destroyed, by cause, and what to do. */
export function guardRefusal(guard: GuardVerdict): UsageError {
  const causes = guardCauseLines(guard)
    .map((cause) => `\n    - ${cause}`)
    .join('');
  return new UsageError(
    `refused: ${guardTripText(guard) ?? ''}:${causes}`,
    guard.notInPlan
      ? 'check that the plan path is right and nothing was left out; if the destruction is intended, add --allow-deletes (or raise --max-deletes)'
      : 'if the destruction is intended, add --allow-deletes (or raise --max-deletes)',
  );
}
