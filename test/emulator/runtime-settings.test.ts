/** The settings a running emulator can change: checked where they are set, applied to the rate limit too. */
import { describe, expect, it } from 'vitest';
import { changeSettings, initialSettings } from '../../src/emulator/runtime-settings.js';
import { WriteRateLimiter } from '../../src/emulator/write-rate-limit.js';

describe('runtime settings', () => {
  it('start from the defaults: pages of 50, no latency, no write limit, a 60 s window, the catalog served with its cap of 10,000', () => {
    expect(initialSettings({})).toEqual({
      pageSize: 50,
      eventsListGone: false,
      catalogGone: false,
      catalogCap: 10_000,
      latencyMs: 0,
      writeRateLimit: undefined,
      writeRateWindowMs: 60_000,
    });
  });

  it.each([
    [{ pageSize: 0 }, 'pageSize must be a positive number, not 0'],
    [{ latencyMs: -1 }, 'latencyMs must be zero or more, not -1'],
    [{ writeRateLimit: Number.NaN }, 'writeRateLimit must be zero or more, not NaN'],
    [{ writeRateWindowMs: 0.5 }, 'writeRateWindowMs must be a positive number, not 0.5'],
    [{ catalogCap: 0 }, 'catalogCap must be a positive number, not 0'],
  ])('refuse %o at start and when changed', (bad, message) => {
    expect(() => initialSettings(bad)).toThrow(new RangeError(message));
    expect(() => changeSettings(initialSettings({}), bad, new WriteRateLimiter(undefined))).toThrow(new RangeError(message));
  });

  it('apply a new write limit and window to the rate limiter, and lift the limit when it is set to undefined', () => {
    const settings = initialSettings({ writeRateLimit: 30 });
    const limiter = new WriteRateLimiter(settings.writeRateLimit, settings.writeRateWindowMs, () => 0);
    changeSettings(settings, { writeRateLimit: 1, writeRateWindowMs: 1_000 }, limiter);
    expect([limiter.limit, limiter.windowMs]).toEqual([1, 1_000]);
    expect(limiter.admit()).toEqual({ ok: true });
    expect(limiter.admit()).toEqual({ ok: false, retryAfterSeconds: 1 });
    changeSettings(settings, { writeRateLimit: undefined }, limiter);
    expect(settings.writeRateLimit).toBeUndefined();
    expect(limiter.admit()).toEqual({ ok: true });
    changeSettings(settings, { pageSize: 7 }, limiter);
    expect(settings).toMatchObject({ pageSize: 7, writeRateWindowMs: 1_000 });
  });
});
