/**
 * The hidden parts of the sticky PR comment: a marker that finds it again (one per plan
 * path), and a meta block with the plan's hash, the per-operation digests and the status.
 * They are HTML comments, invisible when GitHub renders the Markdown.
 */
export type CommentStatus = 'planned' | 'applying' | 'applied' | 'failed' | 'refused';

export interface CommentMeta {
  readonly hash: string;
  /** Packed operation digests; absent when too many to carry (then only the hash is checked). */
  readonly ops?: string;
  readonly status: CommentStatus;
  /** The commit the plan was made for. */
  readonly sha?: string;
}

const META_PREFIX = '<!-- tpsync:meta ';
const STATUS_START = '<!-- tpsync:status -->';
const STATUS_END = '<!-- /tpsync:status -->';

/** The first line of every tpsync comment for `planPath`. */
export function commentMarker(planPath: string): string {
  return `<!-- tpsync:plan path=${JSON.stringify(planPath)} -->`;
}

/** Whether `body` is tpsync's comment for `planPath` (the marker must open the body, not be quoted in it). */
export function isPlanComment(body: string | null | undefined, planPath: string): boolean {
  return typeof body === 'string' && body.startsWith(commentMarker(planPath));
}

export function metaLine(meta: CommentMeta): string {
  // JSON inside an HTML comment must not hold "--"; base64url digests can, so escape every "-".
  return `${META_PREFIX}${JSON.stringify(meta).replace(/-/g, '\\u002d')} -->`;
}

export function parseMeta(body: string): CommentMeta | undefined {
  const start = body.indexOf(META_PREFIX);
  if (start < 0) return undefined;
  const end = body.indexOf(' -->', start + META_PREFIX.length);
  if (end < 0) return undefined;
  try {
    const value = JSON.parse(body.slice(start + META_PREFIX.length, end)) as Partial<CommentMeta>;
    if (typeof value.hash !== 'string' || typeof value.status !== 'string') return undefined;
    return value as CommentMeta;
  } catch {
    return undefined;
  }
}

const STATUS_TEXT: Record<CommentStatus, string> = {
  planned: '🟡 **Planned** — applies when this pull request is merged.',
  applying: '🔵 **Applying** — the merge is being applied to Secoda.',
  applied: '🟢 **Applied** — Secoda matches this plan.',
  failed: '🔴 **Apply failed** — see the run for what failed; re-running the apply finishes the work.',
  refused: '⛔ **Apply refused** — the plan changed since it was reviewed; see the run.',
};

export function statusBlock(status: CommentStatus, detail?: string): string {
  return `${STATUS_START}\n${STATUS_TEXT[status]}${detail ? ` ${detail}` : ''}\n${STATUS_END}`;
}

/** The body with its status (in the visible block and in the meta) changed, the plan untouched. */
export function withStatus(body: string, status: CommentStatus, detail?: string): string {
  let next = body;
  const start = next.indexOf(STATUS_START);
  const end = next.indexOf(STATUS_END);
  if (start >= 0 && end > start) next = `${next.slice(0, start)}${statusBlock(status, detail)}${next.slice(end + STATUS_END.length)}`;
  const meta = parseMeta(next);
  if (meta) {
    const startMeta = next.indexOf(META_PREFIX);
    const endMeta = next.indexOf(' -->', startMeta + META_PREFIX.length) + ' -->'.length;
    next = `${next.slice(0, startMeta)}${metaLine({ ...meta, status })}${next.slice(endMeta)}`;
  }
  return next;
}
