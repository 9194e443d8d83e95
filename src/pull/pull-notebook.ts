/** The notes of one pull (pull-note.ts), as choose-resources.ts and remote-fields.ts make them. */
import type { ResourceKind } from '../plan/types.js';
import type { PullEffect, PullNote, PullNoteCode } from './pull-note.js';
import type { FieldReport } from './remote-fields.js';

/** The notes of one pull, in the order they were made. */
export class PullNotebook {
  readonly notes: PullNote[] = [];

  /** A note on a resource at `path` (titles from the category down). */
  note(code: PullNoteCode, effect: PullEffect, kind: ResourceKind, path: readonly string[], id: string, message: string): void {
    this.notes.push({ code, effect, kind, path: [...path], remote_id: id, message });
  }

  /** A resource that is not written: the plan deletes it (a category: warns about it). */
  skip(kind: ResourceKind, path: readonly string[], id: string, code: PullNoteCode, message: string): void {
    this.note(code, 'skipped', kind, path, id, message);
  }

  /** How remote-fields.ts reports a field of this resource that is left out of the YAML. */
  fieldReport(kind: ResourceKind, path: readonly string[], id: string): FieldReport {
    return (code, fields, problem) => {
      const names = fields.map((f) => `"${f}"`).join(' and ');
      const left =
        fields.length === 1
          ? `${names} is left out of the YAML, so tpsync leaves it alone in Secoda`
          : `${names} are left out of the YAML, so tpsync leaves them alone in Secoda`;
      this.notes.push({
        code,
        effect: 'field-unmanaged',
        kind,
        path: [...path],
        remote_id: id,
        fields: [...fields],
        message: `${problem}; ${left}`,
      });
    };
  }
}
