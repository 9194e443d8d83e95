/**
 * `GET /activity_log/audit_logs/?filter=<json>&sort=<json>&page=N` (issue 23, from Secoda's public
 * API reference): the audit log, filtered like the Resources catalog (catalog-filter.ts) and sorted
 * by `{"field": …, "order": "asc" | "desc"}` (the catalog's sort object; newest first without one).
 * A key whose user lacks the permission gets 403 "User does not have permission to access audit logs".
 */
import type { FastifyInstance } from 'fastify';
import type { AuditEntry, AuditLog } from './audit-log.js';
import { bearerToken } from './auth.js';
import { parseCatalogFilter, type ResourceJson } from './catalog-filter.js';
import { DrfError, fieldErrors } from './drf-errors.js';
import { paginate } from './pagination.js';
import { queryValue, refuseOtherMethods, type RouteContext } from './route-context.js';

export const AUDIT_LOG_PATH = '/activity_log/audit_logs';

/** Secoda's answer to a key without the permission (issue 23). */
export const NO_AUDIT_PERMISSION = 'User does not have permission to access audit logs';

interface SortKey {
  readonly field: string;
  readonly descending: boolean;
}

const NEWEST_FIRST: readonly SortKey[] = [{ field: 'logged_at', descending: true }];

export function registerAuditLogRoutes(app: FastifyInstance, context: RouteContext, audit: AuditLog): void {
  app.get(AUDIT_LOG_PATH, (request) => {
    if (audit.userOf(bearerToken(request.headers.authorization)).auditLogAccess === false)
      throw new DrfError(403, { detail: NO_AUDIT_PERMISSION });
    const matches = parseCatalogFilter(queryValue(request, 'filter'));
    const sort = parseSort(queryValue(request, 'sort'));
    const picked = audit.entries.filter((entry) => matches(entry as unknown as ResourceJson));
    return paginate(sorted(picked, sort), queryValue(request, 'page'), {
      pageSize: context.settings.pageSize,
      host: request.host || 'localhost',
      resourceTotals: {},
      fault: context.listFault(request),
    });
  });
  refuseOtherMethods(app, AUDIT_LOG_PATH, ['GET']);
}

/** `{"field":"logged_at","order":"desc"}`, or a list of them; a malformed sort is a 400 on `sort`. */
function parseSort(raw: string | undefined): readonly SortKey[] {
  if (raw === undefined || raw.trim() === '') return NEWEST_FIRST;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw fieldErrors({ sort: [`Invalid JSON: ${error instanceof Error ? error.message : String(error)}`] });
  }
  return (Array.isArray(json) ? json : [json]).map((key: unknown) => {
    const { field, order } = (typeof key === 'object' && key !== null ? key : {}) as { field?: unknown; order?: unknown };
    if (typeof field !== 'string' || field === '' || (order !== undefined && order !== 'asc' && order !== 'desc'))
      throw fieldErrors({ sort: ['Each sort must be {"field": "<name>", "order": "asc" | "desc"}.'] });
    return { field, descending: order === 'desc' };
  });
}

/** A stable sort (ties keep the log's order) on the keys in turn; absent values sort first. */
function sorted(entries: readonly AuditEntry[], keys: readonly SortKey[]): AuditEntry[] {
  const valueOf = (entry: AuditEntry, field: string) => {
    const value = (entry as unknown as Record<string, unknown>)[field];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  };
  return [...entries].sort((a, b) => {
    for (const { field, descending } of keys) {
      const x = valueOf(a, field);
      const y = valueOf(b, field);
      if (x !== y) return (x < y ? -1 : 1) * (descending ? -1 : 1);
    }
    return 0;
  });
}
