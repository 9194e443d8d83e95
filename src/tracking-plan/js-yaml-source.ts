/**
 * The SourceFile of a file read by js-yaml (js-yaml-route.ts). Mappings and lists are located
 * from the offsets it recorded (where `yaml` puts them too: the first key, the first `-`, the
 * bracket); strings are their own text, and numbers and booleans the text they were written as
 * when it is the only one. Anything else (a key's position, a scalar's) parses the text with
 * `yaml`, once, when first asked: that is only for an issue to report.
 */
import { documentPositionsOf } from './yaml-route.js';
import type { DocumentPositions } from './yaml-positions.js';
import type { JsYamlRead } from './js-yaml-route.js';
import type { PathSegment, Position, SourceFile } from './source-file.js';

/** `file`'s SourceFile, from its text and what js-yaml read of it. */
export function jsYamlSource(file: string, text: string, read: JsYamlRead): SourceFile {
  const { data, starts, scalarTexts } = read;
  let exact: DocumentPositions | undefined;
  const slow = (): DocumentPositions => (exact ??= documentPositionsOf(text));
  let lines: LineStarts | undefined;
  return {
    file,
    data,
    locate: (path, part = 'value') => {
      if (part === 'value') {
        const found = valueAt(data, path);
        if (found.complete && typeof found.value === 'object' && found.value !== null) {
          const offset = starts.get(found.value);
          if (offset !== undefined) return (lines ??= new LineStarts(text)).position(offset);
        }
      }
      return slow().locate(path, part);
    },
    sourceText: (path) => {
      const found = valueAt(data, path);
      if (!found.complete) return undefined;
      const value = found.value;
      if (typeof value === 'string') return value;
      if (typeof value === 'object' && value !== null) return undefined;
      const written = scalarTexts.get(value);
      return typeof written === 'string' ? written : slow().sourceText(path);
    },
  };
}

/** Where `path` leads in plain data, stepping as `yaml`'s document is walked (list items by number, keys by text). */
function valueAt(data: unknown, path: readonly PathSegment[]): { complete: boolean; value: unknown } {
  let value = data;
  for (const segment of path) {
    if (Array.isArray(value)) {
      if (typeof segment !== 'number' || segment < 0 || segment >= value.length) return { complete: false, value };
      value = value[segment];
    } else if (typeof value === 'object' && value !== null && Object.hasOwn(value, String(segment))) {
      value = (value as Record<string, unknown>)[String(segment)];
    } else {
      return { complete: false, value };
    }
  }
  return { complete: true, value };
}

/** Line and column (1-based, UTF-16 units, as `yaml`'s LineCounter counts them) of offsets in one text. */
class LineStarts {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) this.starts.push(at + 1);
  }

  position(offset: number): Position {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (this.starts[low] ?? 0) + 1 };
  }
}
