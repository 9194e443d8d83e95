/**
 * The emulator's audit log: one entry for every write made through it, performed by the user
 * whose API key made the request ("an API key … acts as the user who made it", DESIGN §1), in the
 * shape of Secoda's `GET /activity_log/audit_logs/` (issue 23: `activity_type, performer_type,
 * performer_metadata {email, first_name, last_name, name}, resource_id, resource_type,
 * resource_metadata {title, integration_id}, logged_at`). Kept in memory, newest last.
 */
import { randomUUID } from 'node:crypto';
import { formatTimestamp, MonotonicClock, normaliseTimestamp } from './timestamps.js';

/** The user an API key acts as, and whether that user may read the audit log. */
export interface ApiKeyUser {
  readonly email: string;
  readonly first_name?: string;
  readonly last_name?: string;
  /** Default true; false answers the audit log with 403, as Secoda does for a key without the permission. */
  readonly auditLogAccess?: boolean;
}

/** Who a key that `apiKeys` does not name acts as. */
export const DEFAULT_API_USER: ApiKeyUser = { email: 'api@emulator.tpsync.dev', first_name: 'API', last_name: 'Key' };

/** One entry, as the API lists it. */
export interface AuditEntry {
  readonly id: string;
  readonly activity_type: string;
  readonly performer_type: 'user';
  readonly performer_metadata: { readonly email: string; readonly first_name: string; readonly last_name: string; readonly name: string };
  readonly resource_id: string;
  readonly resource_type: string;
  readonly resource_metadata: { readonly title: string | null; readonly integration_id: string | null };
  readonly logged_at: string;
}

/** What a test may give to put an entry in the log by hand (a change made in Secoda's UI). */
export interface AuditEntryInput {
  readonly activity_type?: string;
  readonly performer: ApiKeyUser;
  readonly resource_id: string;
  readonly resource_type?: string;
  readonly title?: string | null;
  readonly integration_id?: string | null;
  /** ISO 8601; now by default. */
  readonly logged_at?: string;
}

const ACTIVITY: Readonly<Record<string, string>> = { POST: 'create', PUT: 'update', PATCH: 'update', DELETE: 'delete' };

/** The entries, oldest first, and the users the API keys act as. */
export class AuditLog {
  private readonly list: AuditEntry[] = [];
  private readonly clock = new MonotonicClock();

  constructor(private readonly apiKeys: Readonly<Record<string, ApiKeyUser>> = {}) {}

  /** The user `token` acts as. */
  userOf(token: string | undefined): ApiKeyUser {
    return (token === undefined ? undefined : this.apiKeys[token]) ?? DEFAULT_API_USER;
  }

  /** Whether `token` is one of the keys given (accepted besides the emulator's own token). */
  knows(token: string): boolean {
    return Object.hasOwn(this.apiKeys, token);
  }

  get entries(): readonly AuditEntry[] {
    return this.list;
  }

  /** Records the write `method` made with `token` to `resource` (the API's JSON of what it wrote). */
  recordWrite(method: string, token: string | undefined, resource: unknown): void {
    if (resource === null || typeof resource !== 'object') return;
    const json = resource as Record<string, unknown>;
    if (typeof json['id'] !== 'string') return;
    this.insert({
      activity_type: ACTIVITY[method] ?? method.toLowerCase(),
      performer: this.userOf(token),
      resource_id: json['id'],
      resource_type: typeof json['entity_type'] === 'string' ? json['entity_type'] : 'resource',
      title: typeof json['title'] === 'string' ? json['title'] : null,
      integration_id: typeof json['integration'] === 'string' ? json['integration'] : null,
    });
  }

  /** Adds an entry; throws a TypeError for a `logged_at` that is not ISO 8601. */
  insert(input: AuditEntryInput): AuditEntry {
    const { performer } = input;
    const first = performer.first_name ?? '';
    const last = performer.last_name ?? '';
    const entry: AuditEntry = {
      id: randomUUID(),
      activity_type: input.activity_type ?? 'update',
      performer_type: 'user',
      performer_metadata: { email: performer.email, first_name: first, last_name: last, name: `${first} ${last}`.trim() },
      resource_id: input.resource_id,
      resource_type: input.resource_type ?? 'event',
      resource_metadata: { title: input.title ?? null, integration_id: input.integration_id ?? null },
      logged_at: input.logged_at === undefined ? formatTimestamp(this.clock.next()) : normaliseTimestamp(input.logged_at),
    };
    this.list.push(entry);
    return entry;
  }
}
