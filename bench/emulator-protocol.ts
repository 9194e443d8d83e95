/**
 * What the benchmark asks of the emulator, wherever it runs (in this process or in a child):
 * seed data, change settings, and read back a summary of the requests it saw. The summary is
 * taken from the emulator's own request log, so request counts and 429s are what the server
 * saw, not what the client believes it sent.
 */
import type { SeedResource } from './remote-fixtures.js';

export interface EmulatorSettings {
  readonly latencyMs?: number;
  /** Writes (POST/PUT/PATCH) per 60 s window; undefined = unlimited. */
  readonly writeRateLimit?: number | undefined;
}

export interface RequestSummary {
  readonly total: number;
  readonly byMethod: Readonly<Record<string, number>>;
  /** Requests answered 429 (the write rate limit). */
  readonly throttled: number;
  /** Requests answered with any other status ≥ 400. */
  readonly failed: number;
  /** Arrival times (ms, the emulator's clock) of admitted writes, in order. */
  readonly writeArrivals: readonly number[];
  /** The most requests the emulator had in flight at once. */
  readonly maxInFlight: number;
  /** CPU time of the emulator's process since the log was last cleared (in-process: of the whole process). */
  readonly cpuMs: number;
  /** Every request: [arrival, end] on the emulator's clock (ms), the route and the page asked for. */
  readonly timeline: readonly (readonly [number, number, string, string])[];
}

export interface BenchEmulator {
  readonly url: string;
  readonly token: string;
  /** `in-process` or `child process`. */
  readonly where: string;
  /** Empties the store, then inserts these records in order. */
  reset(resources: readonly SeedResource[]): Promise<void>;
  configure(settings: EmulatorSettings): Promise<void>;
  /** Forgets the request log. */
  clearLog(): Promise<void>;
  requests(): Promise<RequestSummary>;
  close(): Promise<void>;
}

export type ChildRequest =
  | { readonly id: number; readonly op: 'reset'; readonly resources: readonly SeedResource[] }
  | { readonly id: number; readonly op: 'configure'; readonly settings: EmulatorSettings }
  | { readonly id: number; readonly op: 'clearLog' }
  | { readonly id: number; readonly op: 'requests' };

export type ChildReply =
  | { readonly id: number; readonly ok: true; readonly value?: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string };

export type ChildHello = { readonly ready: true; readonly url: string } | { readonly ready: false; readonly error: string };
