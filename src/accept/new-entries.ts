/**
 * `--new`: what Secoda holds under the integration and the YAML lacks, added where it belongs —
 * an event to its category's list, a property to its event's, a category (with its events) to the
 * file that holds the header — written as `pull` writes them and appended after the list's last
 * item, in its indentation, with a blank line before each when the list has them. Nothing before
 * the insertion moves. Pure.
 */
import { isSeq, type Node } from 'yaml';
import type { PlanCategory, PlanEvent, TrackingPlan } from '../tracking-plan/types.js';
import type { NewIntent } from './drift-decisions.js';
import { findItem, pairOf, rootMap, type FoundMap } from './locate-nodes.js';
import type { AddedResource, LeftChange, NewResources } from './types.js';
import { inPlaceOf } from './value-splices.js';
import { afterLine, columnOf, indentLines, type Splice, type YamlText } from './yaml-text.js';

export interface Entries {
  readonly splices: Map<YamlText, Splice[]>;
  readonly added: AddedResource[];
  readonly left: LeftChange[];
}

interface Target {
  readonly file: YamlText;
  readonly map: FoundMap;
  readonly key: 'categories' | 'events' | 'properties';
  readonly entries: string[][];
  readonly intents: NewIntent[];
}

/** The splices that add `additions` (from `resources`, Secoda as `pull` writes it) to the files. */
export function entrySplices(
  additions: readonly NewIntent[],
  files: ReadonlyMap<string, YamlText>,
  plan: TrackingPlan,
  resources: NewResources,
): Entries {
  const result: Entries = { splices: new Map(), added: [], left: [] };
  const targets = new Map<string, Target>();
  for (const intent of additions) {
    const entry = pulledEntry(resources.categories, intent);
    if (entry === undefined) {
      const note = resources.notes.get(intent.path.join(' › '));
      result.left.push({
        kind: intent.kind,
        path: intent.path,
        reason: `in Secoda, but a tracking plan cannot hold it as Secoda does${note === undefined ? '' : ` (${note})`}; apply deletes it`,
        cause: 'not-acceptable',
      });
      continue;
    }
    const where = targetOf(intent, files, plan);
    if (where === undefined) {
      result.left.push({
        kind: intent.kind,
        path: intent.path,
        reason: 'in Secoda, but its parent was not found in the YAML',
        cause: 'not-acceptable',
      });
      continue;
    }
    const id = `${where.file.path}\u0000${where.map.map.range?.[0] ?? 0}\u0000${where.key}`;
    const target = targets.get(id) ?? { ...where, entries: [], intents: [] };
    targets.set(id, target);
    target.entries.push(resources.render(intent.kind, entry));
    target.intents.push(intent);
  }
  for (const target of targets.values()) {
    const splices = appendEntries(target);
    if (typeof splices === 'string') {
      for (const intent of target.intents)
        result.left.push({ kind: intent.kind, path: intent.path, reason: splices, cause: 'not-acceptable' });
      continue;
    }
    result.splices.set(target.file, [...(result.splices.get(target.file) ?? []), ...splices]);
    for (const intent of target.intents) result.added.push({ kind: intent.kind, path: intent.path, file: target.file.path });
  }
  return result;
}

/** The entries appended to the list `key` of the target's mapping (the list made when missing), or why they cannot be. */
function appendEntries(target: Target): Splice[] | string {
  const { file, map, key, entries } = target;
  if (map.throughAlias !== undefined) return `its place is written through the YAML alias *${map.throughAlias}; add it by hand`;
  const text = file.text;
  const pair = pairOf(map.map, key);
  const firstKey = map.map.items[0]?.key as Node | undefined;
  const keyColumn = columnOf(text, firstKey?.range?.[0] ?? 0);
  if (pair === undefined) {
    const at = afterLine(text, map.map.range?.[1] ?? text.length);
    const lead = at === text.length && !text.endsWith('\n') ? '\n' : '';
    const body = entries.map((lines) => indentLines(lines, keyColumn + 2)).join('\n');
    return [{ start: at, end: at, text: `${lead}${' '.repeat(keyColumn)}${key}:\n${body}\n`, column: keyColumn }];
  }
  const list = pair.value;
  if (!isSeq(list)) return `\`${key}:\` is not written as a list here; add it by hand`;
  const seq = list;
  if (seq.flow) {
    if (seq.items.length > 0) return `\`${key}:\` is written as a flow list (\`[…]\`); add it by hand`;
    const [start, end] = seq.range ?? [0, 0];
    const lines = entries.flatMap((entry) => indentLines(entry, keyColumn + 2).split('\n'));
    return inPlaceOf(file, pair, start, end, { kind: 'list', lines });
  }
  const items = seq.items as Node[];
  const first = items[0]?.range?.[0] ?? seq.range?.[0] ?? 0;
  let dash = first - 1;
  while (dash > 0 && text[dash] !== '-') dash--;
  const column = columnOf(text, dash);
  const spaced = items.slice(1).some((item) => item.spaceBefore === true);
  const at = afterLine(text, seq.range?.[1] ?? text.length);
  const lead = at === text.length && !text.endsWith('\n') ? '\n' : '';
  const body = entries.map((lines) => `${spaced ? '\n' : ''}${indentLines(lines, column)}\n`).join('');
  return [{ start: at, end: at, text: lead + body, column }];
}

/** Where an addition goes: the header file's root for a category, the YAML category or event for the rest. */
function targetOf(
  intent: NewIntent,
  files: ReadonlyMap<string, YamlText>,
  plan: TrackingPlan,
): Omit<Target, 'entries' | 'intents'> | undefined {
  if (intent.kind === 'category') {
    for (const file of files.values()) {
      const root = rootMap(file.doc);
      if (root !== undefined && pairOf(root, 'integration') !== undefined) return { file, map: { map: root }, key: 'categories' };
    }
    return undefined;
  }
  const category = plan.categories.find((c) => c.title === intent.path[0]);
  const file = category?.source === undefined ? undefined : files.get(category.source.file);
  const root = file && rootMap(file.doc);
  if (file === undefined || root === undefined) return undefined;
  const found = findItem(file.doc, { map: root }, 'categories', intent.path[0] ?? '');
  if (intent.kind === 'event') return found && { file, map: found, key: 'events' };
  const event = found && findItem(file.doc, found, 'events', intent.path[1] ?? '');
  return event && { file, map: event, key: 'properties' };
}

/** The category, event or property at the intent's path in Secoda's catalog as `pull` writes it. */
function pulledEntry(categories: readonly PlanCategory[], intent: NewIntent): unknown {
  const same = (title: string, i: number) => title.normalize('NFC') === (intent.path[i] ?? '').normalize('NFC');
  const category = categories.find((c) => same(c.title, 0));
  if (intent.kind === 'category') return category;
  const event: PlanEvent | undefined = category?.events.find((e) => same(e.title, 1));
  if (intent.kind === 'event') return event;
  return event?.properties.find((p) => same(p.title, 2));
}
