/**
 * What the profiles said, in words, for results.md: why a target can be missed, and what was
 * changed in src/ with the figures measured before and after each change (during development,
 * on the machine named in results.md). Kept apart from the measuring code so that the words
 * are reviewed like any other text.
 */
import { LATENCY_MS } from './bounds.js';
import type { BenchResults } from './report.js';
import { ms, type Row } from './table.js';

export const BOUND_NOTES: readonly string[] = [
  "**Where the emulator runs.** In a child process (the default). Measured both ways on the full sizes: the no-op plan took 744–769 ms with the emulator in a child process and 855–886 ms in-process, the apply 6.37–6.43 s against 7.00–7.06 s. In-process, every millisecond the emulator spends shaping JSON is a millisecond the client's event loop cannot spend, so the client would be charged for the server's work. `--emulator in-process` is kept for comparison.",
  "**How (d) is measured.** Each size runs in a fresh Node process, in the order `tpsync plan` works: the YAML files are read, then loaded and validated (measured), then the remote state is read (not measured: it stands in for the HTTP read, from lines of 50 resources like the pages the client receives), then the plan is built (measured). The remote state matches the YAML, so the plan is a no-op that compares every field of every property. Peak RSS is `process.resourceUsage().maxRSS` of that process, Node itself included. The yaml library's own cost is measured apart, in another fresh process that only parses the same files with the loader's options.",
  '**Warm and cold.** The no-op plan is run once cold (the first run in the process: JIT, connections) and then five times; the table gives the median of the warm runs and the cold run beside it.',
];

export const CHANGES: readonly string[] = [
  "Each change below was made because a profile (`node --cpu-prof`) pointed at it, and kept because the figure after it is better; behaviour is unchanged (the test suite passes, and the emulator's list responses were compared byte for byte before and after). Figures are from the time of each change, so they are not all comparable with the table above or with each other: the way (d) is measured was refined along the way (first reading the remote state before loading, then in the order `tpsync plan` works; first from one 50 MB JSON text, then from page-sized lines).",
  '',
  '| where | change | measured before → after |',
  '|---|---|---|',
  "| `src/emulator/store.ts`, `routes-events.ts`, `routes-categories.ts`, `resource-json.ts` | Lists filtered without copying every record on every page; a record's parent key computed once; child counts kept up to date instead of recounted (with a regex per record) on every request. The emulator, not the client, was the bottleneck: `idKey` 9.9 s and `childCounts` 8.2 s of a 30 s profile. | (a) no-op plan 6.42 s → 1.42 s in-process, 7.93 s → 1.80 s in a child; (b) apply 10.3 s → 7.1 s |",
  '| `src/emulator/store.ts`, `route-context.ts` | The filtered list and its totals remembered until the store changes, so a page costs O(page size), not O(list). | (a) reading the three lists 1.0–1.1 s → 0.75–0.81 s |',
  "| `src/emulator/store.ts`, `route-context.ts` | Each resource's JSON text remembered until the store changes; a list page is the join of those texts (byte-identical to before). | time per read round 23.0 → 22.0 ms (reading 665–710 → 645–680 ms) |",
  '| `src/plan/fingerprint.ts` | The remote and plan fingerprints hash the same canonical JSON, streamed piece by piece instead of built as one string from deep key-sorted copies; ids normalised once per item, not once per comparison while sorting. A property test checks the hashes against the old definition. | (d) planning 10,000 properties 437 → 241 ms, 100,000: 4.63 → 1.51 s |',
  "| `src/tracking-plan/load-plan.ts` | Files loaded one at a time: each file's YAML document is dropped once the file is checked and normalised, keeping only a few positions for the checks across files. | (d) peak RSS at 50,000 properties 700 → 448 MB, at 100,000: 947 → 835 MB |",
  '| `src/tracking-plan/string-pool.ts`, `load-plan.ts` | Each distinct text of the loaded plan kept once (titles, types, descriptions, ids repeat thousands of times, and the yaml library hands over each occurrence as its own, often unflattened, string). | loaded plan of 100,000 properties 105 → 37 MB of heap; (d) at 100,000: planning 1.67 → 1.10 s, peak RSS 549 → 362 MB |',
  '| `src/ids.ts`, `src/plan/fingerprint.ts` | `idKey` answers remembered (bounded); empty id lists shared. | planning 10,000 properties (warm) 85 → 65 ms |',
  '| `src/secoda/pagination.ts`, `client.ts` | Items validated and converted as each page arrives (overlapping the requests still in flight) instead of all after the last page; failures still surface only for items used, in the same order. | time from the last response to the end of the read 50–75 ms → 7–11 ms |',
  '| `src/secoda/response-schema.ts` | A property built as one object literal, not by spreading the common fields and adding three: V8 kept the three outside the object, and the planner reads every field. | planning 10,000 properties after a read 135–145 → 70–90 ms |',
  '| `src/plan/compare.ts`, `build-plan.ts` | Remote lists sorted oldest-first with each timestamp parsed once, not twice per comparison. | timestamp work 11.6 → 6.8 ms per plan of 10,000 |',
  '| `src/plan/fingerprint.ts` | Quoted object keys cached; lists of strings written by one `JSON.stringify`. | plan fingerprint of 10,000 properties 19–20 → 16.6 ms |',
  '| `src/secoda/pacer.ts` | Besides spacing writes 60/N s apart, a write waits until the write N places before it left more than a minute (plus 0.5 s) ago. Even spacing alone let a sliding minute hold N + 1 writes whenever an earlier write was a little late and a later one on time. | (c) 720 writes at 600/min against the same limit: one 429 → none; 599.2 → 595.8 writes/min |',
];

interface Note {
  readonly match: (row: Row) => boolean;
  readonly text: (results: BenchResults) => string;
}

const NOTES: readonly Note[] = [
  {
    match: (row) => row.scenario.startsWith('(a)') && row.figure.startsWith('wall time'),
    text: ({ noop }) =>
      `the wall time is reading (${ms(noop.readMs)}, ${(noop.readMs / noop.timeBoundMs).toFixed(2)}× the bound) plus planning (${ms(noop.planCpuMs)} of CPU for ${noop.shape.properties.toLocaleString('en-US')} properties, which no network bound counts). ` +
      `Reading pays ${((noop.readMs - noop.timeBoundMs) / (noop.timeBoundMs / LATENCY_MS)).toFixed(1)} ms a round over its ${noop.timeBoundMs / LATENCY_MS} rounds: ` +
      "the emulator's 20 ms timers fire a little late, and each response costs the client about 1.5 ms (got, `JSON.parse` of a 75 kB page, validation) before that slot's next request leaves. " +
      'Planning is mostly hashing the remote state and the plan for the fingerprints (about a third) and diffing every property; the cold run adds JIT warm-up.',
  },
  {
    match: (row) => row.scenario.startsWith('(b)') && row.figure === 'apply wall time',
    text: () =>
      'each create costs the client and the emulator about 1 ms of CPU beyond the 20 ms latency (got, Fastify, JSON), and with eight in flight that adds up per round.',
  },
  {
    match: (row) => row.scenario.startsWith('(d)') && row.figure.startsWith('CPU time'),
    text: ({ cpu }) => {
      const last = cpu.at(-1);
      const yaml = last ? ms(last.yamlCpuMs) : 'most of it';
      return (
        `the yaml library alone takes ${yaml} to parse these files in a process of its own: more than the whole budget before tpsync does anything. ` +
        'Its parser builds a chain of generators per token and reads `process.env.LOG_TOKENS` for every token (removing that read alone saved about 20% of its CST parse here); its maintainer closed a report of its throughput as not actionable (eemeli/yaml#461). ' +
        `tpsync's own share is the rest: about ${last ? ms(Math.max(0, last.loadCpuMs - last.yamlCpuMs)) : '?'} of loading (schema, semantic rules, normalising, positions) and ${last ? ms(last.planCpuMs) : '?'} of planning (matching, diffing, the two fingerprints). ` +
        'Meeting 1 s needs a different parser (a streaming, position-keeping parser of the YAML subset tracking plans use, falling back to `yaml` for errors) — a larger change than this issue\'s "small, behaviour-preserving" remit, so it is left as the next step.'
      );
    },
  },
  {
    match: (row) => row.scenario.startsWith('(d)') && row.figure.startsWith('peak RSS'),
    text: ({ cpu }) => {
      const last = cpu.at(-1);
      return (
        `the yaml library alone peaks at ${last ? Math.round(last.yamlPeakRssMB) : '?'} MB on these files; the remote state of 100,000 properties (as the client holds it) and the loaded plan come on top. ` +
        "Between full collections V8 lets the old generation grow to a few times the live data while each file's YAML document (several MB, living long enough to be promoted) turns into garbage. " +
        "Dropping each document after its file and sharing repeated strings (see below) took the peak from 947 MB to about 250 MB on the development machine; what is left is the live data and V8's headroom."
      );
    },
  },
];

export function missNote(row: Row, results: BenchResults): string {
  return NOTES.find((note) => note.match(row))?.text(results) ?? 'not explained by a profile yet.';
}
