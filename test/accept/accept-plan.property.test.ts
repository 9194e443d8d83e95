/**
 * The accept contract, for any edits made in Secoda, over real HTTP: the plan is applied to the
 * emulator, fast-check edits what the API can edit (texts, flags, lists of IDs; now and then a
 * type, which accept must leave), `tpsync accept` runs, and then:
 *
 * - exit 0 ⇔ `tpsync plan --detailed-exitcode` is a no-op (exit 0); exit 2 ⇔ it is not;
 * - every comment of the files is still there, in order, and every line the edits did not reach
 *   is byte-identical (a line may change only if it is in an edited resource's block);
 * - accepting again changes nothing (same files, same exit code).
 */
import { diffLines } from 'diff';
import fc from 'fast-check';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import type { StoredResource } from '../../src/emulator/stored-resource.js';
import { runCli } from '../support/run-cli.js';

const TOKEN = 'accept-property-token';
const IDS = ['33733f42-8ff7-460b-9e20-50a2133d3bb0', '8680f886-97d2-4f4e-92c8-c80b46a3017d', 'f7466f09-33bf-4ac2-9ff2-165fb4b8bdc2'];

const HEADER = `# c01 header
version: 1
integration: ca529385-fbc9-4934-afae-e372affe795b # c02

# c03 shared
properties:
  - title: currency # c04
    type: string
    description: ISO code. # c05
    owners: [${IDS[0]}]
`;

const CHECKOUT = `# c06 checkout
categories:
  - title: Checkout # c07
    events:
      - title: Cart Viewed # c08
        description: 'A cart was viewed.' # c09
        pii: false
        owners: &team [${IDS[0]}] # c10
        properties:
          - use: currency # c11
          - title: items
            type: integer
            description: "How many items." # c12

      # c13 between events
      - title: Order Completed
        description: An order was placed. # c14
        definition: |
          Fired once per order. # not a comment: text
          After payment.
        verified: true
        owners: *team
        tags:
          - ${IDS[1]} # on an item: goes when the item goes
          - ${IDS[2]}
        properties:
          - use: currency
            required: true # c16
          - title: status
            type: enum
            enum: [paid, open] # c17
            description: State.
`;

/** Texts that stress YAML's styles; some differ from another only as Secoda normalises. */
const text = fc.constantFrom(
  'Plain words.',
  'Note: a colon',
  "it's quoted",
  '- dash first',
  'true',
  '123',
  '',
  '#hash',
  'a # b',
  'multi\nline',
  'multi\nline\n',
  '  padded  ',
  'tab\there',
  '{braces} [x]',
  '"double"',
  'é and e\u0301',
  'crlf\r\nline',
  '😀 emoji',
  'zero\u200bwidth',
  'An order was placed.',
  'An order was placed.\n',
  'ISO code.',
  ' ISO code. ',
);
const ids = fc.subarray(IDS);
const flag = fc.boolean();

type Edit = Partial<Pick<StoredResource, 'description' | 'definition' | 'pii' | 'verified' | 'owners' | 'tags'>> & { type?: string };
const edit: fc.Arbitrary<Edit> = fc.record(
  { description: text, definition: text, pii: flag, verified: flag, owners: ids, tags: ids, type: fc.constantFrom('string', 'number') },
  { requiredKeys: [] },
);

let secoda: RunningEmulator;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tpsync-accept-prop-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('accept → plan, for any edits in Secoda', () => {
  it('exit 0 exactly when plan is then a no-op; comments and untouched lines kept; a second accept changes nothing', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(), edit), { minLength: 1, maxLength: 4 }), fc.boolean(), async (edits, crlf) => {
        secoda = await startEmulator({ token: TOKEN });
        const plan = join(dir, `plan-${run++}`);
        try {
          const files = { 'tracking-plan.yaml': HEADER, 'checkout.yaml': CHECKOUT };
          await mkdir(plan);
          for (const [name, content] of Object.entries(files))
            await writeFile(join(plan, name), crlf ? content.replace(/\n/g, '\r\n') : content);
          const env = { SECODA_API_URL: secoda.url, SECODA_API_TOKEN: TOKEN };
          const applied = await runCli(['apply', plan, '--auto-approve', '--writes-per-minute', '0'], env);
          expect(applied.code, applied.stderr).toBe(0);

          const resources = secoda.store.list('event').concat(secoda.store.list('event_property'));
          const edited = new Set<string>();
          for (const [index, change] of edits) {
            const target = resources[index % resources.length]!;
            edited.add(target.kind === 'event' ? target.title : `${titleOf(target.parent)}/${target.title}`);
            const { type, ...fields } = change;
            // The type is not patchable through the API; in Secoda's UI it is.
            secoda.store.patch(target.id, target.kind === 'event_property' && type !== undefined ? ({ ...fields, type } as never) : fields);
          }
          const before = await readAll(plan, files);
          const accepted = await runCli(['accept', plan], env);
          expect([0, 2], accepted.stderr).toContain(accepted.code);
          const after = await readAll(plan, files);

          const planned = await runCli(['plan', plan, '--detailed-exitcode'], env);
          expect(planned.code, `${accepted.stdout}\n${planned.stdout}`).toBe(accepted.code);

          for (const name of Object.keys(files)) {
            expect(comments(after[name] ?? '')).toEqual(comments(before[name] ?? ''));
            const reachable = reachableLines(before[name] ?? '', edited);
            for (const line of changedLines(before[name] ?? '', after[name] ?? ''))
              expect(
                reachable.has(line),
                `${name}:${line} changed, outside the edited resources ${[...edited].join(', ')}:\n${after[name] ?? ''}`,
              ).toBe(true);
            expect(lineEndings(after[name] ?? ''), name).toBe(crlf ? 'crlf' : 'lf');
          }
          const again = await runCli(['accept', plan], env);
          expect(again.code).toBe(accepted.code);
          expect(await readAll(plan, files)).toEqual(after);
        } finally {
          await secoda.close();
        }
      }),
      { numRuns: 12, seed: 24, endOnFailure: true },
    );
  }, 240_000);
});

function titleOf(id: string | null): string {
  return secoda.store.list('event').find((event) => event.id === id)?.title ?? '';
}

/**
 * The lines (1-based) of the blocks of the edited resources: an event's item, a property's item
 * (and, for a property that uses `currency`, the definition's), the line after each block (where
 * a key or an item is appended), and the aliases of an anchor in one of them.
 */
function reachableLines(text: string, edited: ReadonlySet<string>): Set<number> {
  const doc = parseDocument(text);
  const lines = new Set<number>();
  const lineAt = (offset: number) => text.slice(0, offset).split('\n').length;
  const mark = (node: { range?: [number, number, number] | null } | null | undefined) => {
    const [start, , end] = node?.range ?? [0, 0, 0];
    for (let line = lineAt(start); line <= lineAt(end) + 1; line++) lines.add(line);
  };
  const usesCurrency = [...edited].some((key) => key.endsWith('/currency'));
  const data = doc.contents as YAMLMap;
  const definitions = data.get('properties') as YAMLSeq<YAMLMap> | undefined;
  if (usesCurrency) for (const item of definitions?.items ?? []) mark(item);
  const categories = data.get('categories') as YAMLSeq<YAMLMap> | undefined;
  for (const category of categories?.items ?? []) {
    for (const event of (category.get('events') as YAMLSeq<YAMLMap>).items) {
      const title = String(event.get('title'));
      if (edited.has(title)) mark(event);
      for (const property of (event.get('properties') as YAMLSeq<YAMLMap> | undefined)?.items ?? []) {
        if (edited.has(`${title}/${String(property.get('title') ?? property.get('use'))}`)) mark(property);
      }
      // An edited event's properties close its block: what follows them is its too.
      if (edited.has(title)) mark(event.get('properties', true));
    }
  }
  // An anchor in a block reached moves to an alias that keeps the old value: that alias's line is reached too.
  const all = text.split('\n');
  for (const line of [...lines])
    for (const anchor of (all[line - 1] ?? '').matchAll(/&(\w+)/g))
      all.forEach((other, i) => {
        if (other.includes(`*${anchor[1] ?? ''}`)) lines.add(i + 1);
      });
  return lines;
}

/** The lines of `before` (1-based) that `after` removes or changes, and those it inserts before. */
function changedLines(before: string, after: string): number[] {
  const changed: number[] = [];
  let line = 1;
  let replacing = false;
  for (const part of diffLines(before.replace(/\r\n/g, '\n'), after.replace(/\r\n/g, '\n'))) {
    const count = part.count ?? 0;
    if (part.removed) for (let i = 0; i < count; i++) changed.push(line + i);
    // Lines added in place of removed ones are those lines' change; otherwise they go before `line`.
    else if (part.added && !replacing) changed.push(line);
    replacing = part.removed === true;
    if (!part.added) line += count;
  }
  return changed;
}

async function readAll(plan: string, files: Record<string, string>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(files)) out[name] = await readFile(join(plan, name), 'utf8');
  return out;
}

/** The `# cNN` markers, in order: every comment of the fixture carries one. */
function comments(text: string): string[] {
  return [...text.matchAll(/# (c\d\d)\b/g)].map((match) => match[1] ?? '');
}

function lineEndings(text: string): 'crlf' | 'lf' | 'mixed' {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length;
  return crlf === lf ? 'crlf' : crlf === 0 ? 'lf' : 'mixed';
}
