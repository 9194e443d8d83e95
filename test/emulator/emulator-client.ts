/** Starts an emulator for one test (closed when the test ends) and talks to it over real HTTP. */
import { onTestFinished } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/server.js';

export const TOKEN = 'test-token';
export const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';

/** A resource as the API returns it: the fields the tests read, the rest left open. */
export interface ResourceJson {
  readonly [key: string]: unknown;
  id: string;
  title: string;
  created_at: string;
  updated_at: string;
  parent: string | null;
  integration: string | null;
}

/** Any reply body the tests read: a resource, a page or an error — whichever the request gets. */
export interface ReplyBody extends ResourceJson {
  links: { next: string | null; previous: string | null };
  meta: { page: number; previous_page: number | string | null; next_page: number | string | null };
  count: number;
  total_pages: number;
  results: ResourceJson[];
  resource_totals: Record<string, number>;
  detail: string;
  filter: string[];
}

export interface Reply {
  status: number;
  headers: Headers;
  /** Parsed JSON (or, for a body that is not JSON, its text). */
  body: ReplyBody;
}

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emulator = await startEmulator({ token: TOKEN, ...options });
  onTestFinished(() => emulator.close());
  return emulator;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as is (not JSON-encoded). */
  rawBody?: string;
  /** Replaces the default `Authorization: Bearer <TOKEN>`; `null` sends none. */
  auth?: string | null;
}

/** `path` is relative to the emulator's origin; give `/api/v1/...` or not, as the test needs. */
export async function call(emulator: RunningEmulator, method: string, path: string, options: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  const auth = options.auth === undefined ? `Bearer ${TOKEN}` : options.auth;
  if (auth !== null) headers['authorization'] = auth;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${emulator.origin}${path}`, { method, headers, body, redirect: 'manual' });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed as ReplyBody };
}

export const api = (emulator: RunningEmulator) => ({
  get: (path: string, options?: CallOptions) => call(emulator, 'GET', `/api/v1${path}`, options),
  post: (path: string, body: unknown, options?: CallOptions) => call(emulator, 'POST', `/api/v1${path}`, { ...options, body }),
  patch: (path: string, body: unknown, options?: CallOptions) => call(emulator, 'PATCH', `/api/v1${path}`, { ...options, body }),
  delete: (path: string, options?: CallOptions) => call(emulator, 'DELETE', `/api/v1${path}`, options),
});

/** A category, an event in it and a property of the event, created over HTTP. */
export async function createTree(emulator: RunningEmulator, integration = INTEGRATION) {
  const http = api(emulator);
  const category = (
    await http.post('/event/category/', { title: 'Landing Page', integration, teams: ['8680f886-97d2-4f4e-92c8-c80b46a3017d'] })
  ).body;
  const event = (await http.post('/event/events/', { title: 'CTA Clicked', integration, parent: category.id, description: 'A click.' }))
    .body;
  const property = (
    await http.post('/event/event_properties/', {
      title: 'button_color',
      integration,
      parent: event.id,
      type: 'enum',
      enum: 'red, green, yellow',
      is_required: true,
    })
  ).body;
  return { category, event, property };
}

export const UUID_WITH_DASHES = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const MICROSECOND_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
