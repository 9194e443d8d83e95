/**
 * Names in generated code: an event title becomes a lowerCamelCase method name
 * (`Order Completed` → `orderCompleted`, `CTA Clicked` → `ctaClicked`) and a PascalCase type name
 * (`OrderCompletedProperties`). Titles that give the same name, or a name every object already
 * has (`toString`), are told apart deterministically and the renames are returned for reporting.
 */
import { compareText } from '../plan/compare.js';
import type { EventSchemaEntry } from '../event-schema/types.js';

/** Names every JavaScript object inherits: a method of that name would shadow them. */
const INHERITED: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));
const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u;

/** Whether `name` can be written bare, as an identifier or a property name, in TypeScript. */
export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** The words of a title: split at anything that cannot be in an identifier, at `_`, and at case humps (`PayPal`, `XMLHttp`). */
export function wordsOf(title: string): string[] {
  return title
    .normalize('NFC')
    .split(/[^\p{ID_Continue}]+|\p{Pc}+/u)
    .flatMap((part) => part.split(/(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u))
    .filter((word) => word !== '');
}

const upperFirst = (word: string): string => {
  const first = String.fromCodePoint(word.codePointAt(0) ?? 0x20);
  return `${first.toUpperCase()}${word.slice(first.length)}`;
};

/**
 * `Order Completed` → `orderCompleted`; a name that would start with a digit gets `event` in front
 * (`3D Viewer Opened` → `event3dViewerOpened`); a title with nothing usable → `event`.
 */
export function lowerCamelCase(title: string): string {
  const name = wordsOf(title)
    .map((word, i) => (i === 0 ? word.toLowerCase() : upperFirst(word.toLowerCase())))
    .join('');
  if (name === '') return 'event';
  return isIdentifier(name) ? name : `event${upperFirst(name)}`;
}

/** A method name that differs from what the title alone gives, and why. */
export interface Rename {
  readonly category: string;
  readonly event: string;
  /** What the title alone gives. */
  readonly wanted: string;
  readonly method: string;
  /** The other events that want the same name (as `"Title" (Category)`), or empty when the name is inherited by every object. */
  readonly sharedWith: readonly string[];
}

export interface EventNames {
  /** One per entry, in the order given. */
  readonly methods: readonly string[];
  /** One per entry: `<Method>Properties`. */
  readonly types: readonly string[];
  readonly renames: readonly Rename[];
}

/**
 * A method name for each event. An event whose lowerCamelCase title is its own keeps it. Events
 * that share one (`Order Completed` and `Order-Completed`, or the same title in two categories)
 * are named after their category and title (`checkoutOrderCompleted`), with `2`, `3`, … when that
 * is still taken, in (category, title) order — so the names do not depend on the YAML's order.
 */
export function eventNames(entries: readonly EventSchemaEntry[]): EventNames {
  const wanted = entries.map((entry) => lowerCamelCase(entry.event));
  const holders = new Map<string, number[]>();
  wanted.forEach((name, i) => {
    const list = holders.get(name);
    if (list === undefined) holders.set(name, [i]);
    else list.push(i);
  });
  const methods: (string | undefined)[] = wanted.map((name) =>
    (holders.get(name)?.length ?? 0) === 1 && !INHERITED.has(name) ? name : undefined,
  );
  const taken = new Set<string>([...INHERITED, ...methods.filter((m): m is string => m !== undefined)]);
  const renames: Rename[] = [];
  const unnamed = entries
    .map((entry, i) => ({ entry, i }))
    .filter(({ i }) => methods[i] === undefined)
    .sort((a, b) => compareText(a.entry.category, b.entry.category) || compareText(a.entry.event, b.entry.event));
  for (const { entry, i } of unnamed) {
    const base = lowerCamelCase(`${entry.category} ${entry.event}`);
    let method = base;
    for (let n = 2; taken.has(method); n++) method = `${base}${n}`;
    taken.add(method);
    methods[i] = method;
    const name = wanted[i] ?? '';
    renames.push({
      category: entry.category,
      event: entry.event,
      wanted: name,
      method,
      sharedWith: (holders.get(name) ?? [])
        .filter((j) => j !== i)
        .map((j) => `"${entries[j]?.event ?? ''}" (${entries[j]?.category ?? ''})`),
    });
  }
  const named = methods.map((m) => m ?? 'event');
  const typeTaken = new Set<string>();
  const types = named.map((method) => {
    const base = `${upperFirst(method)}Properties`;
    let type = base;
    for (let n = 2; typeTaken.has(type); n++) type = `${upperFirst(method)}${n}Properties`;
    typeTaken.add(type);
    return type;
  });
  return { methods: named, types, renames };
}
