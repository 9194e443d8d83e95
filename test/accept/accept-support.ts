/** Accept run in process on YAML texts, against a remote state made from the same YAML and then edited. */
import { expect } from 'vitest';
import type { AcceptResult } from '../../src/accept/types.js';
import { acceptAgainst, type AcceptRequest } from '../../src/cli/accept-against.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { Plan } from '../../src/plan/types.js';
import type { RemoteEvent, RemoteProperty, RemoteState } from '../../src/secoda/types.js';
import { loadTrackingPlan } from '../../src/tracking-plan/load-plan.js';
import type { TrackingPlan } from '../../src/tracking-plan/types.js';
import { remoteFromPlan } from '../support/remote-from-plan.js';

export const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';
export const OWNER_A = '33733f42-8ff7-460b-9e20-50a2133d3bb0';
export const OWNER_B = '8680f886-97d2-4f4e-92c8-c80b46a3017d';
export const OWNER_C = 'f7466f09-33bf-4ac2-9ff2-165fb4b8bdc2';

/** The files loaded as the loader loads them; fails the test when they do not load. */
export function load(files: Record<string, string>): TrackingPlan {
  const encoder = new TextEncoder();
  const loaded = loadTrackingPlan(Object.entries(files).map(([path, text]) => ({ path, bytes: encoder.encode(text) })));
  if (!loaded.ok) throw new Error(`the fixture does not load: ${JSON.stringify(loaded.issues)}`);
  return loaded.plan;
}

export interface Accepted {
  readonly result: AcceptResult;
  /** Every file's text after the accept. */
  readonly files: Record<string, string>;
  readonly remote: RemoteState;
}

/** Accepts into `files` what `edit` changes in the remote state that applying them left. */
export function acceptEdits(files: Record<string, string>, edit: (remote: RemoteState) => void, request: AcceptRequest = {}): Accepted {
  const plan = load(files);
  const remote = remoteFromPlan(plan);
  edit(remote);
  const texts = Object.entries(files).map(([path, text]) => ({ path, text }));
  const result = acceptAgainst(texts, plan, remote, request);
  return { result, files: Object.fromEntries(result.files.map((file) => [file.path, file.text])), remote };
}

/** What `tpsync plan` shows for `files` against `remote`. */
export function planOf(files: Record<string, string>, remote: RemoteState): Plan {
  return buildPlan(load(files), remote, { writesPerMinute: 0 });
}

/** The plan after the accept is a no-op: nothing to apply, no warning. */
export function expectNoOp(accepted: Accepted): void {
  const plan = planOf(accepted.files, accepted.remote);
  expect(plan.operations).toEqual([]);
  expect(plan.warnings).toEqual([]);
}

export function eventNamed(remote: RemoteState, title: string): RemoteEvent {
  const found = remote.events.find((event) => event.title === title);
  if (found === undefined) throw new Error(`no remote event ${title}`);
  return found;
}

export function propertyNamed(remote: RemoteState, event: string, title: string): RemoteProperty {
  const parent = eventNamed(remote, event).id;
  const found = remote.properties.find((property) => property.parent === parent && property.title === title);
  if (found === undefined) throw new Error(`no remote property ${event} › ${title}`);
  return found;
}
