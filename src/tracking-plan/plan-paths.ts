/** Naming places in a tracking-plan file the way a user thinks of them ("event "CTA Clicked""). */
import { visible } from './text-characters.js';
import type { PathSegment } from './source-file.js';

/** `definition`: a shared property definition (the top-level `properties:` list). */
export type NodeKind = 'file' | 'category' | 'event' | 'property' | 'definition';

/** The kind of object at `path`, when `path` ends at one of the plan's objects. */
export function kindAt(path: readonly PathSegment[]): NodeKind | undefined {
  if (path.length === 0) return 'file';
  const parent = path[path.length - 2];
  if (typeof path[path.length - 1] !== 'number') return undefined;
  if (parent === 'categories' && path.length === 2) return 'category';
  if (parent === 'properties' && path.length === 2) return 'definition';
  // Only `categories[c].events[e]…`: a nested property's list is `properties` too, at other depths.
  if (path[0] !== 'categories' || path[2] !== 'events') return undefined;
  if (parent === 'events' && path.length === 4) return 'event';
  if (parent === 'properties' && path.length === 6) return 'property';
  return undefined;
}

/** The innermost plan object that contains `path` (category, event or property), as a path. */
export function ownerPath(path: readonly PathSegment[]): PathSegment[] {
  for (let end = path.length; end >= 0; end--) {
    const candidate = path.slice(0, end);
    if (kindAt(candidate) !== undefined) return candidate;
  }
  return [];
}

/** The value at `path` in plain data, or undefined. */
export function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let current: unknown = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function titleOf(data: unknown, path: readonly PathSegment[]): string | undefined {
  const node = valueAt(data, path);
  if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
    // A property taken from a shared definition is named by the definition it uses.
    const record = node as Record<string, unknown>;
    const title = kindAt(path) === 'property' && typeof record['use'] === 'string' ? record['use'] : record['title'];
    if (typeof title === 'string' && title.trim() !== '') return title;
  }
  return undefined;
}

/**
 * "property "button_color" of event "CTA Clicked"", or "event #3 in category "Checkout"" when a
 * title is missing. Empty for the top level of a file.
 */
export function describe(data: unknown, path: readonly PathSegment[]): string {
  const owner = ownerPath(path);
  const kind = kindAt(owner);
  if (kind === undefined || kind === 'file') return '';
  const index = owner[owner.length - 1];
  const title = titleOf(data, owner);
  const word = kind === 'definition' ? 'shared property' : kind;
  // A place inside a property (a nested property, an array's items) is named by its path from it: "address.city", "tags[]".
  const nested = kind === 'property' || kind === 'definition' ? nestedPath(data, owner, path) : '';
  // `visible`: a title that holds a line separator or an invisible character shows it as an escape.
  const self =
    title !== undefined ? `${word} ${visible(`${title}${nested}`)}` : `${word} #${Number(index) + 1}${nested === '' ? '' : ` (${nested})`}`;
  if (kind === 'category' || kind === 'definition') return self;
  const parentPath = owner.slice(0, owner.length - 2);
  const parentKind = kindAt(parentPath);
  const parentTitle = titleOf(data, parentPath);
  if (parentTitle === undefined || parentKind === undefined) return self;
  return `${self} of ${parentKind} ${visible(parentTitle)}`;
}

/**
 * The path from a property to a place inside it, as `.city` for a nested property and `[]` for an
 * array's items (`.address.city`, `[].sku`); empty when `path` is the property itself or one of its fields.
 */
export function nestedPath(data: unknown, owner: readonly PathSegment[], path: readonly PathSegment[]): string {
  let text = '';
  for (let i = owner.length; i < path.length; i++) {
    const segment = path[i];
    if (segment === 'items') {
      text += '[]';
    } else if (segment === 'properties' && typeof path[i + 1] === 'number') {
      const node = valueAt(data, path.slice(0, i + 2));
      const nestedTitle = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)['title'] : undefined;
      text += typeof nestedTitle === 'string' && nestedTitle.trim() !== '' ? `.${nestedTitle}` : `.#${Number(path[i + 1]) + 1}`;
      i++;
    } else {
      break;
    }
  }
  return text;
}

/** Parses an ajv `instancePath` ("/categories/0/events/2") into segments. */
export function parseInstancePath(instancePath: string): PathSegment[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment));
}
