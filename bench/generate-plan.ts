/**
 * Deterministic tracking plans of a given shape (categories / events / properties), as the
 * loader's output type, plus the YAML text that loads back into exactly that plan. Events are
 * spread evenly over categories and properties over events; titles, types, enums and the
 * common fields come from vocabulary.ts through a seeded stream.
 */
import type { PlanFileInput } from '../src/tracking-plan/plan-file-input.js';
import type { PlanCategory, PlanEvent, PlanProperty, TrackingPlan } from '../src/tracking-plan/types.js';
import { Random } from './random.js';
import { ACTIONS, AREAS, DEFINITIONS, OBJECTS, PROPERTIES, SURFACES } from './vocabulary.js';
import type { EmulatorDirectories } from '../src/emulator/directory-data.js';

export interface PlanShape {
  readonly categories: number;
  readonly events: number;
  readonly properties: number;
}

export const BENCH_INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';

/** `total` split into `parts` counts that differ by at most one (the first ones get the extra). */
export function spread(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  const extra = total % parts;
  return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0));
}

/** The people, teams and tags a generated plan draws on: the first IDs of its random stream. */
function workspacePools(random: Random): { teams: string[]; owners: string[]; tags: string[] } {
  const teams = Array.from({ length: 12 }, () => random.uuid());
  const owners = Array.from({ length: 40 }, () => random.uuid());
  const tags = Array.from({ length: 25 }, () => random.uuid());
  return { teams, owners, tags };
}

/**
 * Secoda's directories for the workspace of `generatePlan(…, seed)`: every user, team and tag
 * the plan names is listed (as in a real workspace, where an owner is one of its users), so
 * that `plan` resolves them without a warning.
 */
export function generatedDirectories(seed = 7): EmulatorDirectories {
  const { teams, owners, tags } = workspacePools(new Random(seed));
  return {
    users: owners.map((id, n) => ({
      id,
      email: `user${n}@bench.example`,
      first_name: 'User',
      last_name: String(n),
      role: 'editor',
      disabled: false,
      pending: 'False',
      is_service_account: false,
    })),
    teams: teams.map((id, n) => ({ id, name: `Team ${n}`, archived: false, description: '', type: 'public' })),
    groups: [],
    tags: tags.map((id, n) => ({ id, name: `Tag ${n}`, description: '', color: '#000000', integration_id: null })),
    collections: [],
  };
}

export function generatePlan(shape: PlanShape, seed = 7): TrackingPlan {
  const random = new Random(seed);
  const { teams, owners, tags } = workspacePools(random);

  const eventsPer = spread(shape.events, shape.categories);
  const propertiesPer = spread(shape.properties, shape.events);
  let eventIndex = 0;
  const categories = eventsPer.map((eventCount, c): PlanCategory => {
    const area = AREAS[c % AREAS.length] ?? 'Area';
    const round = Math.floor(c / AREAS.length);
    const surface = SURFACES[round % SURFACES.length] ?? 'Other';
    const title =
      round === 0 ? area : `${area} (${surface}${round >= SURFACES.length ? ` ${Math.floor(round / SURFACES.length) + 1}` : ''})`;
    const eventTitles = uniqueTitles(
      random,
      eventCount,
      () => `${random.pick(OBJECTS)} ${random.pick(ACTIONS)}`,
      (t, n) => `${t} ${n}`,
    );
    const events = eventTitles.map((eventTitle) => generateEvent(random, eventTitle, propertiesPer[eventIndex++] ?? 0, owners, tags));
    return { title, teams: [random.pick(teams)], events };
  });
  return { version: 1, integration: BENCH_INTEGRATION, categories };
}

function generateEvent(
  random: Random,
  title: string,
  propertyCount: number,
  owners: readonly string[],
  tags: readonly string[],
): PlanEvent {
  const specs = random.sample(PROPERTIES, propertyCount);
  // More properties than the vocabulary holds: numbered copies (`price_2`), still distinct.
  for (let n = 2; specs.length < propertyCount; n++) {
    for (const spec of random.sample(PROPERTIES, propertyCount - specs.length)) specs.push({ ...spec, title: `${spec.title}_${n}` });
  }
  const properties = specs.map((spec): PlanProperty => ({
    title: spec.title,
    type: spec.type,
    ...(spec.enum === undefined ? {} : { enum: [...spec.enum] }),
    required: random.chance(0.6),
    description: spec.description,
    ...(spec.pii === true ? { pii: true } : {}),
  }));
  const event: PlanEvent = {
    title,
    description: `${title.charAt(0)}${title.slice(1).toLowerCase()} by the shopper.`,
    ...(random.chance(0.5) ? { definition: random.pick(DEFINITIONS) } : {}),
    pii: properties.some((p) => p.pii === true),
    verified: random.chance(0.7),
    published: random.chance(0.8),
    owners: random.sample(owners, 1 + random.int(2)),
    ...(random.chance(0.6) ? { tags: random.sample(tags, 1 + random.int(2)) } : {}),
    properties,
  };
  return event;
}

/** `count` titles unique within one parent: drawn, and numbered once the draws repeat. */
function uniqueTitles(random: Random, count: number, draw: () => string, numbered: (title: string, n: number) => string): string[] {
  const seen = new Set<string>();
  const titles: string[] = [];
  for (let attempt = 0; titles.length < count; attempt++) {
    let title = draw();
    if (attempt > count * 4) title = numbered(title, attempt);
    if (seen.has(title.toLowerCase())) continue;
    seen.add(title.toLowerCase());
    titles.push(title);
  }
  return titles;
}

/** The plan as YAML files: a header file, then one file per category (as a real repository keeps them). */
export function planToYamlFiles(plan: TrackingPlan): PlanFileInput[] {
  const encoder = new TextEncoder();
  const files: PlanFileInput[] = [
    {
      path: 'tracking-plan/tracking-plan.yaml',
      bytes: encoder.encode(`# Generated by the tpsync benchmark.\nversion: 1\nintegration: ${plan.integration}\n`),
    },
  ];
  plan.categories.forEach((category, index) => {
    const name = `${String(index).padStart(4, '0')}-${category.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')}.yaml`;
    files.push({ path: `tracking-plan/${name}`, bytes: encoder.encode(categoryYaml(category)) });
  });
  return files;
}

/** JSON strings are valid YAML double-quoted scalars; plain words stay plain, as people write them. */
const PLAIN = /^(?:[A-Za-z][A-Za-z0-9_ ]*[A-Za-z0-9_]|[A-Za-z]|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const scalar = (text: string): string =>
  PLAIN.test(text) && !/^(true|false|yes|no|on|off|null|y|n)$/i.test(text) ? text : JSON.stringify(text);
const list = (items: readonly string[]): string => `[${items.map(scalar).join(', ')}]`;

function categoryYaml(category: PlanCategory): string {
  const lines = [
    '# yaml-language-server: $schema=../schemas/tracking-plan.schema.json',
    'categories:',
    `  - title: ${scalar(category.title)}`,
  ];
  if (category.teams) lines.push(`    teams: ${list(category.teams)}`);
  lines.push('    events:');
  for (const event of category.events) {
    lines.push(`      - title: ${scalar(event.title)}`);
    if (event.description !== undefined) lines.push(`        description: ${scalar(event.description)}`);
    if (event.definition !== undefined)
      lines.push('        definition: |-', ...event.definition.split('\n').map((line) => `          ${line}`));
    for (const flag of ['pii', 'verified', 'published'] as const)
      if (event[flag] !== undefined) lines.push(`        ${flag}: ${String(event[flag])}`);
    if (event.owners) lines.push(`        owners: ${list(event.owners)}`);
    if (event.tags) lines.push(`        tags: ${list(event.tags)}`);
    lines.push('        properties:');
    for (const property of event.properties) {
      lines.push(`          - title: ${scalar(property.title)}`);
      if (property.type !== undefined) lines.push(`            type: ${property.type}`);
      if (property.enum !== undefined) lines.push(`            enum: ${list(property.enum)}`);
      if (property.required !== undefined) lines.push(`            required: ${String(property.required)}`);
      if (property.pii !== undefined) lines.push(`            pii: ${String(property.pii)}`);
      if (property.description !== undefined) lines.push(`            description: ${scalar(property.description)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
