/**
 * The pacer against Secoda's sliding-minute limit: however late its timers fire, no minute may
 * hold more writes than the limit (the benchmark's paced apply got 429s once it ran past its
 * first minute when only the spacing was enforced).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WritePacer, type Clock } from '../../src/secoda/pacer.js';

/** A clock whose sleeps overrun by the given amounts in turn, as timers on a busy machine do. */
function lateClock(lateness: readonly number[]): Clock {
  let now = 0;
  let turn = 0;
  return {
    now: () => now,
    sleep: (ms) => {
      now += ms + (lateness[turn++ % lateness.length] ?? 0);
      return Promise.resolve();
    },
  };
}

async function releases(pacer: WritePacer, clock: Clock, writes: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < writes; i++) {
    await pacer.acquire();
    times.push(clock.now());
  }
  return times;
}

describe('WritePacer and the sliding minute', () => {
  it('never lets a minute hold more writes than the limit, whatever the timer jitter', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 80 }), { minLength: 1, maxLength: 20 }), async (lateness) => {
        const perMinute = 30;
        const clock = lateClock(lateness);
        const times = await releases(new WritePacer(perMinute, clock), clock, 100);
        for (let i = 0; i + perMinute < times.length; i++) expect(times[i + perMinute]! - times[i]!).toBeGreaterThan(60_000);
      }),
      { numRuns: 50 },
    );
  });

  it('keeps the configured spacing within the first minute', async () => {
    const clock = lateClock([0]);
    const times = await releases(new WritePacer(60, clock), clock, 61);
    expect(times.slice(0, 60)).toEqual(Array.from({ length: 60 }, (_, i) => i * 1000));
    // Write 61 is one minute (and the margin) after write 1, not merely one interval after write 60.
    expect(times[60]).toBe(60_500);
  });
});
