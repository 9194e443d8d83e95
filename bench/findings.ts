/**
 * What the profiles said, in words, for results.md: why a target can be missed, and what was
 * changed in src/ with the figures measured before and after each change (during development,
 * on the machine named in results.md). Kept apart from the measuring code so that the words
 * are reviewed like any other text.
 */
import { LATENCY_MS, NOOP_IN_PROCESS_TARGET } from './bounds.js';
import type { BenchResults } from './report.js';
import { ms, type Row } from './table.js';

export const BOUND_NOTES: readonly string[] = [
  "**Where the emulator runs.** In a child process (the default). Measured both ways on the full sizes: the no-op plan took 744–769 ms with the emulator in a child process and 855–886 ms in-process, the apply 6.37–6.43 s against 7.00–7.06 s. In-process, every millisecond the emulator spends shaping JSON is a millisecond the client's event loop cannot spend, so the client would be charged for the server's work. `--emulator in-process` is kept for comparison.",
  "**How (d) is measured.** Each size runs in a fresh Node process, in the order `tpsync plan` works: the YAML files are read, then loaded and validated (measured), then the remote state is read (not measured: it stands in for the HTTP read, from lines of 50 resources like the pages the client receives), then the plan is built (measured). The remote state matches the YAML, so the plan is a no-op that compares every field of every property. Peak RSS is `process.resourceUsage().maxRSS` of that process, Node itself included. The yaml library's own cost is measured apart, in another fresh process that only parses the same files with the loader's options.",
  '**Warm and cold.** The no-op plan is run once cold (the first run in the process: JIT, connections) and then five times; the table gives the median of the warm runs and the cold run beside it.',
  "**Whole process.** The rows marked \"whole process\" spawn the bundle (`node dist-action/tpsync.mjs …`, what the Action's step and the npm package's `tpsync` run) with the emulator in its child process, and time it from spawn to exit; Node's own start-up (`node -e 0`, timed the same way) is subtracted, tpsync's module loading is not. CPU time and peak RSS come from GNU time. They answer a different question from the in-process rows: what a CI job pays, start-up, YAML, reads, planning and (for apply) the verification plan included.",
  "**A busy machine.** Wall times need a quiet machine. When the 1-minute load average above is higher than the number of cores, other processes take turns on the CPU and every wall time grows with them; the CPU times (GNU time, and `process.cpuUsage` in (d)) grow much less and are the figures to compare. The lead's quiet re-run is the reference.",
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
  '| `src/tracking-plan/fast-yaml.ts`, `yaml-source.ts`, `load-plan.ts` (issue 13) | A valid file is parsed by js-yaml 4 under guards (any doubt goes to `yaml`); positions of mappings and lists come from offsets it records, every other position from parsing the file again with `yaml` only when an issue needs one; the checks across files look positions up only to report. Chosen by measurement: on the 10,000-property plan js-yaml 4 parsed in 133 ms, js-yaml 5 in 443 ms (its event parser alone 335 ms), `yaml` in 1,160 ms (one cold pass each, one core); js-yaml 4 accepts 13 invalid inputs of the YAML test suite, which the guards turn into doubts. | parsing 100,000 properties (own process, CPU) 8.7 s → 0.69–0.87 s on a loaded machine (5.6 s → about 0.5 s quiet); `tpsync validate` of 10,000 properties 1.82 s → 0.68 s of CPU |',
  "| `scripts/compile-validators.mjs`, `schema-check.ts`, `response-schema.ts` (issue 13) | ajv standalone code generated at build time for the tracking-plan schema and the response schemas: no process compiles a schema or loads ajv's compiler (ajv import 41–48 ms, plan schema 51 ms, response schemas 67–68 ms of CPU). | `tpsync validate` of 10,000 properties 0.68–0.75 s → 0.50 s of CPU; `tpsync --version` 0.24 → 0.14 s |",
  '| `src/plan/build-plan.ts` (issue 13) | The two fingerprints are computed on first read (a saved plan, JSON, the staleness check), not for every plan. | a no-op plan of 10,000 properties shown as text: 100–170 ms (remote) + 20–43 ms (plan) of CPU → 0 |',
  '| `src/cli/prepare-plan.ts`, `early-read.ts` (issue 13) | `plan` and `apply` open the connection and start reading Secoda as soon as the header file is parsed (it is parsed first), and loading yields between files so that requests go out meanwhile; errors are still reported in the old order. | whole-process no-op plan of 10,000 properties: 2.53–2.58 s → 1.09–1.12 s of user CPU (loaded machine; all of issue 13 together) |',
  "| `src/apply/execute-plan.ts` (issue 13) | The executor waits on a count of operations in flight instead of `Promise.race` over every pending one (2,000 property creates are pending at once behind the client's p-limit: O(n²)). | 2,210 tasks settling 8 at a time: 1.69–1.92 s of CPU → 2–8 ms (bench-style micro-benchmark) |",
  '| `src/cli/progress.ts` (issue 13) | CI progress lines written once per turn of the event loop. | 2,210 lines into a pipe: 7.8–9.7 ms → 5.2–6.3 ms |',
  "| `src/tracking-plan/semantic-rules.ts`, `src/cli/commands/plan-size.ts` (issue 13) | A property is described (its title and its event's) only for a message; counts grouped without ICU. | about 110 ms of a 100,000-property load's profile; 12 ms of `validate` |",
  "| `scripts/bundle.mjs`, `action.yml`, `package.json` (issue 13) | One esbuild bundle (2.5 MB) for the Action and the npm package: no `npm ci` on the runner (625 MB of `node_modules` in a checkout), no dependencies to install from npm. | the Action's install step: `npm ci` of the repository on a cache miss, `tsc` on a hit → none; npm install of the package: 2.6 MB, 1 package |",
  "| `scripts/bundle.mjs` (issue 13) | The bundle split with esbuild's code splitting: the entry file (570 kB) holds what every command needs; the emulator, octokit, `@actions/core`, the payload checker and the schema builder are chunks that only the commands using them load. | `tpsync --version` 0.14 → 0.09 s of CPU (Node alone 0.05 s) |",
  "| `src/cli/early-read.ts`, `connection.ts`, `prepare-plan.ts`, `src/tracking-plan/load-plan.ts` (issue 13) | The HTTP client (a chunk) starts loading while the plan files are read; the header file is parsed first and the other files wait until the first requests are out; then the load runs a file at a time, with a turn of the event loop after each file's parse, its checks and its normalising (steps of a few ms), where it used to parse every file and then check them all in one go that held the thread for about 100 ms. | whole-process no-op plan, median beyond Node: 1.10 s → 0.99 s (1.89× → 1.71×); first request 200 → 100 ms into the process; reading span in the process 780 → 725–750 ms |",
  "| `src/plan/compare.ts`, `field-diff.ts`, `compatibility-placement.ts` | Timestamps in the API's own form (`…T10:00:00.123456Z`) keyed with `Date.UTC` instead of string building and `Date.parse` (a property test holds it to `Date.parse` on every shape, valid or not); an enum compared as text before it is parsed; the header check no longer looks up a position it does not report. | cold planning step of the whole-process no-op plan (profile): `buildPlan` 69 → 53 ms, `diffPropertyShape` 19 → 1 ms, `sortOldestFirst` 15 → 12 ms; warm in-process planning unchanged (49 / 52 ms) |",
  "| `src/tracking-plan/read-plan-files.ts` | Plan files read with Node's synchronous calls (same checks, same order: `lstat`, `open` with `O_NOFOLLOW`/`O_NONBLOCK`, `fstat` on the descriptor, a bounded read). The promise API cost a thread-pool round trip and a FileHandle per call, on the thread that sends the first requests. | the 41 files of the 10,000-property plan: 16–26 ms → 2–3 ms of CPU |",
  "| `src/tracking-plan/text-rules.ts`, `deprecation-rules.ts` | The check for `None` and invisible characters walks the YAML with one path it extends and cuts back (a copy only for a report), not a new array for every value; a property's path for the deprecation check only when it has a `deprecated:` block. | with the line above: loading the 10,000-property plan in a fresh process 250 → 225 ms of wall time (median of 9) |",
  "| `scripts/bundle.mjs`, `scripts/bundle-stubs/` | got's packages for options tpsync never sets (`http2-wrapper`, `cacheable-request`, `cacheable-lookup`, and with them `keyv` and `http-cache-semantics`) replaced in the bundle by stand-ins that throw if ever used; a test runs the bundle's https path. | the HTTP client chunk 284 → 186 kB; loading it 49 → 37 ms beyond Node's start (median of 30) |",
  '| `src/secoda/response-schema.ts` | An ID list is checked as `type: [array, null]` instead of `anyOf: [null, array]`: ajv builds an error object for each failed branch, so every good list cost one (six per resource, 60,000 per read of 10,000 properties). Empty lists share one frozen list. | `validate10` (the resource check) 33 ms → a few ms of a whole-process profile, and 60,000 fewer objects to collect |',
  "| `src/secoda/http-transport.ts` | The query encoded into the URL (URLSearchParams, as got's `searchParams` would) and the usual per-attempt timeout set once on the got instance: got merges every option a request gives into a copy of its defaults. An answer is parsed a turn of the event loop after it arrives, once the requests its slot (and the answers that came with it) freed have gone out. | got's CPU per GET 800–850 → 770–790 µs (micro-benchmark); the turn: within the noise of the whole-process figure |",
  "| `src/plan/compare.ts`, `build-plan.ts`, `src/tracking-plan/load-plan.ts`, `types.ts` | Timestamps in the API's form keyed digit by digit (no regular expression, captures or Date; the property test still holds it to `Date.parse`); remote events sorted once, not twice; a property with nothing to change and no copies builds nothing (no path, no change lists); plan properties built field by field, not from five spread objects; no source reference on plan properties (nothing read one: issue 13, item 2); lists equal as written compared without sets; ASCII titles skip ICU's NFC; a remote list already oldest first is checked, not sorted again; an event's parent described and a property's path built only for a message. | (d) at 10,000 properties in a fresh process (median of 9): load 349 → 311 ms, planning 111 → 92 ms; warm planning of 10,000 properties 23 → 19 ms |",
  "| all of the above (issue 13) | — | whole-process no-op plan, median beyond Node: 0.99 s → 0.90 s (1.71× → 1.55×); first request about 95 ms into the process (Node's own start about 20 ms of it) |",
  '| `src/secoda/pacer.ts` | Besides spacing writes 60/N s apart, a write waits until the write N places before it left more than a minute (plus 0.5 s) ago. Even spacing alone let a sliding minute hold N + 1 writes whenever an earlier write was a little late and a later one on time. | (c) 720 writes at 600/min against the same limit: one 429 → none; 599.2 → 595.8 writes/min |',
  "| `src/secoda/catalog-listing.ts`, `src/emulator/routes-catalog.ts`, `src/cli/name-drift.ts` (issue 23) | Events listed through the Resources catalog (the events list only when the catalog answers 404/410); the emulator keeps a filter's matches until the store changes, as for the other lists, so a catalog read page by page is filtered once. Drift attribution asks the audit log only when the plan holds drift. | (a) at 40 / 1,000 / 10,000, emulator in process, 20 ms latency, on a machine at load 14–24: read + plan, medians of 5 warm runs in three alternating rounds, catalog 1.34–1.86 s vs events list 1.47–1.93 s (no difference beyond the noise); 221 requests (222 with the fallback's 410); 0 audit requests on the no-op plan |",
];

/** Tried because a profile suggested it, measured, and not kept. */
/**
 * Issue 22's complexity budget: each speed trick of issue 13 measured alone against the whole
 * process, kept only if it saved at least 10%. Measured once, on the machine named in results.md
 * (2-core AMD EPYC, Node 20, shared with other jobs: load average 3-4), by building the bundle
 * from the same commit with one trick taken out and timing the two in alternation (8-10 pairs;
 * the ratio of each pair is what counts).
 */
export const BUDGET: readonly string[] = [
  "A speed trick stays only if it saves at least 10% of a command's whole-process wall time at a realistic size: the no-op plan of 40 / 1,000 / 10,000 against the emulator in another process at 20 ms a request, `--concurrency 8` (scenario (a)), and for apply's output an `apply --local` of 4 / 200 / 2,000 from an empty store. Each row is the median, over alternating pairs of runs, of (time without the trick) / (time with it).",
  '',
  '| trick | command | pairs | without / with (wall) | verdict |',
  '|---|---|--:|--:|---|',
  '| early read: Secoda read while the YAML still loads (`src/cli/early-read.ts`) and the loader as a generator that yields between files | no-op plan | 10 | 1.08 (0.87–1.28) | removed: under 10% |',
  '| lazy fingerprints (getters on the plan) and `plan-copy.ts` | no-op plan | 10 | 1.04 (0.80–1.30) | removed |',
  '| `StringPool` (one copy of each distinct text of the loaded plan) | no-op plan | 10 | 0.95 (0.80–1.41) | removed |',
  '| `utcMicros` (timestamps read digit by digit) | no-op plan | 10 | 1.01 (0.90–1.28) | removed |',
  "| apply's step lines written once per turn of the event loop | `apply --local`, 2,210 creates | 6 | 0.99 (0.84–1.08) | removed |",
  '| a fast YAML parser in front of `yaml` (then js-yaml 4 under guards) | no-op plan | 8 | 1.87 | kept |',
  '| the same | `validate`, 10,000 properties | 8 | 3.94 (1.40 s against 0.36 s) | kept |',
  '',
  'The fast parser is the one trick that pays, so it stays behind one seam: js-yaml 5, which passes the whole YAML test suite, replaced js-yaml 4 and the guards that made up for its laxness (parsing the 41 files of the 10,000-property plan in one process: js-yaml 4.1 121–163 ms, js-yaml 5.5 355–427 ms cold and about 155 ms warm, `yaml` 1,013–1,073 ms). `yaml` stays the reference for syntax errors and positions.',
];

export const TRIED: readonly string[] = [
  '- **Loading on a worker thread** (the main thread only reading Secoda): whole-process CPU +90 ms and no faster on two cores. The worker must start and load the loader again, and the loaded plan arrives as one structured clone that holds the main thread for 20–40 ms in the middle of the read (the answers waiting behind it: 30–39 ms at the 90th percentile instead of 10–20).',
  "- **Pacing the load's steps into the gaps between the read's bursts of answers** (a forecast of the next answer from the requests on the wire and the quickest answer seen; a step waits, at most 30 ms, until it fits before the next burst): the answers' median wait for their successor early in the read fell from 5–9 to 3–4 ms, but the read took as long (704 against 704 ms from first request to last answer, median of 20 runs each), so it was not kept.",
  '- **V8 flags**: `--max-semi-space-size=32`, `--min-semi-space-size=16`, `--single-threaded-gc`, `--no-maglev`, `--always-sparkplug`: none better than the defaults (medians of 10–12 whole-process runs within a few ms, or worse). The Action could not pass them anyway.',
  '- **Minified identifiers** in the bundle: 423 kB instead of 568 kB for the entry, and no change in start-up (V8 pre-parses either in the same time).',
  '- **Evaluating `yaml` only on first use** (it is needed only for a file the fast path doubts, and for positions): 5 ms of start-up, which did not pay for a lazy loader around a synchronous API.',
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
      `most of it is not tpsync's: a bare node:http client that only parses the JSON reads the same pages in ${ms(noop.bareReadMs)} (${(noop.bareReadMs / noop.timeBoundMs).toFixed(2)}× the bound; the emulator's 20 ms timers fire a little late, Fastify answers, and the answers of a round arrive together and are parsed one after the other), so tpsync's client (got, the response checks, the conversion) adds ${ms(Math.max(0, noop.readMs - noop.bareReadMs))}. ` +
      'Planning is matching and diffing every property (no fingerprints: they are computed only for a saved or JSON plan); the cold run adds JIT warm-up. ' +
      `Against this emulator the target (${NOOP_IN_PROCESS_TARGET}×, ${ms(NOOP_IN_PROCESS_TARGET * noop.timeBoundMs)}) leaves the client and the planner ${ms(Math.max(0, NOOP_IN_PROCESS_TARGET * noop.timeBoundMs - noop.bareReadMs))} together.`,
  },
  {
    match: (row) => row.scenario.startsWith('(b)') && row.figure === 'apply wall time',
    text: () =>
      'each create costs the client and the emulator about 1 ms of CPU beyond the 20 ms latency (got, Fastify, JSON), and with eight in flight that adds up per round.',
  },
  {
    match: (row) => row.figure.startsWith('whole process: `tpsync plan`'),
    text: ({ noop, process }) =>
      `the process spent ${process.noopPlan.cpuMs === undefined ? 'an unknown amount of' : ms(process.noopPlan.cpuMs)} of CPU (Node's start included) against a read that needs ${ms(noop.timeBoundMs)} of waiting: it is bound by CPU, not by the network, unless the machine is quiet. ` +
      'Profiles of single runs (`node --cpu-prof dist-action/tpsync.mjs plan …`, development machine, about 0.9 s from spawn to exit) show the main thread busy for about 0.75 s of it: ' +
      'loading modules until the first request leaves at about 95 ms (Node itself about 20 ms; the entry file, the built-in modules it needs and the HTTP client chunk the rest), ' +
      'loading the YAML about 200 ms (js-yaml under guards, the schema check, the semantic rules, normalising; a file at a time between answers), ' +
      "taking in the 221 answers about 300 ms (got's per-request work, see (f); the socket write of each request, which on this virtual machine's loopback costs about 0.1 ms in the kernel; JSON.parse of 75 kB pages; the response checks and conversion), " +
      'garbage collection 110–130 ms, and finishing the read and planning after the last answer about 60 ms. ' +
      'The answers of a round arrive together and are taken in one after the other, so each round pays for the work on all of them. ' +
      'What is left to cut is spread thin: no single function is above 5% of the profile.',
  },
  {
    match: (row) => row.figure.startsWith('whole process: `tpsync apply`'),
    text: ({ apply, process }) =>
      `besides the apply itself (in process: ${ms(apply.wallMs)}), the process pays its start-up, loading the YAML, the planning read (3 pages) and the verification plan (${apply.verifyBound} pages, ${Math.ceil((apply.verifyBound - 3) / 8) + 1} rounds of 20 ms at least), ${process.apply.cpuMs === undefined ? '' : `${ms(process.apply.cpuMs)} of CPU in all, `}most of it got's per-request cost on the ${apply.changes.toLocaleString('en-US')} creates (see (f)) and the apply's own bookkeeping, now linear (see below).`,
  },
  {
    match: (row) => row.figure.startsWith('whole process: `tpsync validate`'),
    text: ({ process }) =>
      `validate spent ${process.validate.cpuMs === undefined ? 'an unknown amount of' : ms(process.validate.cpuMs)} of CPU; it needs no network, so its wall time is its CPU time on a quiet machine. When the machine is busy the wall time is several times the CPU time (see the load average above).`,
  },
  {
    match: (row) => row.scenario.startsWith('(d)') && row.figure.startsWith('CPU time'),
    text: ({ cpu }) => {
      const last = cpu.at(-1);
      return (
        `the fast parser alone takes ${last ? ms(last.fastCpuMs) : '?'} of it (the yaml library would take ${last ? ms(last.yamlCpuMs) : '?'}); the rest of loading ${last ? ms(Math.max(0, last.loadCpuMs - last.fastCpuMs)) : '?'} is the schema check, the semantic rules, normalising (with a shared string for each distinct text) and the positions of categories, events and properties; planning ${last ? ms(last.planCpuMs) : '?'} is matching and diffing every field of every property. ` +
        'About a third of the whole is garbage collection: the raw data of each file and its normalised copy are both alive until the file is done. On a loaded machine every CPU figure is inflated too (caches and cores are shared): compare with the yaml-only figure of the same run.'
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
