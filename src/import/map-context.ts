/**
 * What the mapping from JSON Schema to the plan carries down a schema: where each node is
 * written, the document that `#…` references resolve against, the references being followed
 * (to stop at one that refers to itself), and the notes found so far.
 */
import type { ImportNote, NoteEffect } from './import-note.js';
import type { SchemaPlaces, SourcePlace } from './schema-places.js';

export interface MapContext {
  readonly places: SchemaPlaces;
  /** The schema document that `$ref: "#/…"` points into. */
  readonly root: unknown;
  readonly notes: ImportNote[];
  /** `$ref` targets being mapped, innermost last. */
  readonly following: readonly object[];
  /**
   * Whether the values being mapped are an event's own properties, which Secoda receives: their
   * enum values must survive Secoda's one comma-joined text (no comma, none empty, no surrounding
   * spaces). Nested properties and array items are the plan's alone.
   */
  readonly secoda: boolean;
}

/** Records that what is at `place` is not in the plan (or, with `effect`, what else was done). */
export function note(ctx: Pick<MapContext, 'notes'>, place: SourcePlace, message: string, effect: NoteEffect = 'left-out'): void {
  ctx.notes.push({ file: place.file, pointer: place.pointer, effect, message });
}

/** Notes that `node`'s `keyword` is left out, saying why. */
export function leaveOutKeyword(ctx: MapContext, node: object, keyword: string, why: string): void {
  note(ctx, ctx.places.keyword(node, keyword), `${keyword} ${why}`);
}
