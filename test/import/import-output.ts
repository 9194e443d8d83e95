/** What an import writes, as text a reviewer reads: the plan's files and the notes, one a line. */
import { importedPlanFiles, type PlanFileText } from '../../src/cli/imported-plan-files.js';
import { formatNote } from '../../src/import/import-note.js';
import type { ImportedPlan } from '../../src/import/imported-plan.js';

export const FIXTURES = 'test/fixtures/import';

export function importOutput(plan: ImportedPlan): { files: PlanFileText[]; notes: string } {
  return {
    files: importedPlanFiles(
      plan.categories,
      { integration: 'ca529385-fbc9-4934-afae-e372affe795b' },
      '../../schemas/tracking-plan.schema.json',
    ),
    notes: plan.notes.map((note) => `${note.effect}  ${formatNote(note)}\n`).join(''),
  };
}

/** The same items in another order (reversed, then every other one first): an input order nobody relies on. */
export function reordered<T>(items: readonly T[]): T[] {
  const reversed = [...items].reverse();
  return [...reversed.filter((_, i) => i % 2 === 1), ...reversed.filter((_, i) => i % 2 === 0)];
}
