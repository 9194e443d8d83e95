/**
 * The delete guard's verdict in words (src/plan/delete-guard.ts decides it): why a plan trips
 * the guard, and what it destroys, one line per cause — "event "X" moves to category "Y": it and
 * its 16 properties are re-created", "enum of 160 properties changed (each is re-created)",
 * "12 events are not in the tracking plan: check the plan path (…)", "5 duplicates (…)".
 */
import type { DestroyCause, GuardVerdict } from '../plan/delete-guard.js';
import { plural } from './plural.js';

const resources = (count: number) => plural(count, 'event or property', 'events and properties');

/** "this plan destroys 17 events and properties (…): more than --max-deletes 10, and more than a quarter of …"; null when the guard is not tripped. */
export function guardTripText(verdict: GuardVerdict): string | null {
  const trip = verdict.trip;
  if (trip === null) return null;
  const reasons: string[] = [];
  if (trip.overMaxDeletes !== null) reasons.push(`more than --max-deletes ${trip.overMaxDeletes}`);
  if (trip.overQuarterOf !== null)
    reasons.push(
      `more than a quarter of the ${resources(trip.overQuarterOf)} under the integration${trip.copiesLeftOut ? ' that are not surplus copies' : ''}`,
    );
  return `this plan destroys ${resources(verdict.destroys)} (deleted, or deleted and re-created): ${reasons.join(', and ')}`;
}

/** What the plan destroys, one line per cause (duplicates last); empty when nothing is destroyed. */
export function guardCauseLines(verdict: GuardVerdict): string[] {
  return verdict.causes.map(causeText);
}

function causeText(cause: DestroyCause): string {
  switch (cause.kind) {
    case 'moved':
      return cause.events.length === 1
        ? `event ${quote(cause.events[0] ?? '')} moves to category ${quote(cause.to)}: ${itAnd(cause.properties)} re-created`
        : `${cause.events.length} events move${cause.from === '' ? '' : ` from category ${quote(cause.from)}`} to category ${quote(cause.to)}: they and their ${plural(cause.properties, 'property', 'properties')} are re-created`;
    case 'event-forced':
      return `event ${quote(cause.event)} in category ${quote(cause.category)}: ${cause.fields.join(' and ')} cannot change in place: ${itAnd(cause.properties)} re-created`;
    case 'properties-forced':
      return (
        `${cause.fields.join(' and ')} of ${plural(cause.count, 'property', 'properties')} changed (${cause.count === 1 ? 'it is' : 'each is'} re-created)` +
        (cause.shared === undefined ? '' : `, from shared property ${quote(cause.shared)}`)
      );
    case 'not-in-plan': {
      const what = [
        cause.events > 0 ? plural(cause.events, 'event') : '',
        cause.properties > 0 ? plural(cause.properties, 'property', 'properties') : '',
      ]
        .filter((part) => part !== '')
        .join(' and ');
      return `${what} ${cause.events + cause.properties === 1 ? 'is' : 'are'} not in the tracking plan: check the plan path (a wrong directory, a file left out)`;
    }
    case 'other':
      return plural(cause.count, 'other delete');
    case 'duplicates':
      return `${plural(cause.count, 'duplicate')} (surplus copies of resources the plan keeps, e.g. from two applies at once; not counted)`;
  }
}

function itAnd(properties: number): string {
  return properties === 0 ? 'it is' : `it and its ${plural(properties, 'property', 'properties')} are`;
}

function quote(text: string): string {
  return JSON.stringify(text);
}
