/** The time bound of one request: from the first send, waits that are not Secoda's silence excluded. */
import { describe, expect, it } from 'vitest';
import { RequestBudget } from '../../src/secoda/request-budget.js';
import { steppingClock } from './transport-layers.js';

describe('RequestBudget', () => {
  it('starts when the request is first sent: what came before does not count', () => {
    const clock = steppingClock(1_000);
    const budget = new RequestBudget({ clock, limitMs: 10_000, attemptMs: 3_000 });
    budget.exclude(500);
    clock.advance(4_000);
    expect(budget.elapsed()).toBe(0);
    expect(budget.sending()).toBe(3_000);
    clock.advance(2_500);
    expect(budget.elapsed()).toBe(2_500);
  });

  it('does not count the waits it is told of once started', () => {
    const clock = steppingClock();
    const budget = new RequestBudget({ clock, limitMs: 10_000, attemptMs: 3_000 });
    budget.sending();
    clock.advance(5_000);
    budget.exclude(4_000);
    expect(budget.elapsed()).toBe(1_000);
  });

  it('gives an attempt the usual wait, or what is left of the bound when less, and never less than 1 ms', () => {
    const clock = steppingClock();
    const budget = new RequestBudget({ clock, limitMs: 10_000, attemptMs: 3_000 });
    expect(budget.sending()).toBe(3_000);
    clock.advance(8_500);
    expect(budget.sending()).toBe(1_500);
    clock.advance(5_000);
    expect(budget.sending()).toBe(1);
    expect(budget.limitMs).toBe(10_000);
  });
});
