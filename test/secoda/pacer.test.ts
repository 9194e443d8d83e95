import { describe, expect, it } from 'vitest';
import { WritePacer, type Clock } from '../../src/secoda/pacer.js';

/** A clock that only moves when a sleeper asks it to: the pacer's decisions, without timing noise. */
function fakeClock(): Clock & { sent: number[] } {
  let now = 0;
  const sent: number[] = [];
  return {
    sent,
    now: () => now,
    sleep: (ms) => {
      now += ms;
      return Promise.resolve();
    },
  };
}

describe('WritePacer', () => {
  it('spaces writes 60/N seconds apart, in call order, with no burst', async () => {
    const clock = fakeClock();
    const pacer = new WritePacer(30, clock);
    const slots: number[] = [];
    for (let i = 0; i < 5; i++) {
      await pacer.acquire();
      slots.push(clock.now());
    }
    expect(slots).toEqual([0, 2_000, 4_000, 6_000, 8_000]);
  });

  it('hands out distinct slots to concurrent callers', async () => {
    let now = 1_000;
    const waits: number[] = [];
    const pacer = new WritePacer(600, { now: () => now, sleep: (ms) => (waits.push(ms), Promise.resolve()) });
    await Promise.all([pacer.acquire(), pacer.acquire(), pacer.acquire(), pacer.acquire()]);
    expect(waits).toEqual([100, 200, 300]);
    now = 10_000;
    // Idle long enough: the next write goes at once.
    await pacer.acquire();
    expect(waits).toHaveLength(3);
  });

  it('holds every write back after a 429 until the server allows it', async () => {
    const clock = fakeClock();
    const pacer = new WritePacer(60, clock);
    await pacer.acquire();
    pacer.pauseUntil(5_000);
    await pacer.acquire();
    expect(clock.now()).toBe(5_000);
    await pacer.acquire();
    expect(clock.now()).toBe(6_000);
  });

  it('does not pace at 0 writes a minute', async () => {
    const clock = fakeClock();
    const pacer = new WritePacer(0, clock);
    for (let i = 0; i < 100; i++) await pacer.acquire();
    expect(clock.now()).toBe(0);
    expect(pacer.paced).toBe(false);
  });
});
