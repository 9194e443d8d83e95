/**
 * An apply, from the fresh plan to its outcome: the saved plan (`--plan-file`) must be exactly the
 * fresh one; the reviewed-plan gate (on a merge) must accept it; the delete guard must let it
 * through; a person must approve it when one is asked; then it runs, and a fresh plan must show
 * nothing left. Along the way the reviewed plans' comments are told how it goes (applying →
 * applied / failed / refused / interrupted).
 *
 * Plain data in (the plans and the options), an outcome out; everything that reaches the world —
 * Secoda, GitHub, the terminal, the signals — is a port the caller passes. The caller turns the
 * outcome into text and an exit code.
 */
import type { GuardVerdict } from '../plan/delete-guard.js';
import { checkDeleteGuard } from '../plan/delete-guard.js';
import type { Plan } from '../plan/types.js';
import { plural } from '../render/plural.js';
import type { RetryNotice } from '../secoda/retry-loop.js';
import type { SecodaPort } from '../secoda/port.js';
import { DEFAULT_CATEGORY_STAGGER_MS, executePlan, type ExecuteResult, type StepResult } from './execute-plan.js';
import { explainResidue, type ResidueExplanation } from './explain-residue.js';
import { checkSavedPlan } from './saved-plan.js';

/** How long, at most, a paced run waits at random before creating its categories (see executePlan). */
const PACED_CATEGORY_STAGGER_MS = 5_000;

/** What the reviewed plans' comments say of the apply. */
export type ReviewStatus = 'applying' | 'applied' | 'failed' | 'refused' | 'interrupted';

/** Sets the status (and a line of detail) on every reviewed plan comment the apply carries. */
export type SetReviewStatus = (status: ReviewStatus, detail?: string) => Promise<void>;

/**
 * The reviewed-plan gate's answer for the fresh plan (src/github decides it; the caller adapts
 * it). `R` is the refusal, handed back in the outcome for the caller to word.
 */
export type ReviewAnswer<R> =
  | { readonly accepted: true; readonly setStatus?: SetReviewStatus }
  | {
      readonly accepted: false;
      readonly refusal: R;
      readonly setStatus?: SetReviewStatus;
      /** The comments are marked refused with this detail; absent: they are left as they are. */
      readonly refusedDetail?: string;
    };

/** A person's answer to "apply these changes?". */
export type Approval = 'approved' | 'declined' | 'interrupted';

/** When the plan is shown: before a refusal by the delete guard, with nothing to apply, or before it is applied. */
export type ShowMoment = 'refused' | 'unchanged' | 'to-apply';

/** The plain data an apply starts from. */
export interface ApplyWorkflowInput {
  /** The plan made now from the YAML and what Secoda holds: the only plan that ever runs. */
  readonly fresh: Plan;
  /** A parsed `plan --out` file (`--plan-file`): the fresh plan runs only if its operations are exactly the file's. */
  readonly saved?: unknown;
  readonly maxDeletes: number;
  readonly allowDeletes: boolean;
  /** A sandbox (`--local`): nobody is asked. */
  readonly local: boolean;
  /** `--auto-approve`: nobody is asked. */
  readonly autoApprove: boolean;
  /** Whether writes are paced: a category's look-up then waits for its write slot, so runs are staggered by more. */
  readonly paced: boolean;
  /** Aborted by an interrupt: no new request starts, and the outcome says so. */
  readonly signal?: AbortSignal;
}

/** Watches the steps as they run; `finish` is called once they have all settled. */
export interface StepWatch {
  onStep(step: StepResult): void;
  finish(): void;
}

/** Everything the workflow reaches the world through, passed in by the caller. */
export interface ApplyWorkflowPorts<R> {
  /** Where the writes go. */
  readonly client: SecodaPort;
  /** The reviewed-plan gate, when the run requires a reviewed plan. */
  readonly review?: (plan: Plan) => Promise<ReviewAnswer<R>>;
  /** From here on a signal winds the run down (writes in flight finish) instead of ending it at once. */
  readonly holdSignals: () => void;
  readonly showPlan: (plan: Plan, moment: ShowMoment) => void;
  /** Asks a person; called only when one must be asked (not --local, --auto-approve or --plan-file). */
  readonly approve: (plan: Plan) => Promise<Approval>;
  /** Called as the writes start. */
  readonly watch: (plan: Plan) => StepWatch;
  /** Told before a create whose outcome was unknown, and that is not in Secoda, is sent again. */
  readonly onCreateRetry?: (notice: RetryNotice) => void;
  /** Told once every step has settled, before anything else is done. */
  readonly executed: (result: ExecuteResult) => void;
  /** A fresh plan after the apply, to verify that nothing is left. */
  readonly replan: () => Promise<Plan>;
  /** Told how the writes ended (and the verification after them) before the comments are, and before it is returned. */
  readonly concluded: (outcome: WritesOutcome) => void;
}

/** How an apply ended, for the caller to word and to map to an exit code; `R` is the review gate's refusal. */
export type ApplyOutcome<R> =
  /** The saved plan is not the fresh one: nothing ran. */
  | { readonly kind: 'saved-plan-mismatch'; readonly reason: string; readonly hint: string }
  | { readonly kind: 'review-refused'; readonly refusal: R; readonly plan: Plan }
  | { readonly kind: 'guard-refused'; readonly guard: GuardVerdict }
  /** Secoda matches already. */
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'declined' }
  | { readonly kind: 'approval-interrupted' }
  /** Stopped by a signal while the writes ran; a re-run finishes. */
  | { readonly kind: 'interrupted'; readonly result: ExecuteResult }
  | { readonly kind: 'failed'; readonly result: ExecuteResult }
  /** Every write was made; the verification was cut short. */
  | { readonly kind: 'verify-interrupted'; readonly result: ExecuteResult }
  | { readonly kind: 'verified'; readonly result: ExecuteResult; readonly verification: Plan }
  /** Secoda still differs after the apply: what is left, and why when it can be told. */
  | {
      readonly kind: 'residue';
      readonly result: ExecuteResult;
      readonly verification: Plan;
      readonly residue: ResidueExplanation;
    };

/** The outcomes of a run that wrote to Secoda. */
export type WritesOutcome = Extract<ApplyOutcome<never>, { readonly result: ExecuteResult }>;

/**
 * Runs the apply of `input.fresh` through its checks, its writes and its verification.
 * @throws what a port throws (a GitHub or Secoda error), except a verification cut short by the signal.
 */
export async function runApplyWorkflow<R>(input: ApplyWorkflowInput, ports: ApplyWorkflowPorts<R>): Promise<ApplyOutcome<R>> {
  let plan = input.fresh;
  if (input.saved !== undefined) {
    const check = checkSavedPlan(input.saved, plan);
    if (!check.ok) return { kind: 'saved-plan-mismatch', reason: check.reason, hint: check.hint };
    plan = check.plan;
  }
  const review = ports.review === undefined ? undefined : await ports.review(plan);
  const setStatus: SetReviewStatus = review?.setStatus ?? (() => Promise.resolve());
  if (review !== undefined && !review.accepted) {
    if (review.refusedDetail !== undefined) await setStatus('refused', review.refusedDetail);
    return { kind: 'review-refused', refusal: review.refusal, plan };
  }

  ports.holdSignals();
  const guard = checkDeleteGuard(plan, { maxDeletes: input.maxDeletes, allowDeletes: input.allowDeletes });
  if (guard.refused) {
    await setStatus('refused', 'The delete guard stopped it; see the run.');
    ports.showPlan(plan, 'refused');
    return { kind: 'guard-refused', guard };
  }
  if (plan.operations.length === 0) {
    ports.showPlan(plan, 'unchanged');
    await setStatus('applied', 'Nothing was left to change.');
    return { kind: 'unchanged' };
  }
  ports.showPlan(plan, 'to-apply');
  if (!input.local && !input.autoApprove && input.saved === undefined) {
    const approval = await ports.approve(plan);
    if (approval !== 'approved') return { kind: approval === 'interrupted' ? 'approval-interrupted' : 'declined' };
  }
  await setStatus('applying');

  const result = await execute(plan, input, ports);
  // Said first, then the comments: an update that fails or hangs never hides how the apply ended.
  const conclude = async (outcome: WritesOutcome, status: ReviewStatus, detail: string): Promise<WritesOutcome> => {
    ports.concluded(outcome);
    await setStatus(status, detail);
    return outcome;
  };
  const changes = plural(plan.operations.length, 'change');
  if (result.interrupted)
    return conclude(
      { kind: 'interrupted', result },
      'interrupted',
      `Stopped after ${result.counts.done} of ${changes}; re-run the apply workflow to finish.`,
    );
  if (result.counts.failed > 0) return conclude({ kind: 'failed', result }, 'failed', `${result.counts.failed} of ${changes} failed.`);
  let verification: Plan;
  try {
    verification = await ports.replan();
  } catch (error) {
    if (input.signal?.aborted !== true) throw error;
    return conclude(
      { kind: 'verify-interrupted', result },
      'interrupted',
      'Every change was made; the check after it was interrupted. Re-run the apply workflow to verify.',
    );
  }
  if (verification.operations.length === 0) return conclude({ kind: 'verified', result, verification }, 'applied', '');
  const residue = explainResidue(result.steps, verification);
  return conclude({ kind: 'residue', result, verification, residue }, 'failed', 'Secoda still differs after the apply.');
}

/** The writes, in dependency order, watched step by step; the watch is finished whatever happens. */
async function execute<R>(plan: Plan, input: ApplyWorkflowInput, ports: ApplyWorkflowPorts<R>): Promise<ExecuteResult> {
  const watch = ports.watch(plan);
  let result: ExecuteResult;
  try {
    result = await executePlan(plan.operations, ports.client, {
      integration: plan.integration,
      ...(input.signal ? { signal: input.signal } : {}),
      // Paced, a category's look-up waits for its write slot: stagger runs by more than a slot.
      categoryStaggerMs: input.paced ? PACED_CATEGORY_STAGGER_MS : DEFAULT_CATEGORY_STAGGER_MS,
      onStep: (step) => watch.onStep(step),
      ...(ports.onCreateRetry ? { onRetry: ports.onCreateRetry } : {}),
    });
  } finally {
    watch.finish();
  }
  ports.executed(result);
  return result;
}
