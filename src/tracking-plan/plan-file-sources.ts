/**
 * The parses of one load, each file parsed once for its turn. Settings that span files (shared
 * property definitions, the rules of src/rules) must be known before any file is checked, so
 * the files that may hold a top-level key that carries them (`properties:`, `rules:`, found by a
 * byte search, not a parse) are parsed first and their parse is kept until their turn. After its
 * turn a file's source is dropped (a plan of 100,000 properties never holds every file's data at
 * once); one asked for later (to locate a definition written twice) is parsed again, once.
 * Pure.
 */
import { parseYamlSource, type YamlParser } from './parse-yaml.js';
import type { PlanFileInput } from './plan-file-input.js';
import type { SourceFile, SourceResult } from './source-file.js';

/** The parses of one load's files (in path order), each made for its turn, early, or after its turn. */
export class PlanFileSources {
  private readonly early = new Map<number, SourceResult>();
  private readonly afterTurn = new Map<number, SourceFile | undefined>();

  /** `files` in path order; `earlyKeys`: the top-level keys whose files are parsed first. */
  constructor(
    private readonly files: readonly PlanFileInput[],
    private readonly parser: YamlParser,
    earlyKeys: readonly string[],
  ) {
    files.forEach((file, index) => {
      if (mayHoldTopLevelKey(file.bytes, earlyKeys)) this.early.set(index, this.parse(index));
    });
  }

  /** The files parsed first that parse, with their index, in path order. */
  earlySources(): { index: number; source: SourceFile }[] {
    const sources: { index: number; source: SourceFile }[] = [];
    for (const [index, parsed] of this.early) if (parsed.ok) sources.push({ index, source: parsed.source });
    return sources;
  }

  /** The parse of file `index` for its turn: the early one when there was one (handed over once). */
  atTurn(index: number): SourceResult {
    const early = this.early.get(index);
    if (early === undefined) return this.parse(index);
    this.early.delete(index);
    return early;
  }

  /** File `index`'s source after its turn, parsed again once; undefined when it does not parse. */
  sourceAfterTurn(index: number): SourceFile | undefined {
    if (!this.afterTurn.has(index)) {
      const parsed = this.early.get(index) ?? this.parse(index);
      this.afterTurn.set(index, parsed.ok ? parsed.source : undefined);
    }
    return this.afterTurn.get(index);
  }

  private parse(index: number): SourceResult {
    const file = this.files[index];
    if (file === undefined) throw new RangeError(`no file ${index} in this load`);
    return parseYamlSource(file.path, file.bytes, this.parser);
  }
}

/**
 * Whether a line of the file may start with one of `keys` as a top-level key (bare or quoted).
 * A false hit only parses a file early. Hopping from newline to newline (a native search) and
 * looking at the byte after each keeps this cheap on every file of every load.
 */
function mayHoldTopLevelKey(bytes: Uint8Array, keys: readonly string[]): boolean {
  const written = keys.flatMap((key) => [key, `"${key}"`, `'${key}'`]);
  const firstBytes = new Set(written.map((key) => key.charCodeAt(0)));
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const startsKey = (at: number) => written.some((key) => buffer.toString('latin1', at, at + key.length) === key);
  const first = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  if (startsKey(first)) return true;
  for (let newline = buffer.indexOf(0x0a); newline !== -1; newline = buffer.indexOf(0x0a, newline + 1)) {
    const next = buffer[newline + 1];
    if (next !== undefined && firstBytes.has(next) && startsKey(newline + 1)) return true;
  }
  return false;
}
