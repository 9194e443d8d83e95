/**
 * The remote state an applied tracking plan leaves in Secoda, for compatibility tests that
 * start from "before" YAML: each category, event and property with readable IDs
 * (`c:Checkout`, `e:Checkout/Order Completed`, `p:Checkout/Order Completed/currency`).
 */
import { joinEnum } from '../../src/plan/field-diff.js';
import type { RemoteState } from '../../src/secoda/types.js';
import type { CommonFields, TrackingPlan } from '../../src/tracking-plan/types.js';
import { category, event, property, state } from './remote-fixtures.js';

function common(node: CommonFields) {
  return {
    description: node.description ?? null,
    definition: node.definition ?? null,
    pii: node.pii ?? null,
    verified: node.verified ?? null,
    published: node.published ?? null,
    teams: node.teams ?? [],
    owners: node.owners ?? [],
    owners_groups: node.owners_groups ?? [],
    collections: node.collections ?? [],
    tags: node.tags ?? [],
    subscribers: node.subscribers ?? [],
  };
}

export function remoteFromPlan(plan: TrackingPlan): RemoteState {
  const remote = state();
  for (const c of plan.categories) {
    const categoryId = `c:${c.title}`;
    remote.categories.push(category(categoryId, c.title, { teams: c.teams ?? [] }));
    for (const e of c.events) {
      const eventId = `e:${c.title}/${e.title}`;
      remote.events.push(event(eventId, categoryId, e.title, common(e)));
      for (const p of e.properties) {
        remote.properties.push(
          property(`p:${c.title}/${e.title}/${p.title}`, eventId, p.title, {
            ...common(p),
            type: p.type ?? null,
            enum: p.enum === undefined ? null : joinEnum(p.enum),
            is_required: p.required ?? null,
          }),
        );
      }
    }
  }
  return remote;
}
