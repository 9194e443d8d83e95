import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { StepResult } from '../../src/apply/execute-plan.js';
import { createApplyProgress } from '../../src/cli/progress.js';
import type { Io } from '../../src/cli/io.js';
import type { Operation } from '../../src/plan/types.js';
import { plain } from '../../src/render/style.js';

function recordingIo(env: Record<string, string> = { CI: 'true' }): { io: Io; writes: string[] } {
  const writes: string[] = [];
  const stream = { write: (text: string) => writes.push(text), isTTY: false };
  return { io: { stdout: stream, stderr: { write: () => true, isTTY: false }, env }, writes };
}

const step = (index: number, status: StepResult['status'] = 'done'): StepResult => ({
  index,
  operation: {
    action: 'create',
    kind: 'property',
    path: ['Checkout', 'Order Completed', `p${index}`],
    remote_id: null,
    parent_id: null,
    body: { title: `p${index}` },
    changes: [],
    reason: null,
  } satisfies Operation,
  status,
  detail: status === 'failed' ? 'Secoda answered 500' : null,
  createdId: status === 'done' ? `id-${index}` : null,
  reconciled: false,
});

describe('apply progress in CI logs', () => {
  it('writes the steps settled in one turn of the event loop at once, in order', async () => {
    const { io, writes } = recordingIo();
    const progress = createApplyProgress(io, 5, plain);
    progress.onStep(step(0));
    progress.onStep(step(1, 'failed'));
    progress.onStep(step(2));
    expect(writes).toEqual([]); // nothing yet: the batch goes out at the end of this turn
    await nextTurn();
    expect(writes).toHaveLength(1);
    expect(writes[0]?.split('\n')).toEqual([
      '✓ created property Checkout › Order Completed › p0 (id id-0)',
      '✗ create property Checkout › Order Completed › p1 failed: Secoda answered 500',
      '✓ created property Checkout › Order Completed › p2 (id id-2)',
      '',
    ]);
    progress.onStep(step(3));
    await nextTurn();
    expect(writes).toHaveLength(2);
  });

  it('writes what is pending when it finishes, without waiting for the next turn', () => {
    const { io, writes } = recordingIo();
    const progress = createApplyProgress(io, 2, plain);
    progress.onStep(step(0));
    progress.onStep(step(1, 'skipped'));
    progress.finish();
    expect(writes.join('')).toContain('p0');
    expect(writes.join('')).toContain('↷ skipped create property Checkout › Order Completed › p1');
  });
});
