/**
 * Tracking-plan YAML from the normalised plan, through the `yaml` Document API: keys in the
 * order people write them, multi-line text as block scalars, short lists of IDs or enum values
 * in flow style (`[a, b]`), a blank line between categories and between events.
 */
import { Document, isPair, isScalar, isSeq, Scalar, visit, type Node, type YAMLSeq } from 'yaml';
import { REFERENCE_KIND, type DirectoryKind } from '../secoda/directories.js';
import { suitsBlockScalar } from '../accept/scalar-text.js';
import { hasEscapedCharacters } from '../tracking-plan/escaped-characters.js';
import { COMMON_FIELDS, type PlanCategory, type PlanEvent, type PlanProperty } from '../tracking-plan/types.js';

export interface FileContent {
  /** Set on the one file that holds `version` and `integration`. */
  readonly integration?: string;
  /** Shared property definitions (`pull --shared`), written as the top-level `properties:`. */
  readonly properties?: readonly PlanProperty[];
  readonly categories: readonly PlanCategory[];
}

/** A list written on one line while it stays this short (one UUID fits, two do not). */
const FLOW_LIST_WIDTH = 72;

/** The comment to write beside a value of a reference field (pull-names.ts), if any. */
export type ReferenceComment = (kind: DirectoryKind, value: string) => string | undefined;

export function emitPlanFile(content: FileContent, schemaRef: string, commentFor?: ReferenceComment): string {
  const root: Record<string, unknown> = {};
  if (content.integration !== undefined) {
    root['version'] = 1;
    root['integration'] = content.integration;
  }
  if (content.properties !== undefined && content.properties.length > 0) root['properties'] = content.properties.map(propertyData);
  if (content.categories.length > 0) root['categories'] = content.categories.map(categoryData);
  return emitYamlDocument(root, schemaRef, commentFor === undefined ? {} : { commentFor });
}

export interface EmitOptions {
  /** A comment written after the `integration:` value (`import` asks for a real ID there). */
  readonly integrationComment?: string;
  /** Comments beside reference values written as IDs where a name could not be (`pull`). */
  readonly commentFor?: ReferenceComment;
}

/**
 * A plan file's data, in the YAML's own shape and key order, as the text `pull` and `import`
 * write: the `$schema` modeline first, multi-line text as block scalars, short lists of scalars
 * on one line, a blank line between categories and between events.
 */
export function emitYamlDocument(root: Record<string, unknown>, schemaRef: string, options: EmitOptions = {}): string {
  const doc = new Document(root, { aliasDuplicateObjects: false });
  styleAsPulled(doc, options);
  if (doc.contents !== null) doc.contents.commentBefore = ` yaml-language-server: $schema=${schemaRef}`;
  // lineWidth 0: never fold long descriptions; a reviewer diffs them line by line.
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/**
 * One category, event or property as an item of a YAML block list, written as `pull` writes it:
 * the lines of `- title: …` at column 0 (accept --new indents them to the list they join).
 */
export function emitListItem(kind: 'category' | 'event' | 'property', entry: unknown): string[] {
  const data =
    kind === 'category'
      ? categoryData(entry as PlanCategory)
      : kind === 'event'
        ? eventData(entry as PlanEvent)
        : propertyData(entry as PlanProperty);
  const doc = new Document([data], { aliasDuplicateObjects: false });
  styleAsPulled(doc);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false }).replace(/\n$/, '').split('\n');
}

/** Keys in the order people write them, multi-line text as blocks, short lists in flow style, blank lines between categories and events. */
function styleAsPulled(doc: Document, options: EmitOptions = {}): void {
  const commentFor = options.commentFor;
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value !== 'string') return;
      // What the output guard writes as `\uXXXX` (escaped-characters.ts) means the same only in double
      // quotes: so `tpsync pull > plan.yaml` keeps a description's zero-width space exact.
      if (hasEscapedCharacters(node.value)) {
        node.type = Scalar.QUOTE_DOUBLE;
        return;
      }
      if (!node.value.includes('\n')) return;
      // Left to itself, the library would write any multi-line text as a block scalar.
      node.type = suitsBlockScalar(node.value) ? Scalar.BLOCK_LITERAL : Scalar.QUOTE_DOUBLE;
    },
    Seq(_, node, path) {
      const values = node.items.map((item) => (isScalar(item) ? item.value : undefined));
      // An ID written where a name could not be: a comment beside it says why (a list with one is written a line per value).
      if (commentFor !== undefined && commentItems(node, path, commentFor)) return;
      const short = (v: unknown) => (typeof v === 'string' && !v.includes('\n')) || typeof v === 'number' || typeof v === 'boolean';
      if (values.every(short) && values.map(String).join(', ').length <= FLOW_LIST_WIDTH) node.flow = true;
    },
    Pair(_, pair) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if ((key === 'categories' || key === 'events') && isSeq(pair.value)) {
        pair.value.items.forEach((item, index) => {
          if (index > 0) (item as Node).spaceBefore = true;
        });
      }
      if (key === 'integration' && options.integrationComment !== undefined && isScalar(pair.value))
        pair.value.comment = ` ${options.integrationComment}`;
    },
  });
}

/** Puts the comments beside a reference list's values; whether any was put. */
function commentItems(node: YAMLSeq, path: readonly unknown[], commentFor: ReferenceComment): boolean {
  const pair = path[path.length - 1];
  const field = isPair(pair) && isScalar(pair.key) ? String(pair.key.value) : undefined;
  if (field === undefined || !Object.hasOwn(REFERENCE_KIND, field)) return false;
  const kind = REFERENCE_KIND[field as keyof typeof REFERENCE_KIND];
  let any = false;
  for (const item of node.items) {
    if (!isScalar(item) || typeof item.value !== 'string') continue;
    const comment = commentFor(kind, item.value);
    if (comment === undefined) continue;
    item.comment = ` ${comment}`;
    any = true;
  }
  return any;
}

function categoryData(category: PlanCategory): Record<string, unknown> {
  return {
    title: category.title,
    ...(category.teams === undefined ? {} : { teams: [...category.teams] }),
    ...(category.events.length === 0 ? {} : { events: category.events.map(eventData) }),
  };
}

function eventData(event: PlanEvent): Record<string, unknown> {
  return {
    title: event.title,
    ...commonData(event),
    ...(event.properties.length === 0 ? {} : { properties: event.properties.map(propertyData) }),
  };
}

function propertyData(property: PlanProperty): Record<string, unknown> {
  // Taken from a shared definition: `use` and what this event writes differently.
  if (property.shared !== undefined) {
    const data: Record<string, unknown> = { use: property.shared.definition };
    for (const field of property.shared.overrides) {
      const value = property[field];
      if (value !== undefined) data[field] = Array.isArray(value) ? [...value] : value;
    }
    return data;
  }
  return {
    title: property.title,
    ...(property.type === undefined ? {} : { type: property.type }),
    ...(property.enum === undefined ? {} : { enum: [...property.enum] }),
    ...(property.required === undefined ? {} : { required: property.required }),
    ...commonData(property),
  };
}

function commonData(node: PlanEvent | PlanProperty): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of COMMON_FIELDS) {
    const value = node[field];
    if (value !== undefined) data[field] = Array.isArray(value) ? [...value] : value;
  }
  return data;
}
