/**
 * What the plan can only warn about: the API cannot update or delete categories, so a category
 * that exists twice, whose teams differ, or that the YAML does not name needs a manual step.
 */
import { idKey } from '../ids.js';
import type { RemoteCategory } from '../secoda/types.js';
import type { PlanCategory } from '../tracking-plan/types.js';
import type { Warning } from './types.js';

/**
 * The warnings about a category the plan uses: `copies` are the remote categories with its
 * title, oldest first (`remote`, the one used, is the first).
 */
export function usedCategoryWarnings(category: PlanCategory, remote: RemoteCategory, copies: readonly RemoteCategory[]): Warning[] {
  const warnings: Warning[] = [];
  if (copies.length > 1) {
    warnings.push({
      code: 'category-duplicate',
      path: [category.title],
      message: `category "${category.title}" exists ${copies.length} times in Secoda; tpsync uses the oldest (${remote.id}) and moves events out of the others`,
      hint: `delete the other copies in Secoda (${copies
        .slice(1)
        .map((c) => c.id)
        .join(', ')}); the API cannot delete categories`,
    });
  }
  if (category.teams !== undefined) {
    const want = new Set(category.teams.map(idKey));
    const have = new Set(remote.teams.map(idKey));
    if (want.size !== have.size || [...want].some((t) => !have.has(t))) {
      warnings.push({
        code: 'category-teams-differ',
        path: [category.title],
        message: `category "${category.title}" has teams [${remote.teams.join(', ')}] in Secoda, the plan says [${category.teams.join(', ')}]`,
        hint: "change the category's teams in Secoda by hand; the API cannot update categories",
      });
    }
  }
  return warnings;
}

/** The warning about a remote category the YAML does not name; `events` of it are deleted. */
export function categoryNotInPlanWarning(category: RemoteCategory, events: number): Warning {
  return {
    code: 'category-not-in-plan',
    path: [category.title],
    message: `category "${category.title}" is in Secoda but not in the tracking plan${events > 0 ? ` (its ${events} ${events === 1 ? 'event is' : 'events are'} deleted)` : ''}`,
    hint: 'delete the category in Secoda by hand if it is no longer used, or add it to the plan; the API cannot delete categories',
  };
}
