/**
 * The events an import found, put together as a plan: titles checked, categories and events
 * sorted, notes sorted and once each. An event title the plan cannot hold is left out; an event
 * whose title another event of its category holds but for case (`Sign Up`, `sign up`) goes to a
 * category of its own, `<category> (2)`: a payload names its event exactly and `check` finds an
 * event by its title in any category, so the plan still checks both.
 */
import { titleKey } from '../tracking-plan/semantic-rules.js';
import { compareNotes, type ImportNote } from './import-note.js';
import type { ImportedCategory, ImportedEvent, ImportedPlan } from './imported-plan.js';
import { note } from './map-context.js';
import { titleProblem } from './plan-text.js';
import type { SourcePlace } from './schema-places.js';

/** An event found in the source, with the category it belongs to and where it is written. */
export interface FoundEvent {
  readonly category: string;
  readonly event: ImportedEvent;
  readonly place: SourcePlace;
}

export function assemblePlan(found: readonly FoundEvent[], notes: readonly ImportNote[]): ImportedPlan {
  const collected = { notes: [...notes] };
  const categories = new Map<string, { keys: Set<string>; events: ImportedEvent[] }>();
  const sorted = [...found].sort((a, b) => order(a.category, b.category) || order(a.event.title, b.event.title));
  for (const { category, event, place } of sorted) {
    const problem = titleProblem(event.title);
    if (problem !== undefined) {
      note(collected, place, `event ${JSON.stringify(event.title)} cannot be a plan title (it ${problem}): left out`);
      continue;
    }
    const categoryTitle = holdableCategory(category, place, collected);
    let title = categoryTitle;
    for (let n = 2; categories.get(title)?.keys.has(titleKey(event.title)) === true; n++) title = `${categoryTitle} (${n})`;
    if (title !== categoryTitle) {
      note(
        collected,
        place,
        `event ${JSON.stringify(event.title)} differs from another event of category ${JSON.stringify(categoryTitle)} only by case or spacing: written in category ${JSON.stringify(title)}`,
        'moved',
      );
    }
    const entry = categories.get(title) ?? { keys: new Set<string>(), events: [] };
    entry.keys.add(titleKey(event.title));
    entry.events.push(event);
    categories.set(title, entry);
  }
  const result: ImportedCategory[] = [...categories]
    .sort(([a], [b]) => order(a, b))
    .map(([title, entry]) => ({ title, events: entry.events.sort((a, b) => order(a.title, b.title)) }));
  return { categories: result, notes: uniqueNotes(collected.notes) };
}

/** A category title the plan can hold: as found, trimmed, or "Imported". */
function holdableCategory(title: string, place: SourcePlace, collected: { notes: ImportNote[] }): string {
  if (titleProblem(title) === undefined) return title;
  const trimmed = title.trim();
  const chosen = titleProblem(trimmed) === undefined ? trimmed : 'Imported';
  note(
    collected,
    place,
    `category ${JSON.stringify(title)} cannot be a plan title (it ${titleProblem(title) ?? ''}): written as ${JSON.stringify(chosen)}`,
    'moved',
  );
  return chosen;
}

function uniqueNotes(notes: readonly ImportNote[]): ImportNote[] {
  const seen = new Set<string>();
  return [...notes].sort(compareNotes).filter((n) => {
    const key = JSON.stringify([n.file, n.pointer, n.effect, n.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function order(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
