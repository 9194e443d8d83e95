/**
 * A corpus of track calls for the `check` benchmark, written to a file in chunks (never held
 * whole): mostly valid payloads of the plan's events, with a known number of each violation
 * mixed in, and some calls of other types. The counts come back so the run can prove the check
 * found exactly those: a correctness check at full size, not a timing assertion.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { PlanEvent, PlanProperty, TrackingPlan } from '../src/tracking-plan/types.js';
import type { ViolationKind } from '../src/check/report.js';
import { Random } from './random.js';

export interface CorpusCounts {
  readonly lines: number;
  readonly checked: number;
  readonly skipped: number;
  readonly violations: Readonly<Record<ViolationKind, number>>;
  readonly bytes: number;
}

/** One line in this many carries one injected violation; one in `OTHER_TYPE_EVERY` is an identify call. */
const VIOLATION_EVERY = 50;
const OTHER_TYPE_EVERY = 40;

const DATE = '2026-11-27';
const DATE_TIME = '2026-11-27T14:03:11.482Z';

function valueOf(property: PlanProperty, random: Random): unknown {
  switch (property.type) {
    case 'enum':
      return random.pick(property.enum ?? ['x']);
    case 'integer':
      return random.int(1000);
    case 'number':
      return Math.round(random.float() * 100_000) / 100;
    case 'boolean':
      return random.chance(0.5);
    case 'object':
      return { source: 'web', depth: random.int(5) };
    case 'array':
      return [random.int(100), random.int(100)];
    case 'date':
      return DATE;
    case 'datetime':
      return DATE_TIME;
    default:
      return `${property.title}-${random.int(1_000_000).toString(36)}`;
  }
}

/** A value that is not of the property's type, for `wrong-type`. */
const wrongValue = (property: PlanProperty): unknown => (property.type === 'string' || property.type === 'enum' ? 42 : 'forty-two');

/**
 * Writes `lines` payloads to `path`. Only events whose title is unique in the plan are used, so
 * each injected violation is one violation (a title in two categories passes if it fits either).
 */
export async function writeCorpus(plan: TrackingPlan, lines: number, path: string, seed = 11): Promise<CorpusCounts> {
  const random = new Random(seed);
  const titles = new Map<string, number>();
  for (const category of plan.categories) for (const event of category.events) titles.set(event.title, (titles.get(event.title) ?? 0) + 1);
  const events: PlanEvent[] = plan.categories.flatMap((c) => c.events).filter((e) => titles.get(e.title) === 1);
  const violations: Record<ViolationKind, number> = {
    'unplanned-event': 0,
    'unplanned-property': 0,
    'missing-required': 0,
    'wrong-type': 0,
    'value-not-in-enum': 0,
    'invalid-json': 0,
  };
  const kinds = Object.keys(violations) as ViolationKind[];
  let checked = 0;
  let skipped = 0;
  let bytes = 0;
  const out = createWriteStream(path);
  let chunk: string[] = [];
  const flush = async () => {
    const text = chunk.join('');
    chunk = [];
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };

  for (let n = 1; n <= lines; n++) {
    const envelope = { messageId: random.uuid(), timestamp: DATE_TIME, userId: `user-${random.int(100_000)}` };
    if (n % OTHER_TYPE_EVERY === 0) {
      chunk.push(`${JSON.stringify({ type: 'identify', ...envelope, traits: { plan: 'plus' } })}\n`);
      skipped++;
    } else {
      const event = random.pick(events);
      const properties: Record<string, unknown> = {};
      for (const property of event.properties) {
        if (property.required === true || random.chance(0.7)) properties[property.title] = valueOf(property, random);
      }
      let name = event.title;
      let text: string | undefined;
      if (n % VIOLATION_EVERY === 0) {
        const kind = kinds[(n / VIOLATION_EVERY) % kinds.length] ?? 'invalid-json';
        const required = event.properties.find((p) => p.required === true);
        const enumProperty = event.properties.find((p) => p.type === 'enum');
        const typed = event.properties[0];
        if (kind === 'unplanned-event') name = `${event.title} (unplanned)`;
        else if (kind === 'unplanned-property') properties['not_in_the_plan'] = 1;
        else if (kind === 'missing-required' && required !== undefined) delete properties[required.title];
        else if (kind === 'wrong-type' && typed !== undefined) properties[typed.title] = wrongValue(typed);
        else if (kind === 'value-not-in-enum' && enumProperty !== undefined) properties[enumProperty.title] = 'not-a-listed-value';
        else if (kind === 'invalid-json') text = `{"type":"track","event":${JSON.stringify(event.title)},"properties":{\n`;
        const applied =
          kind === 'unplanned-event' ||
          kind === 'unplanned-property' ||
          kind === 'invalid-json' ||
          (kind === 'missing-required' && required !== undefined) ||
          (kind === 'wrong-type' && typed !== undefined) ||
          (kind === 'value-not-in-enum' && enumProperty !== undefined);
        if (applied) violations[kind]++;
      }
      if (text === undefined) {
        checked++;
        text = `${JSON.stringify({ type: 'track', event: name, properties, ...envelope })}\n`;
      }
      chunk.push(text);
    }
    if (chunk.length >= 2000) await flush();
  }
  await flush();
  out.end();
  await once(out, 'finish');
  return { lines, checked, skipped, violations, bytes };
}
