/**
 * Which remote resources become the YAML. It mirrors how the planner matches resources (by
 * exact title within the parent; the oldest of same-titled siblings wins), so the pulled plan
 * plans as a no-op against the remote it came from, except for what is reported:
 *
 * - a title the YAML cannot hold, or one that differs from an older sibling's only by case or
 *   spacing: skipped (the planner deletes it, with its children);
 * - remote duplicates (same title, same parent): the oldest is pulled, the rest skipped;
 * - events and properties whose parent is not under the integration: skipped;
 * - a category that exists twice: the events of the later copies are pulled under the oldest
 *   copy, which apply moves them to, exactly as the planner plans it.
 */
import { idKey } from '../ids.js';
import { scope } from '../plan/integration-scope.js';
import type { RemoteCategory, RemoteEvent, RemoteProperty, RemoteState } from '../secoda/types.js';
import { titleKey } from '../tracking-plan/semantic-rules.js';
import type { PlanCategory, PlanEvent, PlanProperty, TrackingPlan } from '../tracking-plan/types.js';
import type { PullNote, PullNoteCode } from './pull-note.js';
import type { ReferenceWriter } from '../references/pull-names.js';
import { PullNotebook } from './pull-notebook.js';
import { categoryTeams, commonFields, propertyShape } from './remote-fields.js';
import { byTitle, groupBy, oldestFirst, type Dated } from './remote-order.js';
import { titleProblem } from './representable.js';

export interface Chosen {
  readonly plan: TrackingPlan;
  readonly notes: PullNote[];
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

interface KeptCategory {
  readonly remote: RemoteCategory;
  readonly copies: readonly RemoteCategory[];
}

interface KeptEvent {
  readonly remote: RemoteEvent;
  readonly category: KeptCategory;
}

/** The resources of `integration` that the pulled plan holds, and the notes on what it could not hold as Secoda does. */
export function chooseResources(remoteState: RemoteState, integration: string, writer?: ReferenceWriter): Chosen {
  const chooser = new Chooser(scope(remoteState, integration), writer);
  return { plan: { version: 1, integration, categories: chooser.run() }, notes: chooser.notebook.notes };
}

class Chooser {
  readonly notebook = new PullNotebook();
  private readonly events: RemoteEvent[];
  private readonly eventsByParent: Map<string, RemoteEvent[]>;
  private readonly propertiesByParent: Map<string, RemoteProperty[]>;

  constructor(
    private readonly remote: RemoteState,
    /** How references are written (by name); by ID without one. */
    private readonly writer?: ReferenceWriter,
  ) {
    this.events = [...remote.events].sort(oldestFirst);
    this.eventsByParent = groupBy(this.events, (e) => (e.parent === null ? '' : idKey(e.parent)));
    this.propertiesByParent = groupBy([...remote.properties].sort(oldestFirst), (p) => (p.parent === null ? '' : idKey(p.parent)));
  }

  run(): PlanCategory[] {
    const categories = this.chooseCategories();
    // The planner first matches each YAML event among its category's own events, claiming every
    // same-titled copy; events it did not claim are left for the second copies' events to move.
    const claimed = new Set<string>();
    const chosen = new Map<KeptCategory, { events: KeptEvent[]; keys: Map<string, RemoteEvent> }>();
    for (const category of categories) {
      const own = this.childrenOf(this.eventsByParent, category.remote.id);
      const { accepted, keys } = this.chooseSiblings(own, 'event', [category.remote.title], claimed);
      chosen.set(category, { events: accepted.map((remote) => ({ remote, category })), keys });
    }
    this.chooseMovedEvents(categories, chosen, claimed);
    this.reportOrphans();

    return categories
      .map((category) => {
        const events = (chosen.get(category)?.events ?? []).map((kept) => this.toPlanEvent(kept));
        const teams = categoryTeams(
          category.remote,
          this.notebook.fieldReport('category', [category.remote.title], category.remote.id),
          this.writer,
        );
        return { title: category.remote.title, ...(teams === undefined ? {} : { teams }), events: events.sort(byTitle) };
      })
      .sort(byTitle);
  }

  /** Categories keep the oldest of each title; a title the YAML cannot hold skips every copy. */
  private chooseCategories(): KeptCategory[] {
    const kept: KeptCategory[] = [];
    const keys = new Map<string, RemoteCategory>();
    for (const [title, copies] of groupBy([...this.remote.categories].sort(oldestFirst), (c) => c.title)) {
      const [first, ...rest] = copies;
      if (first === undefined) continue;
      const problem = titleProblem(title);
      const rival = keys.get(titleKey(title));
      if (problem !== null || rival !== undefined) {
        const why =
          problem !== null
            ? `the title ${problem}`
            : `the title differs only by case or spacing from category ${JSON.stringify(rival?.title)} (id ${rival?.id ?? ''}), which is older and is pulled`;
        for (const copy of copies) this.skipCategory(copy, problem !== null ? 'title-not-representable' : 'title-case-collision', why);
        continue;
      }
      keys.set(titleKey(title), first);
      kept.push({ remote: first, copies: rest });
      for (const copy of rest) {
        const events = this.childrenOf(this.eventsByParent, copy.id).length;
        this.notebook.note(
          'category-copy',
          'merged',
          'category',
          [title],
          copy.id,
          `a second copy of category ${JSON.stringify(title)}, whose oldest copy is ${first.id}; its ${plural(events, 'event is', 'events are')} pulled under the oldest copy where possible (noted one by one); delete this copy in Secoda by hand (the API cannot delete categories)`,
        );
      }
    }
    return kept;
  }

  /**
   * Siblings under one parent: the oldest of each title is pulled; later duplicates, titles the
   * YAML cannot hold and titles that collide by case with an older sibling's are skipped.
   */
  private chooseSiblings<T extends Dated>(
    items: readonly T[],
    kind: 'event' | 'property',
    parentPath: readonly string[],
    claimed?: Set<string>,
  ): { accepted: T[]; keys: Map<string, T> } {
    const accepted: T[] = [];
    const keys = new Map<string, T>();
    for (const [title, group] of groupBy(items, (item) => item.title)) {
      const [first, ...rest] = group;
      if (first === undefined) continue;
      const path = [...parentPath, title];
      const problem = titleProblem(title);
      const rival = keys.get(titleKey(title));
      if (problem !== null || rival !== undefined) {
        const code: PullNoteCode = problem !== null ? 'title-not-representable' : 'title-case-collision';
        const why =
          problem !== null
            ? `the title ${problem}`
            : `the title differs only by case or spacing from ${kind} ${JSON.stringify(rival?.title)} (id ${rival?.id ?? ''}), which is older and is pulled`;
        for (const item of group)
          this.notebook.skip(
            kind,
            path,
            item.id,
            code,
            `${why}; ${this.skipOutcome(kind, item.id)}; rename it in Secoda and pull again to keep it`,
          );
        continue;
      }
      keys.set(titleKey(title), first);
      accepted.push(first);
      for (const item of group) claimed?.add(item.id);
      for (const duplicate of rest)
        this.notebook.skip(
          kind,
          path,
          duplicate.id,
          'duplicate',
          `a duplicate of the older ${kind} ${first.id} with the same title; ${this.skipOutcome(kind, duplicate.id)}`,
        );
    }
    return { accepted, keys };
  }

  /**
   * Events of a category's later copies. The planner moves each YAML event it did not find in
   * the oldest copy to there from the oldest unclaimed event with that title anywhere under the
   * integration; so an event is pulled only when it is that one, and then at most one per title.
   */
  private chooseMovedEvents(
    categories: readonly KeptCategory[],
    chosen: Map<KeptCategory, { events: KeptEvent[]; keys: Map<string, RemoteEvent> }>,
    claimed: ReadonlySet<string>,
  ): void {
    const oldestUnclaimed = new Map<string, RemoteEvent>();
    for (const event of this.events)
      if (!claimed.has(event.id) && !oldestUnclaimed.has(event.title)) oldestUnclaimed.set(event.title, event);
    for (const category of categories) {
      const entry = chosen.get(category);
      if (entry === undefined) continue;
      const title = category.remote.title;
      const candidates = category.copies.flatMap((copy) => this.childrenOf(this.eventsByParent, copy.id)).sort(oldestFirst);
      for (const event of candidates) {
        const path = [title, event.title];
        const problem = titleProblem(event.title);
        const rival = entry.keys.get(titleKey(event.title));
        const winner = oldestUnclaimed.get(event.title);
        let why: [PullNoteCode, string] | null = null;
        if (problem !== null) why = ['title-not-representable', `the title ${problem}; it is in a second copy of the category`];
        else if (rival !== undefined && rival.title === event.title)
          why = ['duplicate', `a second copy of the category holds it, and the category already has this event (id ${rival.id})`];
        else if (rival !== undefined)
          why = [
            'title-case-collision',
            `it is in a second copy of the category, and its title differs only by case or spacing from event ${JSON.stringify(rival.title)} (id ${rival.id}), which is pulled`,
          ];
        else if (winner !== undefined && winner !== event)
          why = [
            'older-namesake',
            `it is in a second copy of the category, and an older event with the same title (id ${winner.id}) is elsewhere in Secoda; apply would move that one here instead`,
          ];
        if (why !== null) {
          this.notebook.skip('event', path, event.id, why[0], `${why[1]}; ${this.skipOutcome('event', event.id)}`);
          continue;
        }
        entry.keys.set(titleKey(event.title), event);
        entry.events.push({ remote: event, category });
        const properties = this.childrenOf(this.propertiesByParent, event.id).length;
        this.notebook.note(
          'moved-from-copy',
          'moved',
          'event',
          path,
          event.id,
          `it is in a second copy of the category (id ${event.parent ?? ''}); it is pulled under the oldest copy (id ${category.remote.id}), and apply moves it there (deletes and re-creates it${properties > 0 ? `, with its ${plural(properties, 'property', 'properties')}` : ''})`,
        );
      }
    }
  }

  /** Events whose category, and properties whose event, is not under the integration. */
  private reportOrphans(): void {
    const categoryIds = new Set(this.remote.categories.map((c) => idKey(c.id)));
    for (const event of this.events) {
      if (event.parent !== null && categoryIds.has(idKey(event.parent))) continue;
      const where = event.parent === null ? 'it has no category' : `its category (${event.parent}) is not under the integration`;
      this.notebook.skip(
        'event',
        [`(category ${event.parent ?? 'none'})`, event.title],
        event.id,
        'orphan',
        `${where}, so a tracking plan has no place for it; ${this.skipOutcome('event', event.id)}`,
      );
    }
    const eventIds = new Set(this.remote.events.map((e) => idKey(e.id)));
    for (const property of [...this.remote.properties].sort(oldestFirst)) {
      if (property.parent !== null && eventIds.has(idKey(property.parent))) continue;
      const where = property.parent === null ? 'it has no event' : `its event (${property.parent}) is not under the integration`;
      this.notebook.skip(
        'property',
        ['(no category)', `(event ${property.parent ?? 'none'})`, property.title],
        property.id,
        'orphan',
        `${where}, so a tracking plan has no place for it; ${this.skipOutcome('property', property.id)}`,
      );
    }
  }

  private toPlanEvent(kept: KeptEvent): PlanEvent {
    const { remote } = kept;
    const path = [kept.category.remote.title, remote.title];
    // A moved event's properties are re-created by apply; those skipped here are noted all the same.
    const { accepted } = this.chooseSiblings(this.childrenOf(this.propertiesByParent, remote.id), 'property', path);
    const properties = accepted.map((property) => this.toPlanProperty(property, [...path, property.title])).sort(byTitle);
    return { title: remote.title, ...commonFields(remote, this.notebook.fieldReport('event', path, remote.id), this.writer), properties };
  }

  private toPlanProperty(remote: RemoteProperty, path: string[]): PlanProperty {
    const report = this.notebook.fieldReport('property', path, remote.id);
    return { title: remote.title, ...propertyShape(remote, report), ...commonFields(remote, report, this.writer) };
  }

  private childrenOf<T>(byParent: Map<string, T[]>, id: string): T[] {
    return byParent.get(idKey(id)) ?? [];
  }

  private skipOutcome(kind: 'event' | 'property', id: string): string {
    if (kind === 'property') return 'not pulled, so the plan deletes it';
    const properties = this.childrenOf(this.propertiesByParent, id).length;
    return `not pulled, so the plan deletes it${properties > 0 ? ` and its ${plural(properties, 'property', 'properties')}` : ''}`;
  }

  private skipCategory(category: RemoteCategory, code: PullNoteCode, why: string): void {
    const events = this.childrenOf(this.eventsByParent, category.id).length;
    const outcome =
      events > 0
        ? `not pulled, nor its ${plural(events, 'event', 'events')}: the plan deletes those events and warns about the category (the API cannot delete categories); rename it in Secoda and pull again to keep them`
        : 'not pulled: the plan warns about it (the API cannot delete categories); rename it in Secoda and pull again to keep it';
    this.notebook.skip('category', [category.title], category.id, code, `${why}; ${outcome}`);
  }
}
