/**
 * What an error body says, short enough for a message. Secoda's error bodies are undocumented;
 * they come from Django REST Framework: `{"detail": "…"}` or `{"field": ["…"]}` (DESIGN §1).
 */

/** The body on one line, cut to `max` characters; an HTML page reads "(an HTML page)". */
export function trimBody(body: string, max = 300): string {
  const text = body.replace(/\s+/g, ' ').trim();
  if (/^<!doctype html|^<html/i.test(text)) return '(an HTML page)';
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * The messages of a Django REST Framework error body, one per field: `{"title": ["Too long."],
 * "non_field_errors": ["…"]}` → `["title: Too long.", "…"]`; `{"detail": "…"}` → `["…"]`. Nested
 * objects name their path (`enum.0: …`). Anything else (not JSON, not an object) gives none.
 */
export function drfFieldErrors(text: string): string[] {
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    return [];
  }
  const out: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string') out.push(path === '' || path === 'non_field_errors' || path === 'detail' ? value : `${path}: ${value}`);
    else if (Array.isArray(value)) {
      const texts = value.filter((v): v is string => typeof v === 'string');
      if (texts.length > 0) walk(texts.join(' '), path);
      value.filter((v) => typeof v === 'object' && v !== null).forEach((v, i) => walk(v, path === '' ? String(i) : `${path}.${i}`));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) walk(inner, path === '' ? key : `${path}.${key}`);
    }
  };
  if (typeof body !== 'object' || body === null) return [];
  walk(body, '');
  return out;
}
