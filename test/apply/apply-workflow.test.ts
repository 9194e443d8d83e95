/**
 * The apply workflow in process (issue 22: the workflow is a function of the plans and its
 * ports): the order of its steps, what it asks and when, the status it gives the reviewed
 * comments, and its outcome — against the emulator's store through StorePort, with every port
 * recorded.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  runApplyWorkflow,
  type ApplyWorkflowInput,
  type ApplyWorkflowPorts,
  type Approval,
  type ReviewAnswer,
} from '../../src/apply/apply-workflow.js';
import { Store } from '../../src/emulator/store.js';
import { StorePort } from '../../src/emulator/store-port.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { Plan } from '../../src/plan/types.js';
import { SecodaBadRequestError } from '../../src/secoda/errors.js';
import type { CreatePropertyInput, RemoteProperty } from '../../src/secoda/types.js';
import type { TrackingPlan } from '../../src/tracking-plan/types.js';
import { INTEGRATION, cat, ev, plan, prop, resetClock } from '../support/remote-fixtures.js';

beforeEach(() => resetClock());

/**
 * A store holding category "Checkout" (so nothing waits to create a category) and `events` under
 * it. The category was made long ago: no other run can be at work under it, and the apply does not
 * wait to follow one.
 */
function storeWith(events: readonly string[] = []): { store: Store; port: StorePort } {
  const store = new Store();
  const parent = store.insert('event_category', { title: 'Checkout', integration: INTEGRATION, created_at: '2024-01-01T00:00:00Z' }).id;
  for (const title of events) store.insert('event', { title, integration: INTEGRATION, parent });
  return { store, port: new StorePort(store) };
}

const wanted: TrackingPlan = plan([cat('Checkout', [ev('Order Completed', [prop('currency'), prop('total', { type: 'number' })])])]);

async function freshPlan(port: StorePort, tp: TrackingPlan = wanted): Promise<Plan> {
  return buildPlan(tp, await port.readState(INTEGRATION), { writesPerMinute: 0 });
}

/** Ports that record every call, in order, as a word ("show:to-apply", "status:applied"). */
function recordingPorts<R>(
  port: StorePort,
  tp: TrackingPlan,
  extra: { review?: () => Promise<ReviewAnswer<R>>; approval?: Approval } = {},
): { ports: ApplyWorkflowPorts<R>; calls: string[] } {
  const calls: string[] = [];
  const setStatus = (status: string, detail?: string) => {
    calls.push(detail ? `status:${status}: ${detail}` : `status:${status}`);
    return Promise.resolve();
  };
  const review = extra.review;
  const ports: ApplyWorkflowPorts<R> = {
    client: port,
    ...(review
      ? {
          review: async () => {
            calls.push('review');
            const answer = await review();
            return { ...answer, setStatus };
          },
        }
      : {}),
    holdSignals: () => calls.push('hold-signals'),
    showPlan: (_plan, moment) => calls.push(`show:${moment}`),
    approve: () => {
      calls.push('approve');
      return Promise.resolve(extra.approval ?? 'approved');
    },
    watch: () => {
      calls.push('watch');
      return { onStep: (step) => calls.push(`step:${step.status}`), finish: () => calls.push('finish') };
    },
    executed: (result) => calls.push(`executed:${result.counts.done} done, ${result.counts.failed} failed`),
    replan: async () => {
      calls.push('replan');
      return freshPlan(port, tp);
    },
    concluded: (outcome) => calls.push(`concluded:${outcome.kind}`),
  };
  return { ports, calls };
}

const input = (fresh: Plan, extra: Partial<ApplyWorkflowInput> = {}): ApplyWorkflowInput => ({
  fresh,
  maxDeletes: 10,
  allowDeletes: false,
  local: false,
  autoApprove: false,
  paced: false,
  ...extra,
});

describe('the apply workflow', () => {
  it('asks, applies, verifies, and says how it ended before the comments are marked applied', async () => {
    const { store, port } = storeWith();
    const { ports, calls } = recordingPorts(port, wanted, { review: () => Promise.resolve({ accepted: true }) });
    const outcome = await runApplyWorkflow(input(await freshPlan(port)), ports);

    expect(outcome.kind).toBe('verified');
    expect(calls).toEqual([
      'review',
      'hold-signals',
      'show:to-apply',
      'approve',
      'status:applying',
      'watch',
      'step:done',
      'step:done',
      'step:done',
      'finish',
      'executed:3 done, 0 failed',
      'replan',
      'concluded:verified',
      'status:applied',
    ]);
    expect(store.size).toBe(4);
  });

  it('asks nobody with --local, --auto-approve or a saved plan that is the fresh one', async () => {
    for (const extra of [{ local: true }, { autoApprove: true }, { saved: 'the saved plan' }]) {
      const { port } = storeWith();
      const fresh = await freshPlan(port);
      const saved = 'saved' in extra ? { ...fresh, format_version: fresh.format_version } : undefined;
      const { ports, calls } = recordingPorts(port, wanted);
      const outcome = await runApplyWorkflow(input(fresh, { ...extra, ...(saved ? { saved } : {}) }), ports);
      expect(outcome.kind).toBe('verified');
      expect(calls).not.toContain('approve');
    }
  });

  it('a "no" (or Ctrl-C) at the question changes nothing and marks no comment', async () => {
    for (const approval of ['declined', 'interrupted'] as const) {
      const { store, port } = storeWith();
      const { ports, calls } = recordingPorts(port, wanted, { approval, review: () => Promise.resolve({ accepted: true }) });
      const outcome = await runApplyWorkflow(input(await freshPlan(port)), ports);
      expect(outcome.kind).toBe(approval === 'declined' ? 'declined' : 'approval-interrupted');
      expect(calls).toEqual(['review', 'hold-signals', 'show:to-apply', 'approve']);
      expect(store.size).toBe(1);
    }
  });

  it('a saved plan that is not the fresh one: nothing is asked, shown or written', async () => {
    const { store, port } = storeWith();
    const { ports, calls } = recordingPorts(port, wanted, { review: () => Promise.resolve({ accepted: true }) });
    const outcome = await runApplyWorkflow(input(await freshPlan(port), { saved: { ...(await freshPlan(port)), operations: [] } }), ports);
    expect(outcome).toMatchObject({ kind: 'saved-plan-mismatch', reason: expect.stringContaining('does not match') as unknown });
    expect(calls).toEqual([]);
    expect(store.size).toBe(1);
  });

  it('the review gate refuses: the comments are marked refused when it says so, signals are never held, nothing runs', async () => {
    const { store, port } = storeWith();
    const review = () =>
      Promise.resolve({ accepted: false as const, refusal: 'not reviewed', refusedDetail: '2 changes were not in the reviewed plan.' });
    const { ports, calls } = recordingPorts(port, wanted, { review });
    const outcome = await runApplyWorkflow(input(await freshPlan(port)), ports);
    expect(outcome).toMatchObject({ kind: 'review-refused', refusal: 'not reviewed' });
    expect(calls).toEqual(['review', 'status:refused: 2 changes were not in the reviewed plan.']);
    expect(store.size).toBe(1);
  });

  it('the delete guard refuses: the comments are marked refused, then the plan is shown; nothing is deleted', async () => {
    const { store, port } = storeWith(Array.from({ length: 12 }, (_, i) => `Old ${i}`));
    const { ports, calls } = recordingPorts(port, wanted, { review: () => Promise.resolve({ accepted: true }) });
    const outcome = await runApplyWorkflow(input(await freshPlan(port)), ports);
    expect(outcome).toMatchObject({ kind: 'guard-refused', guard: { refused: true, destroys: 12 } });
    expect(calls).toEqual(['review', 'hold-signals', 'status:refused: The delete guard stopped it; see the run.', 'show:refused']);
    expect(store.size).toBe(13);
  });

  it('nothing to apply: the plan is shown, the comments marked applied, nobody asked', async () => {
    const { port } = storeWith();
    const first = recordingPorts(port, wanted);
    await runApplyWorkflow(input(await freshPlan(port), { autoApprove: true }), first.ports);
    const { ports, calls } = recordingPorts(port, wanted, { review: () => Promise.resolve({ accepted: true }) });
    const outcome = await runApplyWorkflow(input(await freshPlan(port)), ports);
    expect(outcome.kind).toBe('unchanged');
    expect(calls).toEqual(['review', 'hold-signals', 'show:unchanged', 'status:applied: Nothing was left to change.']);
  });

  it('failed writes: the failure is said, then the comments marked failed with the count; no verification', async () => {
    const { port } = storeWith();
    const refusing = Object.assign(Object.create(port) as StorePort, {
      createProperty: (body: CreatePropertyInput): Promise<RemoteProperty> =>
        body.title === 'total'
          ? Promise.reject(
              new SecodaBadRequestError(
                { status: 400, method: 'POST', path: '/event/event_properties/', body: 'type: bad' },
                '{"type":["bad"]}',
              ),
            )
          : port.createProperty(body),
    });
    const { ports, calls } = recordingPorts(refusing, wanted, { review: () => Promise.resolve({ accepted: true }) });
    const outcome = await runApplyWorkflow(input(await freshPlan(port), { autoApprove: true }), ports);
    expect(outcome.kind).toBe('failed');
    expect(calls.slice(calls.indexOf('finish'))).toEqual([
      'finish',
      'executed:2 done, 1 failed',
      'concluded:failed',
      'status:failed: 1 of 3 changes failed.',
    ]);
  });

  it('Secoda still differs after the writes: the residue is explained, then the comments marked failed', async () => {
    const { port } = storeWith();
    const { ports, calls } = recordingPorts(port, wanted, { review: () => Promise.resolve({ accepted: true }) });
    // The verification finds a property that the writes did not make.
    const lossy = {
      ...ports,
      replan: () =>
        freshPlan(
          port,
          plan([cat('Checkout', [ev('Order Completed', [prop('currency'), prop('total', { type: 'number' }), prop('extra')])])]),
        ),
    };
    const outcome = await runApplyWorkflow(input(await freshPlan(port), { autoApprove: true }), lossy);
    expect(outcome).toMatchObject({
      kind: 'residue',
      verification: { operations: [{ action: 'create', path: ['Checkout', 'Order Completed', 'extra'] }] },
    });
    expect(calls.slice(-3)).toEqual([
      'executed:3 done, 0 failed',
      'concluded:residue',
      'status:failed: Secoda still differs after the apply.',
    ]);
  });

  it('interrupted during the writes: no new write starts, the interrupt is said, then the comments marked interrupted', async () => {
    const { store, port } = storeWith();
    const stop = new AbortController();
    const { ports, calls } = recordingPorts(port, wanted, { review: () => Promise.resolve({ accepted: true }) });
    // Ctrl-C as the first step settles.
    const watched = {
      ...ports,
      watch: (p: Plan) => {
        const watch = ports.watch(p);
        return {
          onStep: (step: Parameters<typeof watch.onStep>[0]) => (watch.onStep(step), stop.abort('SIGINT')),
          finish: () => watch.finish(),
        };
      },
    };
    const outcome = await runApplyWorkflow(input(await freshPlan(port), { autoApprove: true, signal: stop.signal }), watched);
    expect(outcome.kind).toBe('interrupted');
    expect(calls.slice(-2)).toEqual([
      'concluded:interrupted',
      'status:interrupted: Stopped after 1 of 3 changes; re-run the apply workflow to finish.',
    ]);
    expect(calls).not.toContain('replan');
    expect(store.size).toBe(2);
  });
});
