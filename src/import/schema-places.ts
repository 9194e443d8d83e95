/**
 * Where each node of a source schema is written, so that a note about it names the source's
 * file and JSON pointer. A schema read from a JSON file (Segment, Snowplow) has its places
 * found as the mapping walks down from the root; a schema that an import builds from another
 * shape (RudderStack's YAML) has them set as it is built, keyword by keyword where a keyword
 * comes from a differently named key (`config.multiple_of` for `multipleOf`).
 */
import { childPointer } from './import-note.js';

/** A file and a JSON pointer into its data. */
export interface SourcePlace {
  readonly file: string;
  readonly pointer: string;
}

export class SchemaPlaces {
  private readonly places = new WeakMap<object, SourcePlace>();
  private readonly keywordPlaces = new WeakMap<object, Map<string, SourcePlace>>();

  /** Says where `node` is written (the first place given wins: a node reached twice is one place). */
  set(node: object, place: SourcePlace): void {
    if (!this.places.has(node)) this.places.set(node, place);
  }

  /** Says where `node`'s `keyword` comes from, when that is not `<node>/<keyword>`. */
  setKeyword(node: object, keyword: string, place: SourcePlace): void {
    let map = this.keywordPlaces.get(node);
    if (map === undefined) {
      map = new Map();
      this.keywordPlaces.set(node, map);
    }
    map.set(keyword, place);
  }

  /** Where `node` is written; `fallback` (its parent's place) when nobody said. */
  of(node: object, fallback: SourcePlace): SourcePlace {
    return this.places.get(node) ?? fallback;
  }

  /** Where `child`, reached from `parent` by `steps`, is written: known, or found from the parent's place. */
  child(parent: object, child: unknown, ...steps: readonly (string | number)[]): SourcePlace {
    const parentPlace = this.of(parent, { file: '', pointer: '' });
    const found = { file: parentPlace.file, pointer: childPointer(parentPlace.pointer, ...steps) };
    if (child === null || typeof child !== 'object') return found;
    this.set(child, found);
    return this.of(child, found);
  }

  /** Where `node`'s `keyword` is written (for a note about that keyword). */
  keyword(node: object, keyword: string): SourcePlace {
    const set = this.keywordPlaces.get(node)?.get(keyword);
    if (set !== undefined) return set;
    const place = this.of(node, { file: '', pointer: '' });
    return { file: place.file, pointer: childPointer(place.pointer, keyword) };
  }
}
